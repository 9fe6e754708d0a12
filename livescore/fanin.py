"""Run several source workers as tasks and merge what they report into one async stream."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
Put = Callable[[T], Awaitable[None]]
Worker = Callable[[Put[T]], Awaitable[None]]


async def fan_in(
    workers: Sequence[Worker[T]], *, until: str = "all", maxsize: int = 256
) -> AsyncIterator[T]:
    """Yield what the workers ``put``, until all of them (``until="all"``) or the first one
    (``until="first"``) has returned. A worker's exception is raised here, not lost.

    The queue is bounded: a worker waits while the consumer is behind, so a fast upstream
    feels backpressure (TCP flow control) instead of filling memory.
    """
    queue: asyncio.Queue[tuple[int, T | BaseException | None]] = asyncio.Queue(maxsize)

    async def run(index: int, worker: Worker[T]) -> None:
        async def put(item: T) -> None:
            if queue.full():
                await queue.put((index, item))
            else:  # the common case, on the hot path: no coroutine to make and run
                queue.put_nowait((index, item))

        try:
            await worker(put)
        except Exception as exc:
            await queue.put((index, exc))
        await queue.put((index, None))

    tasks = [asyncio.create_task(run(i, w)) for i, w in enumerate(workers)]
    running = len(tasks)
    try:
        while running:
            _, item = await queue.get()
            if item is None:
                running -= 1
                if until == "first":
                    return
            elif isinstance(item, BaseException):
                raise item
            else:
                yield item
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def pumping(source: AsyncIterable[T]) -> Worker[T]:
    """A worker that passes on what ``source`` yields."""

    async def pump(put: Put[T]) -> None:
        async for item in source:
            await put(item)

    return pump


def merge(*sources: AsyncIterable[T]) -> AsyncIterator[T]:
    """Items of every source as they come."""
    return fan_in([pumping(source) for source in sources])
