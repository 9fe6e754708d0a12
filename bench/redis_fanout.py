"""The bridge through Redis Streams beside its own WebSocket fan-out, same run.

    python -m bench.redis_fanout [--readers 1,10,100] [--changes 20]

1. Latency: one `serve --publish` polls a local ESPN-shaped server every 0.05 s; game 1's
   score changes every 0.5 s. N `livescore tail redis://…` processes, then N `livescore tail
   ws://…` processes, follow it. Latency = the line out of a reader's stdout - when the
   bridge was served the changed score.
2. (not reported yet) Throughput of one publisher and one reader in process, and Redis's
   memory after a busy 24 h slate at the default trim length: the helpers are here, but
   their reader did not stop when asked in the runs so far.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import selectors
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

from redis.asyncio import Redis

from bench.bridge_latency import Upstream
from bench.detection import percentile
from livescore.board import Board
from livescore.bridge.hub import Hub, state_key
from livescore.model import Game, Team
from livescore.redisstream.address import parse
from livescore.redisstream.publisher import RedisPublisher
from livescore.redisstream.reader import RedisReader, StreamPosition
from livescore.sim.http import serve
from tests.helpers import cli_env, start_bridge
from tests.redisserver import RedisServer

PY = sys.executable


def follow(argvs: list[list[str]], changes: int, upstream: Upstream, base: int) -> list[float]:
    """Latencies (ms) of ``changes`` score changes to ``base + n`` at every reader."""
    procs = [
        subprocess.Popen(a, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=cli_env())
        for a in argvs
    ]
    selector = selectors.DefaultSelector()
    buffers: dict[int, bytes] = {}
    lines: list[tuple[int, bytes, float]] = []
    for index, proc in enumerate(procs):
        assert proc.stdout is not None
        os.set_blocking(proc.stdout.fileno(), False)
        selector.register(proc.stdout, selectors.EVENT_READ, index)
        buffers[index] = b""
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            for key, _ in selector.select(0.2):
                data = os.read(key.fileobj.fileno(), 1 << 20)  # type: ignore[union-attr]
                at = time.perf_counter()
                if not data:
                    selector.unregister(key.fileobj)
                    continue
                *done, buffers[key.data] = (buffers[key.data] + data).split(b"\n")
                lines.extend((key.data, line, at) for line in done)

    thread = threading.Thread(target=read)
    thread.start()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len({i for i, _, _ in list(lines)}) < len(procs):
        time.sleep(0.2)  # until every reader has started and printed its snapshots
    time.sleep(1.0)
    for n in range(1, changes + 1):
        with upstream.lock:
            upstream.score = base + n
        time.sleep(0.5)
    time.sleep(1.5)
    stop.set()
    thread.join()
    for proc in procs:
        proc.terminate()
    for proc in procs:
        proc.wait(10)
    first: dict[tuple[int, int], float] = {}
    for index, line, at in lines:
        event = json.loads(line)
        if event.get("id") == "1" and event["home"]["score"] > base:
            first.setdefault((index, event["home"]["score"]), at)
    latencies = []
    for (_, score), at in first.items():
        served = upstream.first_served.get(score)
        if served is not None:
            latencies.append((at - served) * 1000)
    expected = len(procs) * changes
    print(f"    {len(latencies)}/{expected} changes seen", flush=True)
    return latencies


def slate_game(n: int) -> Game:
    """Event ``n`` of a busy slate: 15 live games, one change at a time, round the slate."""
    left = 720 - n // 15 % 720
    clock = f"{left // 60}:{left % 60:02d}"
    home, away = (
        Team("Boston Celtics", "BOS", n // 150),
        Team("Philadelphia 76ers", "PHI", n // 160),
    )
    start = "2026-05-02T23:30:00Z"
    return Game(
        "espn",
        "nba",
        "basketball",
        f"40181{n % 15:04d}",
        "in",
        f"{clock} - 4th",
        home,
        away,
        4,
        clock,
        start,
    )


async def publish(url: str, stream: str, events: int) -> float:
    """Publish ``events`` slate events through a RedisPublisher; events/s appended."""
    hub, board = Hub(), Board()
    publisher = RedisPublisher(parse(url, "url"), stream, hub.epoch, hub.state)
    await publisher.start()
    writer = asyncio.create_task(publisher.run(_ignore))
    now = datetime.now(UTC)
    started = time.perf_counter()
    for n in range(events):
        for e, text in hub.publish(board.update([slate_game(n)], now)):
            assert e is not None
            publisher.offer([(state_key(e), text)])
        if len(publisher.pending) > 5000:
            await asyncio.sleep(0)
    while publisher.pending:
        await asyncio.sleep(0.01)
    rate = events / (time.perf_counter() - started)
    writer.cancel()
    await publisher.close()
    return rate


async def read_all(url: str, stream: str, events: int) -> float:
    """Take ``events`` entries off the stream with a RedisReader; events/s."""
    reader = RedisReader(parse(url, "url"), stream)
    reader.position = StreamPosition("0-0")  # from the first entry, not from the state
    taken = 0
    started = time.perf_counter()
    async for _item in reader:
        taken += 1
        if taken >= events:
            break
    return taken / (time.perf_counter() - started)


async def _ignore(item: object) -> None:
    return None


async def used_memory(url: str, stream: str) -> tuple[int, float]:
    client = Redis.from_url(url, decode_responses=True)
    info = await client.info("memory")
    length = await client.xlen(stream)
    await client.aclose()
    return int(length), info["used_memory"] / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--readers", default="1,10,100")
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    with RedisServer() as redis:
        upstream = Upstream(games=15, tick=0.5)
        with serve(upstream) as espn:
            bridge, ws_url = start_bridge(
                "nba", "--espn-url", espn, "--interval", "0.05", "--publish", redis.url
            )
            print("| readers | path | p50 ms | p99 ms |\n| ---: | --- | ---: | ---: |", flush=True)
            runs = 0
            for count in (int(x) for x in args.readers.split(",")):
                for path, url in (("Redis", redis.url), ("WebSocket", ws_url)):
                    runs += 1
                    argv = [PY, "-m", "livescore", "tail", url, "--json"]
                    values = follow([argv] * count, args.changes, upstream, 10_000 * runs)
                    p50 = statistics.median(values) if values else float("nan")
                    p99 = percentile(values, 0.99) if values else float("nan")
                    print(f"| {count} | {path} | {p50:.1f} | {p99:.1f} |", flush=True)
            bridge.terminate()
            bridge.wait(10)
        # Throughput and Redis memory over a 24 h slate (publish(), read_all(), used_memory()
        # below) are not reported yet: in this session's runs the in-process reader did not
        # stop when asked (see docs/benchmarks.md).


if __name__ == "__main__":
    main()
