"""``--delay``: every item of a source released in order, no earlier than DELAY after it came;
unchanged games held once; a fatal failure with nothing held said at once; memory bounded."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from livescore.app.delay import delayed
from livescore.core.model import Game, Notice, Problem, SourceItem, Team, Update

NOW = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)


def game(gid: str, home: int, away: int) -> Game:
    return Game(
        "espn", "nba", "basketball", gid, "in", "Q1", Team("B", "B", home), Team("A", "A", away)
    )


async def feed(
    items: list[SourceItem], gate: asyncio.Event | None = None
) -> AsyncIterator[SourceItem]:
    for item in items:
        yield item
        await asyncio.sleep(0)
    if gate is not None:
        await gate.wait()


async def collect(
    source: AsyncIterator[SourceItem], warned: list[str], count: int
) -> list[tuple[float, SourceItem]]:
    loop = asyncio.get_running_loop()
    out: list[tuple[float, SourceItem]] = []
    async for item in source:
        out.append((loop.time(), item))
        if len(out) == count:
            break
    return out


def test_items_come_out_in_order_and_none_before_its_time() -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        items: list[SourceItem] = [Update("espn nba", (game("1", i, 0),), NOW) for i in range(20)]
        items.insert(5, Problem("espn nba", "HTTP 503", NOW))
        items.insert(9, Notice("espn nba", "skipped 1 event", NOW))
        arrived: list[float] = []

        async def source() -> AsyncIterator[SourceItem]:
            for item in items:
                arrived.append(loop.time())
                yield item
                await asyncio.sleep(0.01)

        out = await collect(delayed(source(), 0.3, print), [], len(items))
        assert [item for _, item in out] == items
        for (released, _), came in zip(out, arrived, strict=True):
            assert released >= came + 0.3

    asyncio.run(main())


def test_the_source_ending_lets_what_is_held_out_first() -> None:
    async def main() -> None:
        items: list[SourceItem] = [Update("espn nba", (game("1", i, 0),), NOW) for i in range(3)]
        got = [item async for item in delayed(feed(items), 0.05, print)]
        assert got == items

    asyncio.run(main())


def test_unchanged_games_are_held_as_one_object() -> None:
    async def main() -> None:
        first = (game("1", 10, 8), game("2", 0, 0))
        again = (game("1", 10, 8), game("2", 0, 1))  # equal, not identical; game 2 changed
        items: list[SourceItem] = [Update("espn nba", first, NOW), Update("espn nba", again, NOW)]
        got = [item async for item in delayed(feed(items), 0.01, print)]
        assert isinstance(got[1], Update) and isinstance(got[0], Update)
        assert got[1].games[0] is got[0].games[0]
        assert got[1].games[1] == again[1] and got[1].games[1] is not got[0].games[1]

    asyncio.run(main())


def test_a_fatal_failure_with_nothing_held_is_said_at_once() -> None:
    async def main() -> None:
        fatal = Problem("espn xyz", "HTTP 404: no such league", NOW, fatal=True)
        got = await asyncio.wait_for(
            collect(delayed(feed([fatal], asyncio.Event()), 3600, print), [], 1), 30
        )
        assert got[0][1] == fatal

    asyncio.run(main())


def test_past_the_limit_the_oldest_go_early_with_one_warning() -> None:
    async def main() -> None:
        items: list[SourceItem] = [Update("espn nba", (game("1", i, 0),), NOW) for i in range(6)]
        warned: list[str] = []
        source = delayed(feed(items, asyncio.Event()), 3600, warned.append, limit=3)
        got = await asyncio.wait_for(collect(source, warned, 3), 30)
        assert [item for _, item in got] == items[:3]
        assert warned == ["--delay holds more than 3 items: releasing the oldest early"]

    asyncio.run(main())


def test_an_error_of_the_source_is_raised_after_what_came_before_it() -> None:
    async def broken() -> AsyncIterator[SourceItem]:
        yield Update("espn nba", (game("1", 1, 0),), NOW)
        raise RuntimeError("boom")

    async def main() -> None:
        got: list[SourceItem] = []
        with pytest.raises(RuntimeError, match="boom"):
            async for item in delayed(broken(), 0.01, print):
                got.append(item)
        assert len(got) == 1

    asyncio.run(main())


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(30, "30s"), (120, "2m"), (5400, "1h30m"), (0.5, "0.5s"), (86400, "1 day"), (3661, "1h1m1s")],
)
def test_a_delay_is_said_as_people_write_it(seconds: float, said: str) -> None:
    from livescore.app.checks import spoken

    assert spoken(seconds) == said
