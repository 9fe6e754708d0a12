"""Recording raw upstream answers and frames (``--record FILE``), and replaying them.

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
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from livescore.errors import LivescoreError, ParseError, UsageError
from livescore.espn.response import FetchError, read_response
from livescore.leagues import resolve
from livescore.model import Notice, Problem, SourceItem, Update
from livescore.sportrix import FEED, REST_FEED, REST_SOURCE
from livescore.sportrix.parse import DataFrame, ErrorFrame, decode_frame, parse_snapshot

# (source, league or path, receive time, HTTP status or 0, raw body or frame)
RecordFn = Callable[[str, str, datetime, int, str], None]


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
            except ValueError:
                raise UsageError(f"{path}:{number}: not a JSON line") from None
            if not isinstance(record, dict) or not isinstance(record.get("body"), str):
                raise UsageError(f"{path}:{number}: not a livescore recording line")
            yield number, record


async def replay(
    path: str,
    speed: float = 1.0,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> AsyncIterator[SourceItem]:
    """The recording as source items, paced at ``speed`` times the original (0 = no pauses)."""
    previous: datetime | None = None
    for number, record in read_records(path):
        try:
            at = datetime.fromisoformat(str(record.get("t")))
        except ValueError:
            raise UsageError(f"{path}:{number}: bad time {record.get('t')!r}") from None
        if previous is not None and speed > 0:
            await sleep(max(0.0, (at - previous).total_seconds()) / speed)
        previous = at
        body = record["body"]
        source = record.get("source")
        if source == "espn":
            league = resolve(str(record.get("league", "")))
            feed = f"espn {league.alias}"
            status = record.get("status", 200)
            try:
                games, _ = read_response(
                    status if isinstance(status, int) else 200, body.encode(), None, league
                )
            except FetchError as exc:
                yield Problem(feed, f"{exc} (recorded)", at)
                continue
            yield Update(feed, tuple(games), at)
        elif source == FEED:
            try:
                frame = decode_frame(body)
                if isinstance(frame, DataFrame) and frame.match_id is not None:
                    game = parse_snapshot(frame.data, frame.match_id, at)
                    yield Update(FEED, (game,), at)
                elif isinstance(frame, ErrorFrame):
                    yield Notice(FEED, frame.message, at)
            except ParseError as exc:
                yield Notice(FEED, f"skipped {exc} (line {number})", at)
        elif source == REST_SOURCE:
            item = _rest_answer(str(record.get("league", "")), record.get("status", 200), body, at)
            if item is not None:
                yield item
        else:
            raise UsageError(f"{path}:{number}: unknown source {source!r}")


def _rest_answer(path: str, status: object, body: str, at: datetime) -> SourceItem | None:
    """A recorded Sportrix REST answer: a live snapshot (backfill) becomes an update; the
    discovery answers (/sports, /matches/live) carry no scores and are passed over."""
    found = re.fullmatch(r"matches/(\d{1,20})/live", path)
    if found is None:
        return None
    match_id = found.group(1)
    if status != 200:
        return Notice(REST_FEED, f"match {match_id}: HTTP {status} (recorded)", at)
    try:
        game = parse_snapshot(json.loads(body), match_id, at)
    except (ValueError, RecursionError, ParseError) as exc:
        reason = exc if isinstance(exc, ParseError) else "malformed JSON"
        return Notice(REST_FEED, f"match {match_id}: skipped {reason} (recorded)", at)
    return Update(REST_FEED, (game,), at)


def check_readable(path: str) -> str:
    if not Path(path).is_file():
        raise UsageError(f"no such recording: {path!r}")
    return path
