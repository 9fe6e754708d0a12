"""`livescore line`: the status-bar line, written (and flushed) whenever it changes."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import BinaryIO

from livescore.core.board import Board
from livescore.core.health import Health
from livescore.core.model import Event, FeedEvent, Game
from livescore.render.lines import matchup, status_text
from livescore.render.statusline import for_program, look
from livescore.sinks import Sink
from livescore.sinks.stdout import write_line

SCORED_FOR = timedelta(seconds=30)  # waybar's "scored" class stays this long after a score


@dataclass(frozen=True)
class LineStyle:
    program: str  # plain, tmux, waybar, polybar, i3blocks
    template: str | None  # None: the sport's default
    separator: str = " | "
    most: int = 3  # games on the line; more are "+N"
    zone: tzinfo | None = None  # None: the system's


class StatusLineSink(Sink):
    """The board holds only the followed games (the pipeline's ``--team`` filter). Writes the
    line at the start and again each time it would read differently (a score, a
    clock, a start, a feed going stale); never the same line twice in a row."""

    def __init__(
        self, stream: BinaryIO, style: LineStyle, following: bool, looks_later: bool = False
    ) -> None:
        self.stream = stream
        self.style = style
        self.following = following  # --team or favourites: results are worth showing
        self._last: str | None = None
        self._scored_until: datetime | None = None
        # The followed teams' next game on another day, for when none is on today: the
        # command looks it up (``wanted`` is set the first time it is needed) and gives it
        # with ``show_later``.
        self.looks_later = looks_later
        self.later: Game | None = None
        self.later_known = False
        self.wanted = asyncio.Event()
        self._seen: tuple[Board, Health] | None = None  # what the last refresh showed

    def show_later(self, game: Game | None, now: datetime) -> None:
        """The followed teams' next game (``livescore next``); the line is written again
        if it now reads differently."""
        self.later, self.later_known = game, True
        if self._seen is not None:
            self.refresh(*self._seen, now)

    def seen(self) -> tuple[Board, Health]:
        assert self._seen is not None  # (after the first update)
        return self._seen

    def _needs_later(self, board: Board, health: Health) -> bool:
        """Nothing of the followed teams on the scoreboards heard: their next game is
        wanted (and, until it is known, nothing is written)."""
        need = self.looks_later and not len(board) and bool(health.feeds) and not health.stale
        if need:
            self.wanted.set()
        return need and not self.later_known

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        if any(e.kind == "score" for e in events):
            self._scored_until = now + SCORED_FOR
        self.refresh(board, health, now)

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        self.refresh(board, health, now)

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        self._seen = (board, health)
        if self._needs_later(board, health):
            return
        if not len(board) and not health.stale and (self.later is None or not health.feeds):
            return  # nothing heard yet: no line rather than an empty one
        self._write(self.render(list(board), health, now))

    def render(self, games: Sequence[Game], health: Health, now: datetime) -> str:
        style = self.style
        found = look(
            games,
            following=self.following,
            template=style.template,
            zone=style.zone,
            now=now,
            most=style.most,
            later=self.later,
        )
        scored = self._scored_until is not None and now < self._scored_until
        tooltip = [f"{g.league.upper()} {matchup(g)} {status_text(g, now)}" for g in games]
        return for_program(
            style.program,
            found,
            style.separator,
            scored=scored,
            stale=any(health.stale_for(g) for g in games) or (not games and health.stale),
            tooltip=tooltip,
        )

    def close(self, board: Board, health: Health, now: datetime) -> None:
        self._seen = (board, health)
        if self._needs_later(board, health):
            return  # --once: the command looks the next game up, then closes again
        if self._last is None and (len(board) or not health.stale or self.later is not None):
            # (a run that never had data and ends failing says so on stderr, not as a line)
            self._write(self.render(list(board), health, now))

    def _write(self, line: str) -> None:
        if line == self._last:
            return
        self._last = line
        write_line(self.stream, line)  # StdoutClosed when the bar has gone: the run ends
