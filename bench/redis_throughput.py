"""Throughput of one publisher through Redis Streams to N `tail` readers, and Redis's memory
over a busy 24 h slate, each beside a naive baseline in the same run.

    python -m bench.redis_throughput [--readers 1,10,100] [--events 10000] [--day 1296000]

1. Throughput: one RedisPublisher (in this process, as `serve --publish` runs it) appends
   ``--events`` events of a 15-game slate as fast as Redis takes them; N `livescore tail
   redis://… --json` processes, started before, follow the stream. Reported: the publisher's
   events/s, and events/s per reader (events / time until the reader printed the last one).
   Baseline: N bare redis-py readers (XREAD BLOCK of 500, the entry's JSON written to stdout,
   nothing decoded), same events, same run.
2. Memory: ``--day`` events (default: 15 games, one change a second each, 24 h) appended at
   the default trim (``MAXLEN ~ 10000``); Redis's used_memory, the stream's and the state
   hash's MEMORY USAGE and XLEN sampled ten times on the way. Baseline: the same events with
   no trim, up to 200k entries, extrapolated linearly to the whole day.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import selectors
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

from redis.asyncio import Redis

from livescore.bridge.hub import Hub, state_key
from livescore.core.board import Board
from livescore.core.model import Game, Team
from livescore.redisstream import DEFAULT_MAXLEN
from livescore.redisstream.address import parse
from livescore.redisstream.publisher import RedisPublisher
from tests.helpers import cli_env
from tests.redisserver import RedisServer

PY = sys.executable
STREAM = "bench:slate"
BARE = r"""
import sys, redis
client = redis.Redis.from_url(sys.argv[1], socket_timeout=60)
last = "0-0"
out = sys.stdout.buffer
while True:
    for _, entries in client.xread({sys.argv[2]: last}, count=500, block=1000) or ():
        for last, fields in entries:
            out.write(fields[b"json"] + b"\n")
        out.flush()
"""


def slate_game(n: int) -> Game:
    """Event ``n`` of a busy slate: 15 live games, one change at a time, round the slate."""
    left = 720 - n // 15 % 720
    clock = f"{left // 60}:{left % 60:02d}"
    home = Team("Boston Celtics", "BOS", n // 150)
    away = Team("Philadelphia 76ers", "PHI", n // 160)
    detail = f"{clock} - 4th"
    return Game(
        "espn", "nba", "basketball", f"40181{n % 15:04d}", "in", detail, home, away, 4, clock,
        "2026-05-02T23:30:00Z",
    )  # fmt: skip


class Publisher:
    """One RedisPublisher fed from a Hub and a Board, as `serve --publish` feeds it."""

    def __init__(self, url: str, maxlen: int | None) -> None:
        self.hub, self.board = Hub(), Board()
        # no trim at all for the naive baseline: MAXLEN ~ far past what it appends
        self.publisher = RedisPublisher(
            parse(url, "url"), STREAM, self.hub.epoch, self.hub.state, maxlen=maxlen or 1 << 40
        )
        self.sent = 0
        self.writer: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.publisher.start()
        self.writer = asyncio.create_task(self.publisher.run(_ignore))

    async def publish(self, events: int) -> float:
        """Append ``events`` more; events/s."""
        now = datetime.now(UTC)
        started = time.perf_counter()
        for _ in range(events):
            for event, text in self.hub.publish(self.board.update([slate_game(self.sent)], now)):
                assert event is not None
                self.publisher.offer([(state_key(event), text)])
            self.sent += 1
            while len(self.publisher.pending) > 4000:
                await asyncio.sleep(0.001)
        while self.publisher.pending:
            await asyncio.sleep(0.001)
        assert self.publisher.dropped == 0
        return events / (time.perf_counter() - started)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.cancel()
        await self.publisher.close()


async def _ignore(item: object) -> None:
    return None


class Readers:
    """N reader processes; the time each printed its ``want``-th line (after ``skip``)."""

    def __init__(self, argv: list[str], count: int) -> None:
        self.procs = [
            subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=cli_env())
            for _ in range(count)
        ]
        self.lines = [0] * count
        self.done_at: list[float | None] = [None] * count
        self.want = 1 << 62
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        selector = selectors.DefaultSelector()
        for index, proc in enumerate(self.procs):
            assert proc.stdout is not None
            os.set_blocking(proc.stdout.fileno(), False)
            selector.register(proc.stdout, selectors.EVENT_READ, index)
        while not self._stop.is_set():
            for key, _ in selector.select(0.1):
                data = os.read(key.fileobj.fileno(), 1 << 20)  # type: ignore[union-attr]
                if not data:
                    selector.unregister(key.fileobj)
                    continue
                self.lines[key.data] += data.count(b"\n")
                if self.lines[key.data] >= self.want and self.done_at[key.data] is None:
                    self.done_at[key.data] = time.perf_counter()

    def expect(self, more: int) -> None:
        self.want = min(self.lines) + more  # every reader at the same count before
        self.done_at = [None] * len(self.procs)

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and None in self.done_at:
            time.sleep(0.05)
        return None not in self.done_at

    def settled(self, timeout: float = 120) -> None:
        """Until every reader has printed something and then nothing more for 0.5 s."""
        deadline = time.monotonic() + timeout
        seen = None
        while time.monotonic() < deadline:
            now = list(self.lines)
            if min(now) > 0 and now == seen:
                return
            seen = now
            time.sleep(0.5)

    def close(self) -> None:
        self._stop.set()
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            proc.wait(10)
        self._thread.join(5)


async def throughput(url: str, counts: list[int], events: int) -> None:
    print("| readers | reader | publisher ev/s | per reader ev/s (min / median) | all got all |")
    print("| ---: | --- | ---: | ---: | --- |", flush=True)
    for count in counts:
        for label, argv in (
            ("livescore tail", [PY, "-m", "livescore", "tail", f"{url}?stream={STREAM}", "--json"]),
            ("bare redis-py XREAD", [PY, "-c", BARE, url, STREAM]),
        ):
            client = Redis.from_url(url)
            await client.delete(STREAM, f"{STREAM}:state")
            await client.aclose()
            publisher = Publisher(url, maxlen=events * 2)
            await publisher.start()
            await publisher.publish(15)  # the readers' first state: 15 games
            readers = Readers(argv, count)
            await asyncio.to_thread(readers.settled)
            readers.expect(events)
            started = time.perf_counter()
            rate = await publisher.publish(events)
            complete = await asyncio.to_thread(readers.wait, 900)
            done = sorted((t or time.perf_counter()) - started for t in readers.done_at)
            per = [events / seconds for seconds in done]
            readers.close()
            await publisher.close()
            slowest, median = per[-1], per[len(per) // 2]
            print(
                f"| {count} | {label} | {rate:,.0f} | {slowest:,.0f} / {median:,.0f} "
                f"| {'yes' if complete else 'no'} |",
                flush=True,
            )


async def memory(url: str, day: int) -> None:
    client = Redis.from_url(url, decode_responses=True)
    print("\n| events appended | XLEN | stream bytes | state hash bytes | used_memory |")
    print("| ---: | ---: | ---: | ---: | ---: |", flush=True)
    await client.delete(STREAM, f"{STREAM}:state")
    trimmed = Publisher(url, DEFAULT_MAXLEN)
    await trimmed.start()
    step = max(day // 10, 1)
    while trimmed.sent < day:
        await trimmed.publish(min(step, day - trimmed.sent))
        await _sample(client, trimmed.sent)
    await trimmed.close()
    await client.delete(STREAM, f"{STREAM}:state")
    naive = Publisher(url, None)
    await naive.start()
    upto = min(day, 200_000)
    await naive.publish(upto)
    stream_bytes = await _sample(client, upto, " (no trim)")
    await naive.close()
    whole = stream_bytes / upto * day
    print(f"\nNo trim, extrapolated to {day:,} events: stream ≈ {whole / 1e6:,.0f} MB", flush=True)
    await client.aclose()


async def _sample(client: Redis, sent: int, label: str = "") -> int:
    length = await client.xlen(STREAM)
    stream = await client.memory_usage(STREAM, samples=0) or 0
    state = await client.memory_usage(f"{STREAM}:state", samples=0) or 0
    used = (await client.info("memory"))["used_memory"]
    print(
        f"| {sent:,}{label} | {length:,} | {stream / 1e6:.1f} MB | {state / 1e3:.1f} kB "
        f"| {used / 1e6:.1f} MB |",
        flush=True,
    )
    return int(stream)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--readers", default="1,10,100")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--day", type=int, default=15 * 86_400)
    parser.add_argument("--skip", choices=["throughput", "memory"])
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    with RedisServer() as redis:
        if args.skip != "throughput":
            counts = [int(x) for x in args.readers.split(",")]
            asyncio.run(throughput(redis.url, counts, args.events))
        if args.skip != "memory":
            asyncio.run(memory(redis.url, args.day))


if __name__ == "__main__":
    main()
