"""Building the live sources (ESPN poller, Sportrix stream) with their HTTP clients."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, TypeVar

from livescore.leagues import League

T = TypeVar("T")


@contextlib.asynccontextmanager
async def espn_poller(
    leagues: Sequence[League],
    base: str,
    *,
    interval: float = 5.0,
    date: str | None = None,
    once: bool = False,
    timeout: float = 10.0,
    record: Any = None,
) -> AsyncIterator[Any]:
    import httpx

    from livescore.espn.poller import EspnPoller

    limits = httpx.Limits(max_connections=max(4, len(leagues)))
    async with httpx.AsyncClient(limits=limits, follow_redirects=True) as client:
        yield EspnPoller(
            leagues,
            client,
            base_url=base,
            interval=interval,
            date=date,
            once=once,
            timeout=timeout,
            record=record,
        )


@contextlib.asynccontextmanager
async def sportrix_stream(
    ids: list[str],
    key: str,
    ws_url: str,
    rest_url: str,
    *,
    live: str | None = None,
    idle_timeout: float = 60.0,
    once: bool = False,
    record: Any = None,
    rediscover_every: float = 60.0,
) -> AsyncIterator[Any]:
    """A SportrixStream, or None when --live --once found no match to follow.

    With --live, the stream looks again every ``rediscover_every`` seconds and follows the
    matches that have started since (a run begun before kick-off waits for them).
    """
    import httpx

    from livescore.runner import warn
    from livescore.sportrix.rest import SportrixApi
    from livescore.sportrix.stream import SportrixStream

    async with httpx.AsyncClient() as client:
        api = SportrixApi(client, rest_url, key, record=record)
        discover = None
        if live:
            sport = live

            async def discover() -> list[str]:
                return [str(m["id"]) for m in await api.live_matches(sport)]

            found = await with_retries(discover)
            ids = ids + [i for i in found if i not in ids]
            if not ids and once:
                warn(f"no live {live} matches right now")
                yield None
                return
            if not ids:
                warn(f"no live {live} matches right now; looking again every {rediscover_every:g}s")
        yield SportrixStream(
            ids,
            ws_url,
            key,
            api=api,
            idle_timeout=idle_timeout,
            once=once,
            record=record,
            discover=discover,
            rediscover_every=rediscover_every,
        )


async def with_retries(call: Callable[[], Awaitable[T]], attempts: int = 3) -> T:
    """A REST call, tried again after transient failures (5xx, timeouts)."""
    from livescore.sportrix.rest import ApiError

    for attempt in range(attempts):
        try:
            return await call()
        except ApiError as exc:
            if not exc.transient or attempt == attempts - 1:
                raise
            await asyncio.sleep(exc.retry_after or 1.0 * 2**attempt)
    raise AssertionError("unreachable")
