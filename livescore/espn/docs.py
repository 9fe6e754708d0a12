"""ESPN's slow-changing documents (standings, team schedules, team lists, the scoreboards of
other days) over HTTP: each GET bounded (deadline, size cap, same-host redirects), a failure
that may pass retried with backoff and said as a warning, and answers kept in memory for
the run for as long as they stay fresh (``ttl``): standings and schedules change over hours,
not seconds. ``--record`` writes each answer; ``--replay`` reads them back instead of ESPN.

Answers are returned whatever their status: what a 400 or 404 means is the caller's
(a league with no standings, a team ESPN does not know).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlencode

import httpx

from livescore import USER_AGENT
from livescore.core.model import RecordFn
from livescore.espn.response import FetchError, status_error
from livescore.net import http
from livescore.net.backoff import Backoff

MAX_DOC = 16 * 1024 * 1024  # decoded bytes: a World Cup standings is 340 KB, a schedule 270 KB
ATTEMPTS = 3  # tries of one document before its failure is the command's
RECORD_SOURCE = "espn-doc"

Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes


def key(path: str, params: Mapping[str, str] | None) -> str:
    """A document's name in the cache and in recordings: its path and sorted query."""
    query = urlencode(sorted((params or {}).items()))
    return f"{path.lstrip('/')}?{query}" if query else path.lstrip("/")


@dataclass
class Docs:
    client: httpx.AsyncClient | None  # None: every answer comes from ``replayed``
    base_url: str
    timeout: float
    warn: Warn
    record: RecordFn | None = None
    replayed: Mapping[str, Answer] | None = None  # --replay: the recording's answers by key
    attempts: int = ATTEMPTS
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    monotonic: Callable[[], float] = time.monotonic
    rng: Callable[[], float] = random.random
    requests: int = 0  # GETs sent (the benchmarks and tests count them)
    _cache: dict[str, tuple[float, Answer]] = field(default_factory=dict)
    _pending: dict[str, asyncio.Future[Answer]] = field(default_factory=dict)

    async def get(
        self, what: str, path: str, params: Mapping[str, str] | None = None, ttl: float = 300.0
    ) -> Answer:
        """The answer to GET ``base_url/path?params``: from memory while younger than
        ``ttl`` seconds, else from ESPN. Two callers asking at once share one request.
        Raises FetchError when ESPN gave no usable answer after the tries (``what`` names
        the document in the messages: "espn standings nba")."""
        name = key(path, params)
        kept = self._cache.get(name)
        if kept is not None and self.monotonic() < kept[0]:
            return kept[1]
        pending = self._pending.get(name)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._pending[name] = future
        try:
            answer = await self._fetch(what, path, params, name)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" noise without waiters
            raise
        finally:
            del self._pending[name]
        future.set_result(answer)
        if answer.status == 200:
            self._cache[name] = (self.monotonic() + ttl, answer)
        return answer

    async def _fetch(
        self, what: str, path: str, params: Mapping[str, str] | None, name: str
    ) -> Answer:
        if self.replayed is not None:
            found = self.replayed.get(name)
            if found is None:
                raise FetchError(f"the recording has no answer for /{name}")
            return found
        assert self.client is not None
        backoff = Backoff(rng=self.rng)
        url = f"{self.base_url.rstrip('/')}/{path.lstrip('/')}"
        for attempt in range(1, self.attempts + 1):
            try:
                got = await http.get(
                    self.client,
                    url,
                    deadline=self.timeout,
                    params=dict(params or {}),
                    headers={"User-Agent": USER_AGENT},
                    max_body=MAX_DOC,
                )
            except http.HttpFailure as exc:
                failure = FetchError(str(exc))
            else:
                self.requests += 1
                if self.record is not None:
                    body = got.body.decode("utf-8", "replace")
                    self.record(RECORD_SOURCE, name, datetime.now(UTC), got.status, body)
                if got.status < 500 and got.status != 429:
                    return Answer(got.status, got.body)
                failure = status_error(got.status, got.body, got.headers.get("retry-after"))
            if attempt == self.attempts:
                raise failure
            wait = min(backoff.next_delay(failure.retry_after), 10.0)
            self.warn(f"{what}: {failure} (retrying in {wait:.1f}s)")
            await self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover
