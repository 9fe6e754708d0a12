"""`serve --publish`: append every event the bridge emits to a Redis stream, and keep the
stream's state hash, in one transaction per batch.

``offer`` never waits (the bridge's clients come first): events queue in a bounded buffer
that a writer task drains. While Redis is unreachable the writer reports the feed stale and
keeps the newest ``buffer`` entries; when Redis is back it rewrites the whole state hash
(Redis may have restarted empty) and appends what it held, in order. Past the buffer the
oldest entries are dropped: readers see the gap in ``seq`` and resync from the state.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any

from livescore.core.errors import LivescoreError, RejectedError
from livescore.core.model import Notice, Problem, SourceItem, Update
from livescore.net.backoff import Backoff
from livescore.net.fanin import Put
from livescore.net.neterrors import describe
from livescore.redisstream import BUFFER, DEFAULT_MAXLEN
from livescore.redisstream.address import RedisAddress, refused

Entry = tuple[str | None, str]  # (state field, or None for a play: no state; JSON lines text)
BATCH = 500


class RedisPublisher:
    def __init__(
        self,
        address: RedisAddress,
        stream: str,
        epoch: str,
        current: Callable[[], Sequence[Entry]],
        *,
        maxlen: int = DEFAULT_MAXLEN,
        buffer: int = BUFFER,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.address = address
        self.stream = stream
        self.state = f"{stream}:state"
        self.epoch = epoch
        self.current = current  # the bridge's whole state now, as entries
        self.maxlen = maxlen
        self.limit = buffer
        self.clock = clock
        self.sleep = sleep
        self.feed = f"redis {address.shown} {stream}"
        self.pending: deque[Entry] = deque()
        self.dropped = 0
        self.appended = 0
        self._wake = asyncio.Event()
        self._client: Any = None

    async def start(self) -> None:
        """Connect and begin this run's epoch. Redis unreachable → exit 1, refused → 3."""
        from redis.asyncio import Redis
        from redis.exceptions import AuthenticationError, RedisError, ResponseError

        self._client = Redis.from_url(
            self.address.url, decode_responses=True, socket_timeout=5, socket_connect_timeout=5
        )
        try:
            async with self._client.pipeline(transaction=True) as pipe:
                pipe.delete(self.state)
                pipe.hset(self.state, mapping={"epoch": self.epoch})
                await pipe.execute()
        except (AuthenticationError, ResponseError) as exc:
            if refused(exc):
                raise RejectedError(f"Redis at {self.address.shown} refused us: {exc}") from None
            raise LivescoreError(f"Redis at {self.address.shown}: {exc}") from None
        except (RedisError, OSError) as exc:
            raise LivescoreError(
                f"cannot reach Redis at {self.address.shown}: {describe(exc)}"
            ) from None

    def offer(self, entries: Iterable[Entry]) -> None:
        for entry in entries:
            self.pending.append(entry)
        while len(self.pending) > self.limit:
            self.pending.popleft()
            self.dropped += 1
        self._wake.set()

    async def run(self, put: Put[SourceItem]) -> None:
        """Drain the buffer for ever, reporting Redis's health as a feed."""
        from redis.exceptions import RedisError

        backoff = Backoff(initial=1.0, cap=30.0)
        down = False
        while True:
            if not self.pending and not down:
                self._wake.clear()
                await self._wake.wait()
            try:
                if down:
                    await self._rewrite_state()
                while self.pending:
                    batch = list(islice(self.pending, BATCH))
                    await self._append(batch)
                    for _ in batch:
                        self.pending.popleft()
                    self.appended += len(batch)
            except (RedisError, OSError) as exc:
                now = self.clock()
                delay = backoff.next_delay()
                held = f"holding {len(self.pending)} event(s), up to {self.limit}"
                message = f"cannot write to Redis: {describe(exc)}; {held}"
                await put(Problem(self.feed, message, now, now + timedelta(seconds=delay)))
                down = True
                await self.sleep(delay)
                continue
            if down:
                down = False
                backoff.reset()
                if self.dropped:
                    note = f"{self.dropped} event(s) did not fit the buffer: readers resync"
                    await put(Notice(self.feed, note, self.clock()))
                    self.dropped = 0
                await put(Update(self.feed, (), self.clock()))

    async def _append(self, batch: list[Entry]) -> None:
        """One transaction: an XADD per event, and one HSET of each state field's latest
        (a game that changed ten times in the batch is written to the hash once)."""
        latest: dict[str, str] = {}
        async with self._client.pipeline(transaction=True) as pipe:
            for field, text in batch:
                fields = {"json": text, "epoch": self.epoch}
                pipe.xadd(self.stream, fields, maxlen=self.maxlen, approximate=True)
                if field is not None:
                    latest[field] = text
            if latest:
                pipe.hset(self.state, mapping=latest)
            await pipe.execute()

    async def _rewrite_state(self) -> None:
        """After an outage: the whole state again (a restarted Redis has lost it)."""
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.delete(self.state)
            pipe.hset(self.state, mapping={"epoch": self.epoch, **dict(self.current())})
            await pipe.execute()

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
