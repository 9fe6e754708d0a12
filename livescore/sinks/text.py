"""Line-based sinks: JSON lines v1 for programs, human lines for tailing and logs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import BinaryIO

from livescore.board import Board
from livescore.health import Health
from livescore.model import Event
from livescore.render.jsonl import event_json
from livescore.render.lines import event_line
from livescore.sinks.stdout import write_line


class LineSink:
    """Writes one line per event, flushed at once."""

    def __init__(self, stream: BinaryIO, render: Callable[[Event], str]) -> None:
        self.stream = stream
        self.render = render

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        for event in events:
            write_line(self.stream, self.render(event))

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        pass

    def close(self, board: Board, health: Health, now: datetime) -> None:
        pass


def jsonl_sink(stream: BinaryIO) -> LineSink:
    return LineSink(stream, event_json)


def lines_sink(stream: BinaryIO) -> LineSink:
    return LineSink(stream, event_line)
