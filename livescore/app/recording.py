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
import errno
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from livescore.core.errors import UsageError
from livescore.core.model import SourceItem
from livescore.espn.docs import RECORD_SOURCE as DOC_SOURCE
from livescore.espn.docs import Answer
from livescore.espn.summary import RECORD_SOURCE as SUMMARY_SOURCE
from livescore.sportrix import FEED, REST_SOURCE


class Recorder:
    """Appends one JSON line per raw answer or frame, flushed at once.

    The file is created 0600 (it may hold raw frames of a paid feed), and a symbolic link is
    refused rather than followed. A write that fails (the disk is full) stops the recording,
    not the run: it is said once, and the run exits 1 at its end (``failed``)."""

    def __init__(self, path: str, warn: Callable[[str], None] | None = None) -> None:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(path, flags, 0o600)
        except OSError as exc:
            reason = exc.strerror
            if exc.errno == errno.ELOOP:
                reason = "it is a symbolic link (refused: give the real file)"
            raise UsageError(f"cannot write --record file {path!r}: {reason}") from None
        self._file: IO[str] | None = open(fd, "a", encoding="utf-8")  # noqa: SIM115
        self.path = path
        self.warn = warn or _warn
        self.failed: str | None = None  # why the recording stopped early

    def __call__(self, source: str, league: str, at: datetime, status: int, body: str) -> None:
        if self._file is None:
            return
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
            self.failed = exc.strerror or str(exc)
            self.warn(f"recording to {self.path} stopped: {self.failed} (still watching)")
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None

    def close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None


def _warn(message: str) -> None:
    from livescore.app.launch import warn

    warn(message)


@contextlib.contextmanager
def recording(path: str | None) -> Iterator[Recorder | None]:
    """``--record FILE``: a Recorder for the run, closed after it; None without the flag.
    A recording that stopped early fails the run at its end (exit 1), however it ended."""
    from livescore.app.launch import fail_at_exit

    recorder = Recorder(path) if path else None
    try:
        yield recorder
    finally:
        if recorder is not None:
            recorder.close()
            if recorder.failed is not None:
                fail_at_exit(f"the recording {path} is incomplete: {recorder.failed}")


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
    from livescore.espn.replay import EspnReplay
    from livescore.sportrix.replay import SportrixReplay

    espn, sportrix = EspnReplay(), SportrixReplay()
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
        item: SourceItem | list[SourceItem] | None
        if source == "espn":
            item = espn.answer(str(record.get("league", "")), status, body, at)
        elif source == SUMMARY_SOURCE:
            item = espn.summary(str(record.get("league", "")), status, body, at)
        elif source == FEED:
            item = sportrix.frame(body, at)
        elif source == REST_SOURCE:
            item = sportrix.rest(str(record.get("league", "")), status, body, at)
        elif source == DOC_SOURCE:
            raise UsageError(
                f"{path}:{number}: a recording of schedule, next or standings: give it to "
                "that command's --replay"
            )
        else:
            raise UsageError(f"{path}:{number}: unknown source {source!r}")
        if isinstance(item, list):
            for each in item:
                yield each
        elif item is not None:
            yield item


def recorded_docs(path: str) -> dict[str, Answer]:
    """``--replay FILE`` of schedule, next and standings: the recorded ESPN answers by the
    document each answered (the last answer of each)."""
    found: dict[str, Answer] = {}
    for _, record in read_records(check_readable(path)):
        if record.get("source") == DOC_SOURCE:
            status = record.get("status", 200)
            code = status if isinstance(status, int) and not isinstance(status, bool) else 200
            found[str(record.get("league", ""))] = Answer(code, record["body"].encode())
    if not found:
        raise UsageError(
            f"{path} holds no schedule or standings answers (record them with --record on "
            "schedule, next or standings)"
        )
    return found


def check_readable(path: str) -> str:
    if not Path(path).is_file():
        raise UsageError(f"no such recording: {path!r}")
    return path
