"""ESPN's sports day: scoreboards are filed under the US-Eastern calendar day, so a game still
live after midnight ET (or watched from west of New York) drops off the default scoreboard.

Until ``day_ends`` o'clock ET (default 6) the poller also asks for the previous ET day
(``?dates=YYYYMMDD``, one day, never a range) and carries over the games of it that are live,
started less than ``RECENT`` ago (just finished, or a start delayed past midnight), or were
carried before (a game followed once is followed to its end, however long it runs).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from livescore.core.model import Game
from livescore.core.timefmt import parse_iso

DAY_ENDS = 6  # hour, US Eastern
RECENT = timedelta(hours=8)


def us_eastern(when: datetime) -> datetime:
    """``when`` as a naive US-Eastern wall time (EST, or EDT from the second Sunday of March
    02:00 to the first Sunday of November 02:00), without needing a tz database."""
    utc = when.astimezone(UTC)
    march = datetime(utc.year, 3, 8, 7, tzinfo=UTC)  # 02:00 EST; the 8th is the earliest
    starts = march + timedelta(days=(6 - march.weekday()) % 7)
    november = datetime(utc.year, 11, 1, 6, tzinfo=UTC)  # 02:00 EDT
    ends = november + timedelta(days=(6 - november.weekday()) % 7)
    offset = timedelta(hours=-4 if starts <= utc < ends else -5)
    return (utc + offset).replace(tzinfo=None)


def previous_day(now: datetime, day_ends: int = DAY_ENDS) -> str | None:
    """``YYYYMMDD`` of yesterday's ET day while it is before ``day_ends`` o'clock ET; else None."""
    eastern = us_eastern(now)
    if eastern.hour >= day_ends:
        return None
    return (eastern - timedelta(days=1)).strftime("%Y%m%d")


class CarryOver:
    """Which of the previous day's games stay on a league's board, remembered between polls."""

    def __init__(self) -> None:
        self.carried: set[str] = set()
        self.failing = False  # the previous day's scoreboard failed last time (said once)

    def merge(self, today: Sequence[Game], yesterday: Iterable[Game], now: datetime) -> list[Game]:
        have = {g.id for g in today}
        kept = [g for g in yesterday if g.id not in have and self._keep(g, now)]
        self.carried = {g.id for g in kept}
        return [*kept, *today]

    def _keep(self, game: Game, now: datetime) -> bool:
        if game.state == "in" or game.id in self.carried:
            return True
        start = parse_iso(game.start)
        return start is not None and timedelta(0) <= now - start < RECENT

    def reset(self) -> None:
        self.carried = set()
