"""Exponential backoff with jitter, honouring a server's Retry-After."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


class Backoff:
    """Delays of ``initial·factor^n`` seconds, capped, each drawn from [d/2, d] ("equal jitter").

    The first retry comes within ``initial`` seconds; ``reset()`` after a success.
    """

    def __init__(
        self,
        initial: float = 2.0,
        factor: float = 2.0,
        cap: float = 60.0,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self.initial, self.factor, self.cap, self._rng = initial, factor, cap, rng
        self.failures = 0

    def next_delay(self, retry_after: float | None = None) -> float:
        base = min(self.cap, self.initial * self.factor**self.failures)
        self.failures += 1
        delay = base / 2 + self._rng() * base / 2
        if retry_after is not None:
            delay = max(delay, min(retry_after, 3600.0))
        return delay

    def reset(self) -> None:
        self.failures = 0


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value[:6]), 86400))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
