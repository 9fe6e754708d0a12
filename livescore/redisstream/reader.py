"""`tail redis://…` and `serve --from redis://…`: follow a bridge's Redis stream.

A reader starts from the state hash (resync snapshots of every game, then every feed's
state) together with the stream's last entry id, read in one transaction, then reads every
entry after it (``XREAD BLOCK``). Its position is the last entry id it has seen, the epoch
and the seq; it resumes from it after any drop (and, with ``cursor``, after a restart). A
gap in seq within one epoch (entries trimmed away before it read them, or dropped by the
publisher) or a new epoch that starts past its first event means resync from the state
again: never a silent gap.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from livescore.core.errors import ParseError
from livescore.core.health import relayed_feed
from livescore.core.model import (
    Event,
    FeedEvent,
    Notice,
    Plays,
    Problem,
    Relayed,
    SourceItem,
    Update,
)
from livescore.jsonlines import WireError, decode
from livescore.net.backoff import Backoff
from livescore.net.cursor import read_cursor, write_cursor
from livescore.net.fanin import Put, fan_in
from livescore.net.neterrors import describe
from livescore.redisstream.address import RedisAddress, refused

BLOCK_MS = 5000
COUNT = 500


@dataclass
class StreamPosition:
    entry: str | None = None  # the last entry id seen
    epoch: str | None = None
    seq: int | None = None


@dataclass
class RedisReader:
    address: RedisAddress
    stream: str
    cursor: str | None = None
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    rng: Callable[[], float] = random.random
    position: StreamPosition = field(default_factory=StreamPosition)
    resyncs: int = 0

    @property
    def feed(self) -> str:
        # not the publisher's feed name: its relayed feed events say how publishing goes
        return f"redis reader {self.address.shown} {self.stream}"

    def __aiter__(self) -> AsyncIterator[SourceItem]:
        return fan_in([self._follow])

    async def _follow(self, put: Put[SourceItem]) -> None:
        from redis.asyncio import Redis
        from redis.exceptions import AuthenticationError, RedisError, ResponseError

        if self.cursor is not None:
            saved = read_cursor(self.cursor, ("entry", "epoch"))
            if saved is not None:
                self.position = StreamPosition(saved["entry"], saved["epoch"], saved.get("seq"))
        backoff = Backoff(initial=1.0, cap=30.0, rng=self.rng)
        while True:
            client = Redis.from_url(
                self.address.url,
                decode_responses=True,
                socket_timeout=BLOCK_MS / 1000 + 5,
                socket_connect_timeout=5,
            )
            try:
                await client.ping()
                await put(Update(self.feed, (), self.clock()))
                backoff.reset()
                if self.position.entry is None:
                    await self._resync(client, put)
                while True:
                    await self._read(client, put)
            except (AuthenticationError, ResponseError) as exc:
                text = str(exc)
                if refused(exc):
                    message = f"Redis refused us: {text}"
                    await put(Problem(self.feed, message, self.clock(), None, True, True))
                    return
                reason = f"Redis: {text}"
            except (RedisError, OSError) as exc:
                reason = f"cannot read from Redis: {describe(exc)}"
            finally:
                await client.aclose()
            now = self.clock()
            delay = backoff.next_delay()
            await put(
                Problem(self.feed, f"{reason}; reconnecting", now, now + timedelta(seconds=delay))
            )
            await self.sleep(delay)

    async def _read(self, client: Any, put: Put[SourceItem]) -> None:
        """One XREAD: its events passed on together (one item, one write to stdout), the
        position moved once for the batch."""
        start = self.position.entry or "0-0"
        reply = await client.xread({self.stream: start}, count=COUNT, block=BLOCK_MS)
        batch: list[Event] = []
        for _, entries in reply or ():
            for entry, fields in entries:
                taken = self._take(entry, fields)
                if taken is None:  # a gap: what came before it, then the state
                    await self._pass(batch, put)
                    await self._resync(client, put)
                    return
                if isinstance(taken, Event):
                    batch.append(taken)
                elif not isinstance(taken, bool):
                    await self._pass(batch, put)
                    await put(taken)
        await self._pass(batch, put)

    async def _pass(self, batch: list[Event], put: Put[SourceItem]) -> None:
        if batch:
            await put(Relayed(self.feed, tuple(batch), self.clock()))
            batch.clear()
        self._save()

    def _take(self, entry: str, fields: dict[str, str]) -> Event | SourceItem | bool | None:
        """One entry: an event to pass on, another item (a notice, a feed's state), True
        (nothing to pass on), or None when it shows a gap (a resync is needed)."""
        try:
            decoded, epoch = decode(fields.get("json", ""))
        except ParseError as exc:
            self._moved(entry, self.position.epoch, self.position.seq)
            return Notice(self.feed, f"skipped entry {entry}: {exc}", self.clock())
        if isinstance(decoded, WireError):
            self._moved(entry, self.position.epoch, self.position.seq)
            return True
        epoch = epoch or fields.get("epoch")
        seq = self.position.seq if epoch == self.position.epoch else None
        if isinstance(decoded, Event):
            first_of_run = seq is None and self.position.epoch is not None
            if seq is not None and decoded.seq > seq + 1:
                return None  # trimmed away or dropped before we read it
            if first_of_run and decoded.seq > 1:
                return None  # a new run whose start we did not see
            if seq is not None and decoded.seq <= seq and decoded.kind != "snapshot":
                self._moved(entry, epoch, seq)
                return True  # seen already
            if first_of_run and decoded.kind == "snapshot":
                decoded = replace(decoded, resync=True)
            self._moved(entry, epoch, decoded.seq if seq is None else max(seq, decoded.seq))
            return decoded
        self._moved(entry, epoch, seq)
        if isinstance(decoded, Plays):
            return decoded  # a play (serve --plays): passed on, it moves no position
        return relayed_feed(decoded, self.clock())

    async def _resync(self, client: Any, put: Put[SourceItem]) -> None:
        """Every game's and feed's latest state, with the entry it includes, at once."""
        async with client.pipeline(transaction=True) as pipe:
            pipe.hgetall(f"{self.stream}:state")
            pipe.xrevrange(self.stream, count=1)
            state, last = await pipe.execute()
        now = self.clock()
        self.resyncs += 1
        games: list[Event] = []
        feeds: list[FeedEvent] = []
        for key, text in sorted(state.items()):
            if not key.startswith(("g:", "f:")):
                continue
            try:
                decoded, _ = decode(text)
            except ParseError:
                continue
            if isinstance(decoded, Event):
                games.append(decoded)
            elif isinstance(decoded, FeedEvent):
                feeds.append(decoded)
        games.sort(key=lambda e: e.seq)
        seq = games[-1].seq if games else None
        for event in games:
            snap = Event(event.seq, event.ts, "snapshot", (), event.game, True)
            await put(Relayed(self.feed, (snap,), now))
        for feed in feeds:
            await put(relayed_feed(feed, now))
        entry = last[0][0] if last else "0-0"
        self._moved(entry, state.get("epoch"), seq)
        self._save()

    def _moved(self, entry: str, epoch: str | None, seq: int | None) -> None:
        self.position = StreamPosition(entry, epoch, seq)

    def _save(self) -> None:
        """The position into the cursor file: once what it includes has been passed on."""
        if self.cursor is not None:
            where = self.position
            write_cursor(
                self.cursor, {"entry": where.entry, "epoch": where.epoch, "seq": where.seq}
            )


async def as_updates(source: AsyncIterable[SourceItem]) -> AsyncIterator[SourceItem]:
    """Relayed events as fresh updates, for a bridge that numbers them itself
    (``serve --from``): resync snapshots stay resyncs."""
    async for item in source:
        if isinstance(item, Relayed):
            for event in item.events:
                yield Update(item.feed, (event.game,), item.at, resync=event.resync)
        else:
            yield item
