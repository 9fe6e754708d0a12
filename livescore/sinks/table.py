"""The live table: a Rich ``Live`` that redraws only when what it shows has changed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from rich.console import Console, RenderableType
from rich.live import Live

from livescore.board import Board
from livescore.health import Health
from livescore.model import Event, FeedEvent
from livescore.render.lines import status_text
from livescore.render.table import footer, render_board
from livescore.teams import TeamSpec

HIGHLIGHT_FOR = timedelta(seconds=5)
Key = tuple[str, str, str]


class TableSink:
    """One row per game; a row whose score just changed stays highlighted for a few seconds."""

    def __init__(
        self,
        console: Console,
        *,
        once: bool = False,
        title: str = "livescore",
        favourites: Sequence[TeamSpec] = (),
        empty: str = "no games yet",
        zone: tzinfo | None = None,
    ) -> None:
        self.console = console
        self.empty = empty
        self.zone = zone
        self.favourites = tuple(favourites)
        self.once = once
        self.title = title
        self._until: dict[Key, datetime] = {}
        self._shown: object = None
        self._live: Live | None = None
        if not once:
            self._live = Live(
                console=console,
                auto_refresh=False,
                transient=False,
                redirect_stdout=False,
                redirect_stderr=True,
                vertical_overflow="visible",
            )
            self._live.start()

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        for event in events:
            if event.kind == "score":
                self._until[event.game.key] = now + HIGHLIGHT_FOR
        self.refresh(board, health, now)

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        self.refresh(board, health, now)  # the footer says it

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        """Redraw if anything visible differs from the last drawing (cheap check first)."""
        if self._live is None:
            return
        self._until = {k: t for k, t in self._until.items() if t > now}
        signature = (
            board.seq,
            frozenset(self._until),
            footer(health, len(board), now).plain,
            tuple(status_text(g, now) for g in board if g.clock_running),
        )
        if signature == self._shown:
            return
        self._shown = signature
        self._live.update(self._render(board, health, now), refresh=True)

    def close(self, board: Board, health: Health, now: datetime) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
        elif self.once:
            self.console.print(self._render(board, health, now))

    def _render(self, board: Board, health: Health, now: datetime) -> RenderableType:
        return render_board(
            board,
            now=now,
            health=health,
            highlight=set(self._until),
            title=self.title,
            favourites=self.favourites,
            empty=self.empty,
            zone=self.zone,
        )
