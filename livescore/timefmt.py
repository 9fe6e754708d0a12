"""Time formatting shared by the outputs."""

from __future__ import annotations

from datetime import UTC, datetime


def iso_ms(when: datetime) -> str:
    """``2026-05-02T23:58:41.120Z``: UTC with milliseconds, as JSON lines carry it."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


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
