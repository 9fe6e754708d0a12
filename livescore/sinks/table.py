"""The live table: drawn on the full screen (``screen.py``), again only when what it shows
has changed; the footer is the one place for diagnostics while it is up."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from rich.console import Console, RenderableType

from livescore.core.board import Board
from livescore.core.health import Health
from livescore.core.model import Event, FeedEvent, Game
from livescore.core.teams import GameFilter, TeamSpec
from livescore.render.lines import matchup, shown_status, status_text
from livescore.render.table import Plan, footer, plan, render_board
from livescore.sinks import Sink
from livescore.sinks.screen import Screen

HIGHLIGHT_FOR = timedelta(seconds=5)
_RETRYING = re.compile(r" \(retrying in [0-9.]+s[^)]*\)$")
Key = tuple[str, str, str]


class TableSink(Sink):
    """One row per game; a row whose score just changed stays highlighted for a few seconds.

    On a terminal (and not ``--once``) the table is live on the full screen; otherwise it is
    printed once, at the end."""

    def __init__(
        self,
        console: Console,
        *,
        once: bool = False,
        title: str = "livescore",
        favourites: Sequence[TeamSpec] = (),
        empty: str = "no games yet",
        zone: tzinfo | None = None,
        following: bool = False,
    ) -> None:
        self.console = console
        self.empty = empty
        self.zone = zone
        self.favourites = tuple(favourites)
        self.once = once
        self.title = title
        self.following = following  # --team: one game on the board is the followed game
        self._until: dict[Key, datetime] = {}
        self._shown: object = None
        self._plans: dict[int, Plan] = {}  # width → the columns so far (they only grow)
        self._notes: Counter[str] = Counter()
        self._note: str | None = None
        self._state: tuple[Board, Health, datetime] | None = None
        self.screen: Screen | None = None
        if not once and console.is_terminal:
            self.screen = Screen(console, console.file)
            self.screen.start()
            self.screen.title(title)

    def note(self, message: str) -> bool:
        """A diagnostic while the table is up: in the footer now, in one summary at exit
        (each message once, counted; a retry's countdown is not part of the message).
        A table that is not live on the screen leaves it to stderr."""
        if self.screen is None:
            return False
        self._notes[without_countdown(message)] += 1
        self._note = message
        return True

    def summary(self) -> list[str]:
        """Each diagnostic of the run once, with how often it came (for stderr at exit)."""
        return said_once(self._notes)

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        for event in events:
            if event.kind == "score":
                self._until[event.game.key] = now + HIGHLIGHT_FOR
        self.refresh(board, health, now)

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        self.refresh(board, health, now)  # the footer says it

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        """Redraw if anything visible differs from the last drawing (cheap check first)."""
        self._state = (board, health, now)
        if self.screen is None:
            return
        self._until = {k: t for k, t in self._until.items() if t > now}
        signature = (
            board.seq,
            frozenset(self._until),
            footer(health, len(board), now, self._note).plain,
            tuple(status_text(g, now) for g in board if g.clock_running),
            self.screen.size(),
        )
        if signature == self._shown:
            return
        self._shown = signature
        self.screen.title(self._window_title(board, now))
        self.screen.draw(self._frame)

    def close(self, board: Board, health: Health, now: datetime) -> None:
        self._state = (board, health, now)
        if self.screen is not None:
            width, height = self.screen.size()
            self.screen.stop(self._frame(width, height))
            self.screen = None
        else:
            self.console.print(self._render(board, health, now, self.console.width, None))

    def _frame(self, width: int, height: int) -> RenderableType:
        assert self._state is not None
        board, health, now = self._state
        return self._render(board, health, now, width, height)

    def _render(
        self, board: Board, health: Health, now: datetime, width: int, height: int | None
    ) -> RenderableType:
        games = list(board)
        favourite = GameFilter(teams=self.favourites) if self.favourites else None
        fresh = plan(games, width, now, favourite, self.zone)
        kept = self._plans.get(width)
        self._plans[width] = fresh if kept is None else kept.grown(fresh)
        return render_board(
            games,
            now=now,
            health=health,
            highlight=set(self._until),
            title=self.title,
            favourites=self.favourites,
            empty=self.empty,
            zone=self.zone,
            width=width,
            height=height,
            widths=self._plans[width],
            note=self._note,
        )

    def _window_title(self, board: Board, now: datetime) -> str:
        followed: list[Game] = list(board) if self.following else []
        if self.favourites and not followed:
            keep = GameFilter(teams=self.favourites)
            followed = [g for g in board if keep(g)]
        if len(followed) == 1:
            game = followed[0]
            return f"{matchup(game)} · {shown_status(game, now, self.zone)}"
        return self.title


def without_countdown(message: str) -> str:
    """A diagnostic without its retry countdown: the same failure counts as one message."""
    return _RETRYING.sub("", message)


def said_once(notes: Counter[str]) -> list[str]:
    """Each diagnostic once, with how often it came: what stderr gets when a screen that
    showed them in its footer is gone."""
    return [f"{m} (×{n})" if n > 1 else m for m, n in notes.items()]
