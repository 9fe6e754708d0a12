"""Sinks own an output (the terminal, stdout, a file) and render events into it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from livescore.board import Board
from livescore.health import Health
from livescore.model import Event


class Sink(Protocol):
    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        """New events; ``board`` and ``health`` are the state after them."""

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        """Health changed (a failure, a recovery) without any game changing."""

    def close(self, board: Board, health: Health, now: datetime) -> None:
        """The run is over (``--once`` done, source ended, interrupted)."""
