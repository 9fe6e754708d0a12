"""``--delay``: hold everything a source says and let it go, in order, DELAY after it came.

Spoiler protection: the ticker then runs as far behind as the TV stream. Everything is held
(scores, failures, notices), so what is shown is what was true DELAY ago, consistently; the
pipeline's clock runs DELAY behind too (see ``shifted``), so a countdown or "updated 3s ago"
reads right. One exception: a fatal failure while nothing is held (a league ESPN does not
know, at the start) is said at once, since there is nothing to spoil.

Memory: a game that did not change since the last item is held as the same object (an ESPN
poll every 5 s of an unchanged slate costs a tuple, not 15 new games), and at most ``limit``
items are held; past that the oldest goes early, with one warning, rather than memory growing
without end.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TypeVar, cast

from livescore.core.model import Game, Problem, SourceItem, Update

LIMIT = 100_000
T = TypeVar("T")


Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def behind(
    source: AsyncIterable[SourceItem], seconds: float, warn: Callable[[str], None]
) -> tuple[AsyncIterable[SourceItem], Clock]:
    """The source and the pipeline's clock, both ``seconds`` behind (none: as they are)."""
    if not seconds:
        return source, utc_now
    lag = timedelta(seconds=seconds)
    return delayed(source, seconds, warn), lambda: utc_now() - lag


async def delayed(
    source: AsyncIterable[T],
    seconds: float,
    warn: Callable[[str], None],
    *,
    limit: int = LIMIT,
) -> AsyncIterator[T]:
    """Yield what ``source`` yields (source items, or ``game``'s summaries), each item
    ``seconds`` after it arrived, in order."""
    loop = asyncio.get_running_loop()
    held: deque[tuple[float, T]] = deque()
    arrived = asyncio.Event()
    overfull = asyncio.Event()  # more than ``limit`` held: wake before the head is due
    ended: list[BaseException | None] = []  # set once the source is done: [error or None]
    last: dict[tuple[str, str, str], Game] = {}
    overflowed = False

    def share(item: T) -> T:
        """The item, with each game that did not change since it was last seen replaced by
        the object already held."""
        if not isinstance(item, Update):
            return item
        games = []
        for game in item.games:
            before = last.get(game.key)
            if before is not None and before == game:
                game = before
            else:
                last[game.key] = game
            games.append(game)
        return cast(T, replace(item, games=tuple(games)))

    async def pump() -> None:
        try:
            async for item in source:
                held.append((loop.time() + seconds, share(item)))
                arrived.set()
                if len(held) > limit:
                    overfull.set()
        except Exception as exc:
            ended.append(exc)
        else:
            ended.append(None)
        arrived.set()

    task = asyncio.create_task(pump())
    try:
        while True:
            if not held:
                if ended:
                    break
                arrived.clear()
                await arrived.wait()
                continue
            due, item = held[0]
            urgent = isinstance(item, Problem) and item.fatal and len(held) == 1
            wait = due - loop.time()
            if wait > 0 and not urgent and len(held) <= limit:
                overfull.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(overfull.wait(), wait)
                continue
            if len(held) > limit and not overflowed:
                overflowed = True
                warn(f"--delay holds more than {limit} items: releasing the oldest early")
            held.popleft()
            yield item
        if ended[0] is not None:
            raise ended[0]
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
