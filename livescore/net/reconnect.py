"""Keeping a WebSocket link up: one policy for every WebSocket source (Sportrix, a bridge).

Each attempt runs a *session*. When it ends or cannot open, the reason is reported as a
``Problem`` carrying the time of the next try, and the next try waits out an exponential
backoff with jitter. The backoff starts over only once a connection has stayed up for
``stable`` seconds, so a server that accepts and closes at once gets no reconnect storm.
HTTP 401/403 at the handshake ends the link for good: retrying will not make it valid.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial

from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException

from livescore.core.model import Problem, SourceItem
from livescore.net.backoff import Backoff
from livescore.net.fanin import Put
from livescore.net.neterrors import describe

STABLE = 20.0  # seconds a connection must last before the backoff starts again from the start

# A session is called with ``opened`` (to call once the connection is up) and returns why
# the connection ended when the other side closed it, or None when the work is done.
Session = Callable[[Callable[[], None]], Awaitable[str | None]]


@dataclass
class Link:
    feed: str
    refused: str  # what HTTP 401/403 at the handshake means here
    initial: float = 2.0
    cap: float = 60.0
    stable: float = STABLE
    attempts: int | None = None  # give up, fatally, after this many attempts (--once)
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    rng: Callable[[], float] = random.random

    async def run(self, session: Session, put: Put[SourceItem]) -> None:
        """Run sessions until one says it is done, the upstream refuses us, or attempts run out."""
        backoff = Backoff(initial=self.initial, cap=self.cap, rng=self.rng)
        tries = 0
        while True:
            tries += 1
            opened: list[datetime] = []
            try:
                reason = await session(partial(_mark, opened, self.clock))
                if reason is None:
                    return
            except InvalidStatus as exc:
                status = exc.response.status_code
                if status in (401, 403):
                    message = f"HTTP {status} at the handshake: {self.refused}"
                    await put(Problem(self.feed, message, self.clock(), None, True, True))
                    return
                reason = f"HTTP {status} at the handshake"
            except ConnectionClosed as exc:
                reason = closed_reason(exc)
            except (OSError, TimeoutError, WebSocketException) as exc:
                reason = f"cannot connect: {describe(exc)}"
            now = self.clock()
            if opened and (now - opened[0]).total_seconds() >= self.stable:
                backoff.reset()
            if self.attempts is not None and tries >= self.attempts:
                await put(Problem(self.feed, reason, now, None, True))
                return
            delay = backoff.next_delay()
            retry_at = now + timedelta(seconds=delay)
            await put(Problem(self.feed, f"{reason}; reconnecting", now, retry_at))
            await self.sleep(delay)


def _mark(opened: list[datetime], clock: Callable[[], datetime]) -> None:
    opened.append(clock())


def closed_reason(exc: ConnectionClosed) -> str:
    """Why a connection ended, the same wherever the close landed (mid-read, mid-send)."""
    if exc.rcvd is not None:  # a close frame from the other side
        return f"the server closed the connection ({_close_frame(exc)})"
    return f"connection lost ({_close_frame(exc)})"


def _close_frame(exc: ConnectionClosed) -> str:
    frame = exc.rcvd or exc.sent
    if frame is None:
        return "no close frame"
    return f"code {frame.code}" + (f", {frame.reason}" if frame.reason else "")
