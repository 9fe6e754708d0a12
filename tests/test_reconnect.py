"""The one reconnect policy of every WebSocket source, in process with clock, sleep and
random source injected: backoff with jitter, a reset only after a stable connection, 401/403
fatal at once, a bounded number of attempts for --once."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from websockets.datastructures import Headers
from websockets.exceptions import InvalidStatus
from websockets.http11 import Response

from livescore.core.model import Problem, SourceItem
from livescore.net.reconnect import Link

NOW = datetime(2026, 5, 2, 23, 0, tzinfo=UTC)


def _status(code: int) -> InvalidStatus:
    return InvalidStatus(Response(code, "x", Headers(), b""))


def _run(outcomes: list[Any], attempts: int | None = None) -> tuple[list[Problem], list[float]]:
    """Run sessions that each last ``(seconds, result)``: result an exception to raise, a
    reason to return, or None to finish."""
    now = [NOW]
    sleeps: list[float] = []
    items: list[SourceItem] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += timedelta(seconds=seconds)

    async def session(opened: Callable[[], None]) -> str | None:
        lasted, result = outcomes.pop(0)
        if not isinstance(result, InvalidStatus) and not isinstance(result, OSError):
            opened()
        now[0] += timedelta(seconds=lasted)
        if isinstance(result, BaseException):
            raise result
        return result  # type: ignore[no-any-return]

    async def put(item: SourceItem) -> None:
        items.append(item)

    link = Link(
        "feed",
        refused="the key was refused",
        attempts=attempts,
        clock=lambda: now[0],
        sleep=sleep,
        rng=lambda: 1.0,
    )
    asyncio.run(link.run(session, put))
    return [i for i in items if isinstance(i, Problem)], sleeps


def test_failures_back_off_and_only_a_stable_connection_resets_it() -> None:
    refused = ConnectionRefusedError()
    problems, sleeps = _run(
        [(0, refused), (0, refused), (1, "closed"), (30, "closed"), (0, refused), (0, None)]
    )
    assert sleeps == [2.0, 4.0, 8.0, 2.0, 4.0]  # up for 30 s: the next delay starts over
    assert problems[0].message == "cannot connect: connection refused; reconnecting"
    assert problems[2].message == "closed; reconnecting"
    assert problems[0].retry_at == NOW + timedelta(seconds=2.0)
    assert not any(p.fatal for p in problems)


def test_401_and_403_end_the_link_at_once_other_statuses_are_retried() -> None:
    problems, sleeps = _run([(0, _status(503)), (0, _status(403))])
    assert sleeps == [2.0]
    assert problems[0].message == "HTTP 503 at the handshake; reconnecting"
    last = problems[-1]
    assert last.fatal and last.rejected
    assert last.message == "HTTP 403 at the handshake: the key was refused"


def test_attempts_are_bounded_for_once() -> None:
    problems, sleeps = _run([(0, TimeoutError())] * 3, attempts=3)
    assert len(sleeps) == 2 and problems[-1].fatal and not problems[-1].rejected
