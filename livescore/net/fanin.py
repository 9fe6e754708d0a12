"""Run several source workers as tasks and merge what they report into one async stream."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Sequence,
)
from typing import Any, Generic, TypeVar

T = TypeVar("T")
Put = Callable[[T], Awaitable[None]]
Worker = Callable[[Put[T]], Awaitable[None]]


class _Ready:
    """An awaitable that is already done: what ``put`` returns when there is room."""

    __slots__ = ()

    def __await__(self) -> Generator[Any, None, None]:
        # an empty iterator, not a generator: nothing to make per await
        return iter(())  # type: ignore[return-value]


_READY = _Ready()


class _Channel(Generic[T]):
    """A queue for many producers and one consumer, with asyncio.Queue's backpressure and
    less work per item: a put that finds room makes no coroutine (0.15 µs against 0.64 µs),
    and a get that finds an item does not wait. On the stream's hot path once per frame.

    A put always takes its item; the producer then waits while the channel holds
    ``maxsize`` items or more, so it holds at most ``maxsize`` plus one per producer.
    """

    def __init__(self, maxsize: int) -> None:
        self._items: deque[T] = deque()
        self._maxsize = maxsize
        self._getter: asyncio.Future[None] | None = None
        self._putters: list[asyncio.Future[None]] = []

    def put(self, item: T) -> Awaitable[None]:
        self._items.append(item)
        getter = self._getter
        if getter is not None:
            self._getter = None
            if not getter.done():
                getter.set_result(None)
        if len(self._items) < self._maxsize:
            return _READY
        return self._room()

    async def _room(self) -> None:
        loop = asyncio.get_running_loop()
        while len(self._items) >= self._maxsize:
            waiter = loop.create_future()
            self._putters.append(waiter)
            try:
                await waiter
            finally:
                if waiter in self._putters:  # cancelled while waiting
                    self._putters.remove(waiter)

    async def get(self) -> T:
        while not self._items:
            getter = self._getter = asyncio.get_running_loop().create_future()
            try:
                await getter
            finally:
                self._getter = None
        item = self._items.popleft()
        if self._putters and len(self._items) < self._maxsize:
            putters, self._putters = self._putters, []
            for waiter in putters:
                if not waiter.done():
                    waiter.set_result(None)
        return item


async def fan_in(
    workers: Sequence[Worker[T]], *, until: str = "all", maxsize: int = 256
) -> AsyncIterator[T]:
    """Yield what the workers ``put``, until all of them (``until="all"``) or the first one
    (``until="first"``) has returned. A worker's exception is raised here, not lost.

    The channel is bounded: a worker waits while the consumer is behind, so a fast upstream
    feels backpressure (TCP flow control) instead of filling memory.
    """
    channel: _Channel[T | _End] = _Channel(maxsize)

    async def run(worker: Worker[T]) -> None:
        try:
            await worker(channel.put)
        except Exception as exc:
            await channel.put(_End(exc))
        else:
            await channel.put(_End(None))

    tasks = [asyncio.create_task(run(w)) for w in workers]
    running = len(tasks)
    try:
        while running:
            item = await channel.get()
            if isinstance(item, _End):
                if item.error is not None:
                    raise item.error
                running -= 1
                if until == "first":
                    return
            else:
                yield item
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


class _End:
    """A worker has returned (``error`` None) or raised."""

    __slots__ = ("error",)

    def __init__(self, error: Exception | None) -> None:
        self.error = error


def pumping(source: AsyncIterable[T]) -> Worker[T]:
    """A worker that passes on what ``source`` yields."""

    async def pump(put: Put[T]) -> None:
        async for item in source:
            await put(item)

    return pump


def merge(*sources: AsyncIterable[T]) -> AsyncIterator[T]:
    """Items of every source as they come."""
    return fan_in([pumping(source) for source in sources])
