"""fan_in: merging workers, backpressure, errors and cancellation."""

from __future__ import annotations

import asyncio

import pytest

from livescore.net.fanin import Put, fan_in, merge

DEADLINE = 10.0


async def _numbers(put: Put[int], start: int, count: int) -> None:
    for n in range(start, start + count):
        await put(n)


def test_every_item_of_every_worker_comes_out_in_each_workers_order() -> None:
    async def main() -> list[int]:
        workers = [
            lambda put: _numbers(put, 0, 1000),
            lambda put: _numbers(put, 10_000, 1000),
        ]
        return [item async for item in fan_in(workers, maxsize=8)]

    out = asyncio.run(main())
    assert sorted(out) == [*range(1000), *range(10_000, 11_000)]
    assert [n for n in out if n < 10_000] == list(range(1000))
    assert [n for n in out if n >= 10_000] == list(range(10_000, 11_000))


def test_a_fast_worker_waits_while_the_consumer_is_behind() -> None:
    """The channel holds at most maxsize items plus one per worker."""

    async def main() -> tuple[int, int]:
        produced = 0

        async def fast(put: Put[int]) -> None:
            nonlocal produced
            for n in range(500):
                await put(n)
                produced += 1

        stream = fan_in([fast], maxsize=16)
        first = await anext(stream)
        for _ in range(100):  # let the worker run as far as it can
            await asyncio.sleep(0)
        ahead = produced
        rest = [item async for item in stream]
        return ahead, len(rest) + 1 + first

    ahead, total = asyncio.run(main())
    assert ahead <= 16 + 1
    assert total == 500


def test_a_workers_error_is_raised_to_the_consumer_after_what_it_put() -> None:
    async def failing(put: Put[int]) -> None:
        await put(1)
        raise ValueError("boom")

    async def main() -> list[int]:
        seen: list[int] = []
        with pytest.raises(ValueError, match="boom"):
            async for item in fan_in([failing]):
                seen.append(item)
        return seen

    assert asyncio.run(main()) == [1]


def test_until_first_ends_when_one_worker_returns_and_cancels_the_rest() -> None:
    cancelled = asyncio.Event()

    async def forever(put: Put[int]) -> None:
        try:
            await asyncio.Event().wait()
        finally:
            cancelled.set()

    async def main() -> list[int]:
        out = [item async for item in fan_in([lambda p: _numbers(p, 0, 3), forever], until="first")]
        await asyncio.wait_for(cancelled.wait(), DEADLINE)
        return out

    assert asyncio.run(main()) == [0, 1, 2]


def test_closing_the_consumer_cancels_a_worker_waiting_for_room() -> None:
    async def main() -> bool:
        stopped = asyncio.Event()

        async def endless(put: Put[int]) -> None:
            try:
                n = 0
                while True:
                    await put(n)
                    n += 1
            finally:
                stopped.set()

        stream = fan_in([endless], maxsize=4)
        assert await anext(stream) == 0
        await stream.aclose()
        await asyncio.wait_for(stopped.wait(), DEADLINE)
        return True

    assert asyncio.run(main())


def test_merge_passes_on_every_item_of_each_source() -> None:
    async def letters():  # type: ignore[no-untyped-def]
        for ch in "abc":
            yield ch
            await asyncio.sleep(0)

    async def main() -> list[str]:
        return [item async for item in merge(letters(), letters())]

    assert sorted(asyncio.run(main())) == sorted("abcabc")
