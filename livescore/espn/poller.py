"""Poll ESPN scoreboards over HTTP, one task per league, all feeding one stream of items.

The poller owns I/O, timing and retry, nothing else: parsing is ``parse.py``'s job, and the
client, clock, sleep and random source are injected so tests run it against 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial

import httpx

from livescore import __version__
from livescore.backoff import Backoff, parse_retry_after
from livescore.errors import ParseError
from livescore.espn.parse import parse_scoreboard
from livescore.fanin import Put, fan_in
from livescore.leagues import League
from livescore.model import Game, Notice, Problem, SourceItem, Update
from livescore.neterrors import describe
from livescore.sanitize import clean
from livescore.timefmt import parse_iso

USER_AGENT = f"livescore/{__version__} (+https://pypi.org/project/livescore/)"
MAX_BODY = 32 * 1024 * 1024
IDLE_INTERVAL = 60.0
ONCE_ATTEMPTS = 3

# (source, league path, receive time, HTTP status, raw body): see livescore/record.py
Recorder = Callable[[str, str, datetime, int, str], None]


class FetchError(Exception):
    def __init__(self, message: str, retry_after: float | None = None, rejected: bool = False):
        super().__init__(message)
        self.retry_after = retry_after
        self.rejected = rejected


@dataclass
class EspnPoller:
    leagues: Sequence[League]
    client: httpx.AsyncClient
    base_url: str = "https://site.api.espn.com"
    interval: float = 5.0
    idle_interval: float = IDLE_INTERVAL
    date: str | None = None
    once: bool = False
    timeout: float = 10.0
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    rng: Callable[[], float] = random.random
    record: Recorder | None = None

    def url(self, league: League) -> str:
        return f"{self.base_url.rstrip('/')}/apis/site/v2/sports/{league.path}/scoreboard"

    def __aiter__(self) -> AsyncIterator[SourceItem]:
        workers = [partial(self._poll_forever, league) for league in self.leagues]
        return fan_in(workers)

    async def _poll_forever(self, league: League, put: Put[SourceItem]) -> None:
        feed = f"espn {league.alias}"
        backoff = Backoff(rng=self.rng)
        attempts = 0
        while True:
            attempts += 1
            try:
                games, skipped, now = await self.fetch(league)
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
            await put(Update(feed, tuple(games), now))
            if skipped:
                note = f"skipped {len(skipped)} unreadable event(s): {skipped[0]}"
                await put(Notice(feed, note, now))
            if self.once:
                return
            await self.sleep(next_interval(games, now, self.interval, self.idle_interval))

    async def fetch(self, league: League) -> tuple[list[Game], tuple[str, ...], datetime]:
        """One GET of one scoreboard → (games, skipped events, receive time).

        Raises FetchError saying what failed."""
        params = {"dates": self.date} if self.date else None
        url = self.url(league)
        try:
            async with self.client.stream(
                "GET", url, params=params, timeout=self.timeout, headers={"User-Agent": USER_AGENT}
            ) as response:
                body = await _read_capped(response)
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.timeout:g}s") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot reach {_host(url)}: {describe(exc)}") from None
        received = self.clock()
        status = response.status_code
        if self.record is not None:
            self.record("espn", league.path, received, status, body.decode("utf-8", "replace"))
        games, skipped = read_response(status, body, response.headers.get("retry-after"), league)
        return games, skipped, received


def read_response(
    status: int, body: bytes, retry_after: str | None, league: League
) -> tuple[list[Game], tuple[str, ...]]:
    """An ESPN answer → games; raises FetchError saying what is wrong with it."""
    if status != 200:
        raise _status_error(status, body, retry_after, league)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise FetchError(_not_json(body)) from None
    try:
        board = parse_scoreboard(data, league)
    except ParseError as exc:
        raise FetchError(f"unexpected JSON: {exc}") from None
    return list(board.games), board.skipped


async def _read_capped(response: httpx.Response) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > MAX_BODY:
            raise FetchError(f"response larger than {MAX_BODY // (1024 * 1024)} MB")
        chunks.append(chunk)
    return b"".join(chunks)


def _status_error(status: int, body: bytes, retry_after: str | None, league: League) -> FetchError:
    text = f"HTTP {status}"
    title = _html_title(body)
    if title:
        text += f" ({title})"
    else:
        message = _json_message(body)
        if message:
            text += f": {message}"
    if status in (401, 403):
        return FetchError(f"{text}: ESPN refused the request", rejected=True)
    if status == 429:
        return FetchError(f"{text}: rate limited", parse_retry_after(retry_after))
    if status in (400, 404):
        return FetchError(f"{text}: is {league.path!r} a league ESPN knows?")
    return FetchError(text, parse_retry_after(retry_after) if status == 503 else None)


def _not_json(body: bytes) -> str:
    title = _html_title(body)
    if title:
        return f"an HTML page instead of JSON ({title})"
    if not body.strip():
        return "an empty response instead of JSON"
    return "malformed JSON"


def _html_title(body: bytes) -> str:
    head = body[:4096].decode("utf-8", "replace")
    lower = head.lower()
    if "<html" not in lower and "<!doctype" not in lower and "<title" not in lower:
        return ""
    start = lower.find("<title>")
    end = lower.find("</title>", start)
    if start >= 0 and end > start:
        return clean(head[start + 7 : end], 80) or "HTML page"
    return "HTML page"


def _json_message(body: bytes) -> str:
    try:
        data = json.loads(body[:65536])
    except (ValueError, RecursionError):
        return ""
    if isinstance(data, dict):
        return clean(data.get("message") or data.get("detail") or data.get("error"), 120)
    return ""


def _host(url: str) -> str:
    return httpx.URL(url).host or url


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
