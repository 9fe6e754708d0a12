"""`livescore tail`: follow a bridge, resuming with ``since=`` so nothing is missed."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from websockets.asyncio.client import connect

from livescore import USER_AGENT
from livescore.errors import ParseError
from livescore.fanin import Put, fan_in
from livescore.jsonlines import decode_event
from livescore.model import Notice, Relayed, SourceItem
from livescore.reconnect import Link


@dataclass
class BridgeClient:
    url: str
    token: str | None = None
    leagues: Sequence[str] = ()
    teams: Sequence[str] = ()
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    rng: Callable[[], float] = random.random

    def address(self, since: int | None) -> str:
        parts = urlsplit(self.url)
        query = [(k, v) for k, v in _pairs(parts.query) if k != "since"]
        query += [("league", x) for x in self.leagues] + [("team", x) for x in self.teams]
        if since is not None:
            query.append(("since", str(since)))
        return urlunsplit(parts._replace(query=urlencode(query)))

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
        given = dict(_pairs(urlsplit(self.url).query)).get("since", "")
        last: int | None = int(given) if given.isdigit() else None
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else None

        async def session(opened: Callable[[], None]) -> str | None:
            nonlocal last
            async with connect(
                self.address(last),
                additional_headers=headers,
                user_agent_header=USER_AGENT,
                open_timeout=10,
                max_size=1024 * 1024,
            ) as ws:
                opened()
                async for message in ws:
                    try:
                        event = decode_event(message)
                    except ParseError as exc:
                        await put(Notice(feed, f"skipped {exc}", self.clock()))
                        continue
                    if last is not None and event.seq <= last and event.kind != "snapshot":
                        continue  # already seen before the reconnect
                    last = event.seq if last is None else max(last, event.seq)
                    await put(Relayed(feed, (event,), self.clock()))
            return "the bridge closed the connection"

        await link.run(session, put)


def _pairs(query: str) -> list[tuple[str, str]]:
    return parse_qsl(query, keep_blank_values=True)
