"""`livescore tail`: follow a bridge, resuming from its position so nothing is missed.

The position is the last ``seq`` seen and the ``epoch`` of the bridge run that numbered it;
a reconnect asks for ``?since=SEQ&epoch=E``. The bridge answers with what was missed, or,
after its own restart (a new epoch) or a gap too old for its buffer, with resync snapshots,
after which this client follows the new run's numbers. With ``cursor`` (``--cursor FILE``)
the position is also kept in a file, so a restarted ``tail`` resumes where the last one
stopped. Feed events from the bridge become this run's feed health: a feed stale at the
bridge is stale here too.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from websockets.asyncio.client import connect

from livescore import USER_AGENT
from livescore.core.errors import ParseError, UsageError
from livescore.core.health import relayed_feed
from livescore.core.model import Event, Notice, Plays, Relayed, SourceItem, Update
from livescore.jsonlines import WireError, decode
from livescore.net.cursor import read_cursor, write_cursor
from livescore.net.fanin import Put, fan_in
from livescore.net.reconnect import Link


@dataclass
class Position:
    """Where a client is in a bridge's stream of events."""

    seq: int | None = None
    epoch: str | None = None

    def query(self) -> list[tuple[str, str]]:
        if self.seq is None:
            return []
        pairs = [("since", str(self.seq))]
        return pairs + ([("epoch", self.epoch)] if self.epoch else [])


@dataclass
class BridgeClient:
    url: str
    token: str | None = None
    leagues: Sequence[str] = ()
    teams: Sequence[str] = ()
    cursor: str | None = None  # a file that keeps the position across restarts of tail
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    rng: Callable[[], float] = random.random
    position: Position = field(default_factory=Position)

    def address(self) -> str:
        parts = urlsplit(self.url)
        query = [(k, v) for k, v in _pairs(parts.query) if k not in ("since", "epoch")]
        query += [("league", x) for x in self.leagues] + [("team", x) for x in self.teams]
        return urlunsplit(parts._replace(query=urlencode(query + self.position.query())))

    def __aiter__(self) -> AsyncIterator[SourceItem]:
        return fan_in([self._follow])

    async def _follow(self, put: Put[SourceItem]) -> None:
        feed = f"bridge {urlsplit(self.url).netloc}"
        link = Link(
            feed,
            refused="the bridge wants a valid token (--token)",
            initial=1.0,
            cap=30.0,
            clock=self.clock,
            sleep=self.sleep,
            rng=self.rng,
        )
        given = dict(_pairs(urlsplit(self.url).query))
        if given.get("since", "").isdigit():
            self.position = Position(int(given["since"]), given.get("epoch") or None)
        if self.cursor is not None:
            self.position = read_position(self.cursor) or self.position
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else None

        async def session(opened: Callable[[], None]) -> str | None:
            async with connect(
                self.address(),
                additional_headers=headers,
                user_agent_header=USER_AGENT,
                open_timeout=10,
                max_size=1024 * 1024,
            ) as ws:
                opened()
                await put(Update(feed, (), self.clock()))  # the link is up: not stale
                resuming = self.position.seq is not None
                async for message in ws:
                    await self._receive(message, feed, put, resuming)
            return "the bridge closed the connection"

        await link.run(session, put)

    async def _receive(
        self, message: str | bytes, feed: str, put: Put[SourceItem], resuming: bool
    ) -> None:
        """One frame. ``resuming``: this connection picks up from a position, so any
        snapshot on it rebuilds state after a gap (a resync), whatever the bridge says (a
        bridge that has just restarted sends first sightings as plain snapshots)."""
        now = self.clock()
        try:
            decoded, epoch = decode(message)
        except ParseError as exc:
            await put(Notice(feed, f"skipped {exc}", now))
            return
        if isinstance(decoded, WireError):
            await put(Notice(feed, f"the bridge says: {decoded.message}", now))
            return
        position = self.position
        if epoch is not None and epoch != position.epoch:
            position = Position(None, epoch)  # a new run of the bridge: its own numbers
        if isinstance(decoded, Event):
            seen = position.seq is not None and decoded.seq <= position.seq
            if seen and decoded.kind != "snapshot":
                return  # already seen before the reconnect
            if resuming and decoded.kind == "snapshot" and not decoded.resync:
                decoded = replace(decoded, resync=True)
            await put(Relayed(feed, (decoded,), now))
        elif isinstance(decoded, Plays):
            await put(decoded)  # a play (serve --plays): live only, it moves no position
            return
        else:
            await put(relayed_feed(decoded, now))
        seq = decoded.seq if position.seq is None else max(position.seq, decoded.seq)
        self.position = Position(seq, position.epoch)
        if self.cursor is not None:
            write_cursor(self.cursor, {"seq": self.position.seq, "epoch": self.position.epoch})


def read_position(path: str) -> Position | None:
    data = read_cursor(path, ("seq", "epoch"))
    if data is None:
        return None
    seq, epoch = data["seq"], data["epoch"]
    if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(epoch, str):
        raise UsageError(f"the cursor file {path!r} holds no position (delete it to start over)")
    return Position(seq, epoch)


def _pairs(query: str) -> list[tuple[str, str]]:
    return parse_qsl(query, keep_blank_values=True)
