"""``--delay``: how late each item comes out past its due time, and what holding costs.

    python -m bench.delay_jitter [--items 3000] [--delay 2]

Release jitter: a source yields ITEMS items at irregular intervals (bursts of 1-20 a few ms
apart, pauses up to 50 ms); each is due DELAY seconds after it arrived. Measured for
``livescore.app.delay.delayed`` and, in the same run, for the naive way (one ``call_later`` timer
per item into a queue). Both must keep the order.

Memory: what an hour of delay holds for a 15-game slate polled every 5 s (720 polls, each a
freshly parsed, mostly unchanged set of games), with the held games shared as ``delayed``
does and, beside it, every poll's games kept as parsed (naive).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tracemalloc
from collections import deque
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from livescore.app.delay import delayed
from livescore.core.model import Game, SourceItem, Team, Update

NOW = datetime(2026, 12, 4, tzinfo=UTC)


def _game(gid: int, home: int, away: int) -> Game:
    home_team = Team(f"Home Team {gid}", f"H{gid:02d}", home)
    away_team = Team(f"Away Team {gid}", f"A{gid:02d}", away)
    return Game(
        "espn", "nfl", "football", str(gid), "in", "8:41 - 2nd", home_team, away_team,
        2, "8:41", "2026-12-04T18:00Z", "STATUS_IN_PROGRESS",
    )  # fmt: skip


async def _source(
    count: int, arrived: list[float], rng: random.Random
) -> AsyncIterator[SourceItem]:
    loop = asyncio.get_running_loop()
    sent = 0
    while sent < count:
        for _ in range(min(rng.randint(1, 20), count - sent)):
            arrived.append(loop.time())
            yield Update("espn nfl", (_game(sent % 15, sent, 0),), NOW)
            sent += 1
            await asyncio.sleep(rng.uniform(0, 0.003))
        await asyncio.sleep(rng.uniform(0, 0.05))


async def _ours(count: int, delay: float, seed: int) -> tuple[list[float], bool]:
    loop = asyncio.get_running_loop()
    arrived: list[float] = []
    late: list[float] = []
    got: list[int] = []
    i = 0
    async for item in delayed(_source(count, arrived, random.Random(seed)), delay, print):
        late.append(loop.time() - (arrived[i] + delay))
        assert isinstance(item, Update)
        got.append(item.games[0].home.score or 0)
        i += 1
    return late, got == sorted(got)


async def _naive(count: int, delay: float, seed: int) -> tuple[list[float], bool]:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[float, SourceItem]] = asyncio.Queue()
    arrived: list[float] = []

    async def feed() -> None:
        async for item in _source(count, arrived, random.Random(seed)):
            loop.call_later(delay, queue.put_nowait, (arrived[-1], item))

    task = asyncio.create_task(feed())
    late: list[float] = []
    got: list[int] = []
    for _ in range(count):
        came, item = await queue.get()
        late.append(loop.time() - (came + delay))
        assert isinstance(item, Update)
        got.append(item.games[0].home.score or 0)
    await task
    return late, got == sorted(got)


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    early = min(ordered)
    return (
        f"median {statistics.median(ordered) * 1000:6.2f} ms  p99 {p99 * 1000:6.2f} ms  "
        f"max {ordered[-1] * 1000:6.2f} ms  earliest {early * 1000:+.2f} ms"
    )


def _held_bytes(shared: bool) -> int:
    """Bytes held by an hour of 5 s polls of 15 games (one score change a minute)."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    held: deque[Update] = deque()
    last: dict[tuple[str, str, str], Game] = {}
    for poll in range(720):
        games = []
        for gid in range(15):
            game = _game(gid, (poll // 12 + gid) % 40, gid)  # a new object every poll
            if shared:
                kept = last.get(game.key)
                if kept is not None and kept == game:
                    game = kept
                else:
                    last[game.key] = game
            games.append(game)
        held.append(Update("espn nfl", tuple(games), NOW))
    size = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--delay", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    ours, ours_order = asyncio.run(_ours(args.items, args.delay, args.seed))
    naive, naive_order = asyncio.run(_naive(args.items, args.delay, args.seed))
    print(f"release past due, {args.items} items, delay {args.delay:g}s")
    print(f"  livescore delayed: {_ms(ours)}  in order: {ours_order}")
    print(f"  naive call_later:  {_ms(naive)}  in order: {naive_order}")
    print("held for an hour of 5 s polls, 15 games")
    print(f"  livescore (unchanged games shared): {_held_bytes(True) / 1024:8.0f} KiB")
    print(f"  naive (every poll as parsed):       {_held_bytes(False) / 1024:8.0f} KiB")


if __name__ == "__main__":
    main()
