"""Sinks own an output (the terminal, stdout, a file) and render events into it.

Every sink subclasses ``Sink``: four calls it must answer, and four extras with defaults
for a sink that has nothing to add (a live table takes diagnostics into its footer and sums
them up at the end; hooks still queued are let finish; the line outputs write plays)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from livescore.core.board import Board
from livescore.core.health import Health
from livescore.core.model import Event, FeedEvent, Plays


class Sink(Protocol):
    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        """New events; ``board`` and ``health`` are the state after them."""

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        """A feed went stale or is ok again (``health`` is already the state after it)."""

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        """Health changed (a failure, a recovery) without any game changing."""

    def close(self, board: Board, health: Health, now: datetime) -> None:
        """The run is over (``--once`` done, source ended, interrupted)."""

    def plays(self, item: Plays, board: Board, health: Health, now: datetime) -> None:
        """New, corrected or removed plays of a followed game (``--plays``); outputs that
        show plays write them, the others let them go (the default)."""
        return None

    def note(self, message: str) -> bool:
        """A diagnostic: True when the output shows it itself (a live table's footer, where
        stderr would tear the screen); False, the default: it goes to stderr."""
        return False

    def summary(self) -> list[str]:
        """Diagnostics the output took, to say once on stderr when it is gone."""
        return []

    async def finish(self, cancelled: bool) -> None:
        """After the run: work still queued (hooks) is let finish, or with ``cancelled``
        (stopped, failed, interrupted) dropped. Nothing by default."""
        return None


class Wrapping(Sink):
    """A sink beside another (hooks, notifications, MQTT): every call passes to ``inner``;
    a subclass overrides the calls it adds to, and calls up."""

    def __init__(self, inner: Sink) -> None:
        self.inner = inner

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        self.inner.publish(events, board, health, now)

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        self.inner.feed(event, board, health, now)

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        self.inner.refresh(board, health, now)

    def close(self, board: Board, health: Health, now: datetime) -> None:
        self.inner.close(board, health, now)

    def plays(self, item: Plays, board: Board, health: Health, now: datetime) -> None:
        self.inner.plays(item, board, health, now)

    def note(self, message: str) -> bool:
        return self.inner.note(message)

    def summary(self) -> list[str]:
        return self.inner.summary()

    async def finish(self, cancelled: bool) -> None:
        await self.inner.finish(cancelled)
