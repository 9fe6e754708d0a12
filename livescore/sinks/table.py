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
        self._columns = Columns(self.favourites, zone)
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
            moving_parts(board, health, now, self._note),
            frozenset(self._until),
            self.screen.size(),
        )
        if signature == self._shown:
            return
        self._shown = signature
        followed = list(board) if self.following else []
        title = window_title(board, followed, now, self.title, self.favourites, self.zone)
        self.screen.title(title)
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
            widths=self._columns(games, width, now),
            note=self._note,
        )


class Columns:
    """The table's columns at each width, kept from frame to frame: they only grow, so a
    score reaching 100 or a longer status does not move every column."""

    def __init__(self, favourites: Sequence[TeamSpec], zone: tzinfo | None) -> None:
        self.favourites, self.zone = tuple(favourites), zone
        self._plans: dict[int, Plan] = {}  # width → the columns so far

    def __call__(self, games: Sequence[Game], width: int, now: datetime) -> Plan:
        favourite = GameFilter(teams=self.favourites) if self.favourites else None
        fresh = plan(games, width, now, favourite, self.zone)
        kept = self._plans.get(width)
        self._plans[width] = fresh if kept is None else kept.grown(fresh)
        return self._plans[width]


def moving_parts(board: Board, health: Health, now: datetime, note: str | None) -> object:
    """What a drawn table shows that changes with no event: comparing it with the last
    drawing's costs microseconds, drawing again milliseconds."""
    return (
        board.seq,
        footer(health, len(board), now, note).plain,
        tuple(status_text(g, now) for g in board if g.clock_running),
    )


def window_title(
    board: Board,
    followed: Sequence[Game],
    now: datetime,
    title: str,
    favourites: Sequence[TeamSpec],
    zone: tzinfo | None,
) -> str:
    """The terminal window's title: the one game followed (``--team``; else the one
    favourite's game on the board), else ``title``."""
    if favourites and not followed:
        keep = GameFilter(teams=tuple(favourites))
        followed = [g for g in board if keep(g)]
    if len(followed) == 1:
        game = followed[0]
        return f"{matchup(game)} · {shown_status(game, now, zone)}"
    return title


def without_countdown(message: str) -> str:
    """A diagnostic without its retry countdown: the same failure counts as one message."""
    return _RETRYING.sub("", message)


def said_once(notes: Counter[str]) -> list[str]:
    """Each diagnostic once, with how often it came: what stderr gets when a screen that
    showed them in its footer is gone."""
    return [f"{m} (×{n})" if n > 1 else m for m, n in notes.items()]
