"""The line sinks in process: one line per event, flushed before the loop waits, and a
reader that went away (EPIPE) reported as StdoutClosed, never as an error."""

from __future__ import annotations

import asyncio
import io
import json
from datetime import UTC, datetime

import pytest

from livescore.core.board import Board
from livescore.core.errors import StdoutClosed
from livescore.core.health import Health
from livescore.sinks.text import jsonl_sink, lines_sink
from tests.helpers import game

NOW = datetime(2026, 5, 2, 23, 0, tzinfo=UTC)


class Counting(io.BytesIO):
    def __init__(self) -> None:
        super().__init__()
        self.flushes = 0

    def flush(self) -> None:
        self.flushes += 1


class Gone(io.BytesIO):
    def flush(self) -> None:
        raise BrokenPipeError


def _events(n: int) -> tuple[list, Board]:  # type: ignore[type-arg]
    board = Board()
    return board.update([game(str(i)) for i in range(n)], NOW), board


def test_a_line_after_a_pause_goes_out_at_once_and_the_rest_of_its_burst_when_idle() -> None:
    out = Counting()

    async def burst() -> tuple[int, int]:
        sink = jsonl_sink(out)
        events, board = _events(3)
        for event in events:
            sink.publish([event], board, Health(), NOW)
        before = out.flushes
        await asyncio.sleep(0)
        return before, out.flushes

    before, after = asyncio.run(burst())
    assert (before, after) == (1, 2)  # the first line at once; the other two together
    lines = out.getvalue().decode().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2, 3]


def test_without_a_loop_each_publish_flushes_and_lines_read_for_people() -> None:
    out = Counting()
    events, board = _events(1)
    lines_sink(out).publish(events, board, Health(), NOW)
    assert out.flushes == 1
    assert "NBA" in out.getvalue().decode() and "PHI 0 @ BOS 0" in out.getvalue().decode()


def test_a_closed_reader_is_stdout_closed() -> None:
    events, board = _events(1)
    with pytest.raises(StdoutClosed):
        jsonl_sink(Gone()).publish(events, board, Health(), NOW)
