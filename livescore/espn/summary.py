"""One game's summary over HTTP: fetched once, or followed while the game is on. Owns I/O,
timing and retry; parsing is ``detail/parse.py``'s, what changed ``detail/changes.py``'s.

Polled every ``interval`` seconds while the game is live; before the start once a minute (or
at the start, if sooner); it ends with the final. A failure is reported and retried with
backoff; the last good detail stays what is shown.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from livescore import USER_AGENT
from livescore.core import defaults
from livescore.core.leagues import League
from livescore.core.model import Game, RecordFn
from livescore.core.timefmt import parse_iso
from livescore.espn.detail.model import Detail
from livescore.espn.detail.plays import PlayCache
from livescore.espn.response import FetchError, NoSuchGame, read_summary
from livescore.net import http
from livescore.net.backoff import Backoff

RECORD_SOURCE = "espn-summary"  # --record: a game summary's lines
MAX_SUMMARY = 8 * 1024 * 1024  # decoded bytes: an MLB World Series summary is 1.6 MB


@dataclass(frozen=True)
class Failed:
    """A fetch that failed: what, and when the next try is."""

    message: str
    at: datetime
    retry_in: float
    rejected: bool = False


@dataclass
class SummaryFollower:
    client: httpx.AsyncClient
    league: League
    event_id: str
    base_url: str = defaults.ESPN_URL
    interval: float = defaults.INTERVAL
    idle_interval: float = defaults.IDLE_INTERVAL
    timeout: float = defaults.TIMEOUT
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    cache: PlayCache = field(default_factory=PlayCache)  # the game's plays as last read
    record: RecordFn | None = None  # --record: each answer, as it came

    @property
    def feed(self) -> str:
        return f"espn detail {self.league.alias}"

    def url(self) -> str:
        return f"{self.base_url.rstrip('/')}/apis/site/v2/sports/{self.league.path}/summary"

    async def fetch(self) -> tuple[Detail, datetime]:
        """One GET of the summary. Raises FetchError saying what failed."""
        try:
            answer = await http.get(
                self.client,
                self.url(),
                deadline=self.timeout,
                params={"event": self.event_id},
                headers={"User-Agent": USER_AGENT},
                max_body=MAX_SUMMARY,
            )
        except http.HttpFailure as exc:
            raise FetchError(str(exc)) from None
        received = self.clock()
        if self.record is not None:
            where = f"{self.league.path}/summary?event={self.event_id}"
            self.record(RECORD_SOURCE, where, received, answer.status,
                        answer.body.decode("utf-8", "replace"))  # fmt: skip
        detail = read_summary(
            answer.status,
            answer.body,
            answer.headers.get("retry-after"),
            self.league,
            self.event_id,
            self.cache,
        )
        return detail, received

    async def follow(self) -> AsyncIterator[tuple[Detail, datetime] | Failed]:
        """Each summary as it comes, until the game's final (its last summary included). A
        refusal (401/403) ends it after the report; an unknown game at the first fetch raises
        NoSuchGame; other failures are retried."""
        backoff = Backoff()
        seen = False
        while True:
            try:
                detail, at = await self.fetch()
            except FetchError as exc:
                if isinstance(exc, NoSuchGame) and not seen:
                    raise  # a game id ESPN does not know: nothing to wait for
                wait = backoff.next_delay(exc.retry_after)
                yield Failed(str(exc), self.clock(), wait, exc.rejected)
                if exc.rejected:
                    return
                await self.sleep(wait)
                continue
            backoff.reset()
            seen = True
            yield detail, at
            if detail.game.state == "post":
                return
            await self.sleep(self.next_interval(detail.game, at))

    def next_interval(self, game: Game, now: datetime) -> float:
        if game.state == "in":
            return self.interval
        start = parse_iso(game.start)
        if start is not None:
            until = (start - now).total_seconds()
            if until <= 0:
                return self.interval  # due: ESPN has not said it started yet
            return max(self.interval, min(self.idle_interval, until))
        return self.idle_interval
