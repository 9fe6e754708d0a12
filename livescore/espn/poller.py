"""Poll ESPN scoreboards over HTTP, one task per league, all feeding one stream of items.

The poller owns I/O, timing and retry, nothing else: parsing is ``parse.py``'s job, and the
client, clock, sleep and random source are injected so tests run it against 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Protocol

import httpx

from livescore import USER_AGENT
from livescore.core import defaults
from livescore.core.leagues import League
from livescore.core.model import Game, Notice, Problem, RecordFn, SourceItem, Update
from livescore.core.timefmt import parse_iso
from livescore.espn.freshness import Freshness
from livescore.espn.response import FetchError, read_response
from livescore.espn.sportsday import DAY_ENDS, CarryOver, previous_day
from livescore.net import http
from livescore.net.backoff import Backoff
from livescore.net.fanin import Put, fan_in

MAX_BODY = http.MAX_BODY  # decoded bytes of one scoreboard
ONCE_ATTEMPTS = 3


@dataclass
class EspnPoller:
    leagues: Sequence[League]
    client: httpx.AsyncClient
    base_url: str = defaults.ESPN_URL
    interval: float = defaults.INTERVAL
    idle_interval: float = defaults.IDLE_INTERVAL
    date: str | None = None
    once: bool = False
    timeout: float = defaults.TIMEOUT
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    rng: Callable[[], float] = random.random
    record: RecordFn | None = None
    day_ends: int = DAY_ENDS  # hour ET until which yesterday's late games are polled too
    floor: Floor | None = None  # push serves some leagues: polling is only the floor there
    # each scoreboard's validators (ETag, Last-Modified) and what it said: a 304 reuses it
    _known: dict[tuple[str, str | None], Known] = field(default_factory=dict, init=False)

    def url(self, league: League) -> str:
        return f"{self.base_url.rstrip('/')}/apis/site/v2/sports/{league.path}/scoreboard"

    def __aiter__(self) -> AsyncIterator[SourceItem]:
        workers = [partial(self._poll_forever, league) for league in self.leagues]
        return fan_in(workers)

    async def _poll_forever(self, league: League, put: Put[SourceItem]) -> None:
        feed = f"espn {league.alias}"
        backoff = Backoff(rng=self.rng)
        carry = CarryOver()
        fresh = Freshness()  # a stale CDN copy must not take a game back in time
        attempts = 0
        while True:
            attempts += 1
            publish = True
            if self.floor is not None:
                publish = await self.floor.turn(league)  # waits while push serves the league
            try:
                games, skipped, now = await self._sports_day(league, carry, feed, put)
            except FetchError as exc:
                now = self.clock()
                last = self.once and (attempts >= ONCE_ATTEMPTS or exc.rejected)
                delay = backoff.next_delay(exc.retry_after)
                if self.once:
                    delay = min(delay, 10.0)
                retry_at = None if last else now + timedelta(seconds=delay)
                await put(Problem(feed, str(exc), now, retry_at, last, exc.rejected))
                if last:
                    return
                await self.sleep(delay)
                continue
            backoff.reset()
            if not publish and self.floor is not None:
                await self.floor.check(league, games, put)  # the cross-check of push
                continue
            await put(Update(feed, tuple(fresh.settle(games)), now))
            if skipped:
                note = f"skipped {len(skipped)} unreadable event(s): {skipped[0]}"
                await put(Notice(feed, note, now))
            if self.once:
                return
            await self.sleep(next_interval(games, now, self.interval, self.idle_interval))

    async def _sports_day(
        self, league: League, carry: CarryOver, feed: str, put: Put[SourceItem]
    ) -> tuple[list[Game], tuple[str, ...], datetime]:
        """The league's scoreboard; shortly after midnight ET, with the previous day's games
        that are still on (``sportsday.py``). That second answer failing is a notice, not a
        failure of the feed: the games it carries keep their last state meanwhile."""
        day = None if self.date or self.day_ends <= 0 else previous_day(self.clock(), self.day_ends)
        if day is None:
            carry.reset()
            return await self.fetch(league)
        today, late = await asyncio.gather(
            self.fetch(league), self.fetch(league, day), return_exceptions=True
        )
        if isinstance(today, BaseException):
            raise today
        games, skipped, now = today
        if isinstance(late, FetchError):
            if not carry.failing:  # once per run of failures, not every poll
                what = f"the {day} scoreboard (games after midnight ET): {late}"
                await put(Notice(feed, what, now))
            carry.failing = True
            return games, skipped, now
        if isinstance(late, BaseException):
            raise late
        carry.failing = False
        return carry.merge(games, late[0], now), skipped + late[1], now

    async def fetch(
        self, league: League, date: str | None = None
    ) -> tuple[list[Game], tuple[str, ...], datetime]:
        """One GET of one scoreboard (of ``date``, else ``self.date``, else ESPN's current
        day) → (games, skipped events, receive time).

        Raises FetchError saying what failed."""
        day = date or self.date
        params = {"dates": day} if day else None
        url = self.url(league)
        key = (league.path, day)
        known = self._known.get(key)
        headers = {"User-Agent": USER_AGENT, **(known.conditions() if known else {})}
        try:
            # --timeout bounds the whole request, not each read: a server trickling a valid
            # body byte by byte is cut there, and the feed goes stale as for any failure
            answer = await http.get(
                self.client,
                url,
                deadline=self.timeout,
                params=params,
                headers=headers,
                max_body=MAX_BODY,
            )
        except http.HttpFailure as exc:
            raise FetchError(str(exc)) from None
        received = self.clock()
        status, body = answer.status, answer.body
        if self.record is not None:
            self.record("espn", league.path, received, status, body.decode("utf-8", "replace"))
        if status == 304 and known is not None:  # unchanged since the last answer
            return list(known.games), known.skipped, received
        games, skipped = read_response(status, body, answer.headers.get("retry-after"), league)
        fresh = Known.of(answer.headers, games, skipped)
        if fresh is None:
            self._known.pop(key, None)
        else:
            self._known[key] = fresh
        return games, skipped, received


@dataclass(frozen=True)
class Known:
    """A scoreboard as last answered, with the validators to ask whether it changed."""

    etag: str | None
    modified: str | None
    games: list[Game]
    skipped: tuple[str, ...]

    @classmethod
    def of(
        cls, headers: httpx.Headers, games: list[Game], skipped: tuple[str, ...]
    ) -> Known | None:
        etag, modified = _validator(headers.get("etag")), _validator(headers.get("last-modified"))
        if etag is None and modified is None:
            return None
        return cls(etag, modified, games, skipped)

    def conditions(self) -> dict[str, str]:
        """The headers of a conditional GET."""
        found = {}
        if self.etag is not None:
            found["If-None-Match"] = self.etag
        if self.modified is not None:
            found["If-Modified-Since"] = self.modified
        return found


def _validator(value: str | None) -> str | None:
    """A validator as sent, if it is one that can be sent back (printable ASCII, short)."""
    if value is None or len(value) > 200 or not value.isascii() or not value.isprintable():
        return None
    return value


class Floor(Protocol):
    """What polling asks of a push source that serves some leagues (espn/fastcast)."""

    async def turn(self, league: League) -> bool:
        """Wait for this league's next poll: True when it is to be shown (the league is on
        polling), False when it is a cross-check of push."""

    async def check(self, league: League, games: Sequence[Game], put: Put[SourceItem]) -> None:
        """A cross-check poll's games, to compare with what push says."""


def next_interval(games: Sequence[Game], now: datetime, interval: float, idle: float) -> float:
    """Poll at ``interval`` while a game is live or due; otherwise slowly, waking for a start."""
    if any(g.state == "in" for g in games):
        return interval
    soonest: float | None = None
    for game in games:
        if game.state != "pre":
            continue
        start = parse_iso(game.start)
        if start is None:
            continue
        until = (start - now).total_seconds()
        if -3 * 3600 < until <= 0:
            return interval  # due to start: watch it closely
        if until > 0 and (soonest is None or until < soonest):
            soonest = until
    slow = max(interval, idle)
    return slow if soonest is None else max(interval, min(slow, soonest))
