"""Recording raw upstream answers and frames (``--record FILE``), and replaying them.

The file and its pacing are here; what each line means is its source's own replay reader
(``espn/replay.py``, ``sportrix/replay.py``).

A recording is JSON lines, one raw answer or frame a line, with its receive time:

    {"t": "2026-05-02T23:58:41.120345+00:00", "source": "espn",
     "league": "basketball/nba", "status": 200, "body": "{\\"leagues\\": ...}"}
    {"t": "...", "source": "sportrix", "body": "{\\"op\\": \\"update\\", ...}"}
    {"t": "...", "source": "sportrix-rest", "league": "matches/12345/live", "status": 200,
     "body": "{\\"match_id\\": 12345, ...}"}

Replaying pushes the same bytes through the same parsers, so the events come out the same.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from livescore.core.errors import LivescoreError, UsageError
from livescore.core.model import SourceItem
from livescore.sportrix import FEED, REST_SOURCE


class Recorder:
    """Appends one JSON line per raw answer or frame, flushed at once."""

    def __init__(self, path: str) -> None:
        try:
            self._file: IO[str] = open(path, "a", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise UsageError(f"cannot write --record file {path!r}: {exc.strerror}") from None

    def __call__(self, source: str, league: str, at: datetime, status: int, body: str) -> None:
        line: dict[str, Any] = {"t": at.isoformat(), "source": source}
        if league:
            line["league"] = league
        if status:
            line["status"] = status
        line["body"] = body
        try:
            self._file.write(json.dumps(line, ensure_ascii=False) + "\n")
            self._file.flush()
        except OSError as exc:
            raise LivescoreError(f"cannot write the recording: {exc.strerror}") from None

    def close(self) -> None:
        self._file.close()


@contextlib.contextmanager
def recording(path: str | None) -> Iterator[Recorder | None]:
    """``--record FILE``: a Recorder for the run, closed after it; None without the flag."""
    recorder = Recorder(path) if path else None
    try:
        yield recorder
    finally:
        if recorder is not None:
            recorder.close()


def read_records(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot read {path!r}: {exc.strerror}") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):  # deeply nested is malformed too
                raise UsageError(f"{path}:{number}: not a JSON line") from None
            if not isinstance(record, dict) or not isinstance(record.get("body"), str):
                raise UsageError(f"{path}:{number}: not a livescore recording line")
            yield number, record


async def replay(
    path: str,
    speed: float = 1.0,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> AsyncIterator[SourceItem]:
    """The recording as source items, paced at ``speed`` times the original (0 = no pauses).
    Each source's lines go through that source's own replay reader."""
    from livescore.espn.replay import replayed_answer
    from livescore.sportrix.replay import SportrixReplay

    sportrix = SportrixReplay()
    previous: datetime | None = None
    for number, record in read_records(path):
        try:
            at = datetime.fromisoformat(str(record.get("t")))
        except ValueError:
            raise UsageError(f"{path}:{number}: bad time {record.get('t')!r}") from None
        if previous is not None and speed > 0:
            await sleep(max(0.0, (at - previous).total_seconds()) / speed)
        previous = at
        body, source, status = record["body"], record.get("source"), record.get("status", 200)
        item: SourceItem | None
        if source == "espn":
            item = replayed_answer(str(record.get("league", "")), status, body, at)
        elif source == FEED:
            item = sportrix.frame(body, at)
        elif source == REST_SOURCE:
            item = sportrix.rest(str(record.get("league", "")), status, body, at)
        else:
            raise UsageError(f"{path}:{number}: unknown source {source!r}")
        if item is not None:
            yield item


def check_readable(path: str) -> str:
    if not Path(path).is_file():
        raise UsageError(f"no such recording: {path!r}")
    return path
