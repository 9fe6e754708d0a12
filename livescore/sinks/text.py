"""Line-based sinks: JSON lines v1 for programs, human lines for tailing and logs."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime
from time import monotonic
from typing import BinaryIO, TypeVar

from livescore.core.board import Board
from livescore.core.health import Health
from livescore.core.model import Event, FeedEvent, Game, Play, Plays
from livescore.jsonlines import event_bytes, feed_json
from livescore.render.lines import event_line, feed_line
from livescore.sinks import Sink
from livescore.sinks.stdout import StdoutClosed, write_bytes

T = TypeVar("T")


class LineSink(Sink):
    """Writes one line per event, flushed at once.

    A line that comes after a pause (more than ``PAUSE`` seconds since the last write) is
    written there and then: no wait at 1000 events/s. Lines that come faster, in a burst of
    frames, are held and written together when the event loop next goes idle (one write
    for the burst instead of one per line, whether or not stdout is buffered, as it is not
    under PYTHONUNBUFFERED), and at the latest when ``BURST`` bytes are held. Either way
    nothing waits for more input before it is written.
    """

    BURST = 1 << 16
    PAUSE = 0.0005

    def __init__(
        self,
        stream: BinaryIO,
        render: Callable[[Event], bytes],
        render_feed: Callable[[FeedEvent], bytes] | None,
        render_play: Callable[[Game, Play, str, int, datetime], bytes] | None = None,
    ) -> None:
        self.stream = stream
        self.render = render
        self.render_feed = render_feed  # None: feed transitions are not written (--once)
        self.render_play = render_play
        self._held: list[bytes] = []
        self._size = 0
        self._flush_due = False
        self._gone = False
        self._written = 0.0  # when the last write ended (time.monotonic)

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        if self._gone:
            raise StdoutClosed
        if not events:
            return
        self._hold([self.render(event) for event in events])

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        if self._gone:
            raise StdoutClosed
        if self.render_feed is not None:
            self._hold([self.render_feed(event)])

    def plays(self, item: Plays, board: Board, health: Health, now: datetime) -> None:
        if self._gone:
            raise StdoutClosed
        render = self.render_play
        if render is not None and item.changes:  # seq: the position, as for feed events
            self._hold([render(item.game, play, change, board.seq, item.at)
                        for change, play in item.changes])  # fmt: skip

    def _hold(self, lines: list[bytes]) -> None:
        for line in lines:
            self._held.append(line)
            self._held.append(b"\n")
            self._size += len(line) + 1
        if self._size >= self.BURST or (
            not self._flush_due and monotonic() - self._written > self.PAUSE
        ):
            self._flush()
        elif not self._flush_due:
            self._flush_due = True
            try:
                asyncio.get_running_loop().call_soon(self._flush_later)
            except RuntimeError:  # no loop: flush now
                self._flush()

    def _flush(self) -> None:
        self._flush_due = False
        data = b"".join(self._held)
        self._held.clear()
        self._size = 0
        write_bytes(self.stream, data)
        self._written = monotonic()

    def _flush_later(self) -> None:
        if not self._flush_due:
            return  # flushed already (the burst filled the buffer)
        try:
            self._flush()
        except StdoutClosed:  # a loop callback cannot raise: the next publish will
            self._gone = True

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        pass

    def close(self, board: Board, health: Health, now: datetime) -> None:
        if not self._gone:
            self._flush()


def _utf8(render: Callable[[T], str]) -> Callable[[T], bytes]:
    return lambda value: render(value).encode("utf-8", "replace")


def jsonl_sink(stream: BinaryIO, feeds: bool = True) -> LineSink:
    """JSON lines v1; with ``feeds``, feed transitions too (not for --once: its exit code
    says whether the data could be had)."""
    return LineSink(stream, event_bytes, _utf8(feed_json) if feeds else None, _play_json)


def lines_sink(stream: BinaryIO, feeds: bool = True) -> LineSink:
    return LineSink(stream, _utf8(event_line), _utf8(feed_line) if feeds else None, _play_line)


def _play_json(game: Game, play: Play, change: str, seq: int, at: datetime) -> bytes:
    from livescore.jsonlines.detail import play_json

    return play_json(game, play, seq, at, change).encode()


def _play_line(game: Game, play: Play, change: str, seq: int, at: datetime) -> bytes:
    from livescore.render.detail import play_line

    return play_line(game, play, change, at).encode("utf-8", "replace")
