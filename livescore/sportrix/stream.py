"""The Sportrix WebSocket stream: every match on one connection, reconnecting for ever.

Owns I/O, timing and reconnects: frames are parsed by ``parse.py``. While the stream has
been down for more than ``backfill_after`` seconds, the REST API is polled for each match
so the outputs do not stay stale. With ``discover`` (``--live``), new in-play matches are
looked for every ``rediscover_every`` seconds and subscribed to on the open connection.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, ConnectionClosedOK

from livescore import USER_AGENT
from livescore.core import defaults
from livescore.core.errors import ParseError
from livescore.core.model import Notice, Problem, RecordFn, SourceItem, Update
from livescore.net.fanin import Put, fan_in
from livescore.net.reconnect import Link
from livescore.sportrix import FEED, REST_FEED
from livescore.sportrix.rest import ApiError, SportrixApi
from livescore.sportrix.session import SportrixSession

MAX_FRAME = 4 * 1024 * 1024
ONCE_ATTEMPTS = 3


@dataclass
class SportrixStream:
    match_ids: Sequence[str]
    url: str
    key: str
    api: SportrixApi | None = None
    idle_timeout: float = defaults.IDLE_TIMEOUT
    backfill_after: float = 30.0
    backfill_interval: float = 10.0
    once: bool = False
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    rng: Callable[[], float] = random.random
    record: RecordFn | None = None
    discover: Callable[[], Awaitable[list[str]]] | None = None
    rediscover_every: float = defaults.REDISCOVER
    connected: bool = field(default=False, init=False)
    down_since: datetime | None = field(default=None, init=False)
    _ws: Any = field(default=None, init=False)  # the open connection
    # what the frames mean (no I/O): the same protocol replays a recording
    _protocol: SportrixSession = field(default_factory=SportrixSession, init=False)

    def __aiter__(self) -> AsyncIterator[SourceItem]:
        workers = [self._connection_loop]
        if self.api is not None and not self.once:
            workers.append(self._backfill_loop)
        if self.discover is not None and not self.once:
            workers.append(self._discovery_loop)
        return fan_in(workers, until="first")

    async def _connection_loop(self, put: Put[SourceItem]) -> None:
        link = Link(
            FEED,
            refused="the key was refused (bad, disabled or expired, or without the "
            "live_scores_statistics scope)",
            initial=2.0,
            cap=60.0,
            attempts=ONCE_ATTEMPTS if self.once else None,
            clock=self.clock,
            sleep=self.sleep,
            rng=self.rng,
        )
        resync = False
        self.down_since = self.clock()

        async def session(opened: Callable[[], None]) -> str | None:
            nonlocal resync
            again, resync = resync, True  # every connection after the first is a resync
            try:
                async with connect(
                    self.url,
                    additional_headers={"X-API-Key": self.key},
                    user_agent_header=USER_AGENT,
                    open_timeout=10,
                    ping_interval=min(20.0, self.idle_timeout / 2),
                    ping_timeout=self.idle_timeout,
                    close_timeout=min(5.0, self.idle_timeout / 4),
                    max_size=MAX_FRAME,
                ) as ws:
                    opened()
                    self.connected = True
                    await put(Update(FEED, (), self.clock()))  # the link is up: not stale
                    if await self._session(ws, put, again):
                        return None  # --once: every match has answered
                    code = ws.close_code
                    return "the server closed the connection" + (
                        f" (code {code})" if code is not None else ""
                    )
            finally:
                if self.connected:
                    self.down_since = self.clock()
                self.connected = False

        await link.run(session, put)

    async def _session(self, ws: Any, put: Put[SourceItem], resync: bool) -> bool:
        """Subscribe to every match and pass frames on until the connection ends.

        Returns True when ``once`` is set and every match has answered.
        """
        protocol = self._protocol
        self._ws = ws
        for message in protocol.connected(list(self.match_ids), resync):
            await ws.send(message)
        recv, clock, receive = ws.recv, self.clock, protocol.receive
        while True:
            try:
                message = await recv()  # not `async for`: one generator less per frame
            except ConnectionClosedOK:
                return False
            now = clock()
            if self.record is not None:
                text = message if isinstance(message, str) else message.decode("utf-8", "replace")
                self.record(FEED, "", now, 0, text)
            item = receive(message, now)
            if item is not None:
                await put(item)
            if self.once and not protocol.waiting:
                if not protocol.answered_with_data:
                    reason = "none of the matches is live or known (see the warnings above)"
                    await put(Problem(FEED, reason, now, None, True))
                return True

    async def _discovery_loop(self, put: Put[SourceItem]) -> None:
        """Every so often, subscribe to in-play matches that started since the last look."""
        assert self.discover is not None
        while True:
            await self.sleep(self.rediscover_every)
            try:
                found = await self.discover()
            except ApiError as exc:
                await put(Notice(REST_FEED, f"looking for new matches: {exc}", self.clock()))
                continue
            new = [mid for mid in found if mid not in self.match_ids]
            if not new:
                continue
            self.match_ids = [*self.match_ids, *new]
            message = f"following {len(new)} new match(es): {', '.join(new)}"
            await put(Notice(FEED, message, self.clock()))
            if self.connected and self._ws is not None:
                for mid in new:
                    try:
                        await self._ws.send(self._protocol.subscribe(mid))
                    except ConnectionClosed:
                        break  # the reconnect subscribes to every match, new ones included

    async def _backfill_loop(self, put: Put[SourceItem]) -> None:
        """While the stream is down for long, poll REST for each match; stop when it is back."""
        assert self.api is not None
        while True:
            await self.sleep(1.0)
            now = self.clock()
            if self.connected or self.down_since is None:
                continue
            if (now - self.down_since).total_seconds() < self.backfill_after:
                continue
            for match_id in self.match_ids:
                if self.connected:
                    break
                try:
                    data = await self.api.live_snapshot(match_id)
                    game = self._protocol.snapshot(data, match_id, self.clock())
                except (ApiError, ParseError) as exc:
                    await put(Notice(REST_FEED, f"match {match_id}: {exc}", now))
                    continue
                await put(Update(REST_FEED, (game,), self.clock()))
            await self.sleep(self.backfill_interval)
