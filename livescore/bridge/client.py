"""`livescore tail`: follow a bridge, resuming with ``since=`` so nothing is missed."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode, urlsplit, urlunsplit

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException

from livescore import __version__
from livescore.backoff import Backoff
from livescore.bridge.wire import decode_event
from livescore.errors import ParseError
from livescore.model import Notice, Problem, Relayed, SourceItem
from livescore.neterrors import describe
from livescore.secrets import redact

STABLE = 20.0


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

    async def __aiter__(self) -> AsyncIterator[SourceItem]:
        feed = f"bridge {urlsplit(self.url).netloc}"
        backoff = Backoff(initial=1.0, cap=30.0, rng=self.rng)
        given = dict(_pairs(urlsplit(self.url).query)).get("since", "")
        last: int | None = int(given) if given.isdigit() else None
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else None
        while True:
            opened = None
            try:
                async with connect(
                    self.address(last),
                    additional_headers=headers,
                    user_agent_header=f"livescore/{__version__}",
                    open_timeout=10,
                    max_size=1024 * 1024,
                ) as ws:
                    opened = self.clock()
                    async for message in ws:
                        try:
                            event = decode_event(message)
                        except ParseError as exc:
                            yield Notice(feed, f"skipped {exc}", self.clock())
                            continue
                        if last is not None and event.seq <= last and event.kind != "snapshot":
                            continue  # already seen before the reconnect
                        last = event.seq if last is None else max(last, event.seq)
                        yield Relayed(feed, (event,), self.clock())
                    reason = "the bridge closed the connection"
            except InvalidStatus as exc:
                status = exc.response.status_code
                if status in (401, 403):
                    message = f"HTTP {status}: the bridge wants a valid token (--token)"
                    yield Problem(feed, message, self.clock(), None, True, True)
                    return
                reason = f"HTTP {status} at the handshake"
            except ConnectionClosed:
                reason = "connection lost"
            except (OSError, TimeoutError, WebSocketException) as exc:
                reason = f"cannot connect: {describe(exc)}"
            now = self.clock()
            if opened is not None and (now - opened).total_seconds() >= STABLE:
                backoff.reset()
            delay = backoff.next_delay()
            retry_at = now + timedelta(seconds=delay)
            yield Problem(feed, redact(f"{reason}; reconnecting"), now, retry_at)
            await self.sleep(delay)


def _pairs(query: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(query, keep_blank_values=True)
