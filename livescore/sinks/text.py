"""Line-based sinks: JSON lines v1 for programs, human lines for tailing and logs."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import BinaryIO

from livescore.board import Board
from livescore.health import Health
from livescore.jsonlines import event_json, feed_json
from livescore.model import Event, FeedEvent
from livescore.render.lines import event_line, feed_line
from livescore.sinks.stdout import StdoutClosed, flush, write_lines


class LineSink:
    """Writes one line per event, flushed at once.

    "At once" means before the process waits for anything: lines written during a burst
    of frames are flushed together when the event loop next goes idle (one write for the
    burst instead of one per line), and at the latest when the buffer fills.
    """

    def __init__(
        self,
        stream: BinaryIO,
        render: Callable[[Event], str],
        render_feed: Callable[[FeedEvent], str] | None,
    ) -> None:
        self.stream = stream
        self.render = render
        self.render_feed = render_feed  # None: feed transitions are not written (--once)
        self._flush_due = False
        self._gone = False

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        if self._gone:
            raise StdoutClosed
        if not events:
            return
        self._write([self.render(event) for event in events])

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        if self._gone:
            raise StdoutClosed
        if self.render_feed is not None:
            self._write([self.render_feed(event)])

    def _write(self, lines: list[str]) -> None:
        write_lines(self.stream, lines, flush=False)
        if not self._flush_due:
            self._flush_due = True
            try:
                asyncio.get_running_loop().call_soon(self._flush_later)
            except RuntimeError:  # no loop: flush now
                self._flush()

    def _flush(self) -> None:
        self._flush_due = False
        flush(self.stream)

    def _flush_later(self) -> None:
        try:
            self._flush()
        except StdoutClosed:  # a loop callback cannot raise: the next publish will
            self._gone = True

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        pass

    def close(self, board: Board, health: Health, now: datetime) -> None:
        if not self._gone:
            self._flush()


def jsonl_sink(stream: BinaryIO, feeds: bool = True) -> LineSink:
    """JSON lines v1; with ``feeds``, feed transitions too (not for --once: its exit code
    says whether the data could be had)."""
    return LineSink(stream, event_json, feed_json if feeds else None)


def lines_sink(stream: BinaryIO, feeds: bool = True) -> LineSink:
    return LineSink(stream, event_line, feed_line if feeds else None)
