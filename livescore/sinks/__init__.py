"""Sinks own an output (the terminal, stdout, a file) and render events into it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from livescore.board import Board
from livescore.health import Health
from livescore.model import Event, FeedEvent


class Sink(Protocol):
    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        """New events; ``board`` and ``health`` are the state after them."""

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        """A feed went stale or is ok again (``health`` is already the state after it)."""

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        """Health changed (a failure, a recovery) without any game changing."""

    def close(self, board: Board, health: Health, now: datetime) -> None:
        """The run is over (``--once`` done, source ended, interrupted)."""
