"""`livescore wait`: watch the events for one team's game until something happens to it.

The sink ends the run by raising ``Happened`` with the event that met the condition, or a
LivescoreError when it cannot happen any more (the game ended without it, or no game on the
scoreboard has the team).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from livescore.core.board import Board
from livescore.core.errors import LivescoreError
from livescore.core.health import Health
from livescore.core.model import Event, FeedEvent
from livescore.core.teams import GameFilter
from livescore.sinks import Sink

Until = Literal["start", "score", "final"]
UNTIL: tuple[Until, ...] = ("start", "score", "final")


class Happened(Exception):
    def __init__(self, event: Event) -> None:
        super().__init__(event.kind)
        self.event = event


class UntilSink(Sink):
    def __init__(self, until: Until, keep: GameFilter, feeds: int) -> None:
        self.until = until
        self.keep = keep
        self.feeds = feeds  # how many feeds (leagues) must have answered before "no game"
        self.found = False

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        mine = [e for e in events if self.keep(e.game)]
        for event in mine:
            if self._met(event):
                raise Happened(event)
            if event.game.state == "post":  # over, and not what we wait for: it never will be
                raise LivescoreError(
                    f"{_teams(event)} ended ({event.game.detail}) without a {self.until}"
                )
        self._found(board, health)

    def _found(self, board: Board, health: Health) -> None:
        """Once every feed has answered: is there a game of the team at all?"""
        if self.found:
            return
        if any(self.keep(g) for g in board):
            self.found = True
        elif sum(1 for f in health.feeds.values() if f.last_ok) >= self.feeds:
            raise LivescoreError(
                f"no games match {self.keep.described} ({len(board)} on the board)"
            )

    def _met(self, event: Event) -> bool:
        state = event.game.state
        if self.until == "start":
            return state in ("in", "post")
        if self.until == "final":
            return state == "post"
        # a score: a score event, or the final with its last score (a state change wins)
        return event.kind == "score" or (
            event.kind == "status" and state == "post" and "score" in event.changed
        )

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        pass

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        self._found(board, health)

    def close(self, board: Board, health: Health, now: datetime) -> None:
        pass


def _teams(event: Event) -> str:
    game = event.game
    return f"{game.away.abbr} @ {game.home.abbr}"
