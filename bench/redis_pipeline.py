"""The Redis publisher beside raw redis-py, and `tail redis://… --cursor` draining a stored
stream beside a bare redis-py reader: each pair in the same run, alternated.

    python -m bench.redis_pipeline [--events 20000] [--drain 30000] [--rounds 3]

1. Publisher: ``--events`` events of a 15-game slate (as `serve --publish` offers them)
   appended by RedisPublisher; the floor appends the same entries with redis-py's own
   pipeline, one MULTI per 500: XADD and HSET each, the publisher's commands before this
   change. Events/s, wall clock.
2. Drain: a `tail redis://… --json --cursor FILE` that has followed a slate and stopped; then
   ``--drain`` events are published; a `tail` started again with the same cursor resumes and
   prints them: events/s until it printed the last. The floor is a bare redis-py reader
   process from the same entry (XREAD COUNT 500, each entry's JSON written to stdout).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from redis.asyncio import Redis

from bench.redis_throughput import Publisher, slate_game
from livescore.bridge.hub import Hub, state_key
from livescore.core.board import Board
from tests.helpers import cli_env
from tests.redisserver import RedisServer

STREAM = "bench:pipeline"


def entries(count: int) -> list[tuple[str, str]]:
    from datetime import UTC, datetime

    hub, board, now = Hub(), Board(), datetime.now(UTC)
    out = []
    for n in range(count):
        for event, text in hub.publish(board.update([slate_game(n)], now)):
            assert event is not None
            out.append((state_key(event), text))
    return out


async def raw(url: str, batch: list[tuple[str, str]], epoch: str) -> float:
    client = Redis.from_url(url, decode_responses=True)
    await client.delete(STREAM, f"{STREAM}:state")
    started = time.perf_counter()
    for start in range(0, len(batch), 500):
        async with client.pipeline(transaction=True) as pipe:
            for field, text in batch[start : start + 500]:
                pipe.xadd(STREAM, {"json": text, "epoch": epoch}, maxlen=1 << 40, approximate=True)
                pipe.hset(f"{STREAM}:state", field, text)
            await pipe.execute()
    took = time.perf_counter() - started
    await client.aclose()
    return len(batch) / took


async def fresh_publisher(url: str) -> Publisher:
    """A started publisher (as `serve --publish` runs it) onto an emptied STREAM."""
    client = Redis.from_url(url, decode_responses=True)
    await client.delete(STREAM, f"{STREAM}:state")
    await client.aclose()
    publisher = Publisher(url + f"?stream={STREAM}", None)
    publisher.publisher.stream = STREAM
    publisher.publisher.state = f"{STREAM}:state"
    await publisher.start()
    return publisher


async def ours(url: str, count: int) -> float:
    publisher = await fresh_publisher(url)
    try:
        return await publisher.publish(count)
    finally:
        await publisher.close()


BARE = """
import sys, redis
r = redis.Redis.from_url(sys.argv[1], decode_responses=True)
last, out = sys.argv[3], sys.stdout
while True:
    reply = r.xread({sys.argv[2]: last}, count=500, block=1000)
    for _, items in reply or ():
        for entry, fields in items:
            out.write(fields["json"] + "\\n")
            last = entry
    out.flush()
"""


def drain(argv: list[str], count: int) -> float:
    """Events/s of a reader process until it printed ``count`` lines."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=cli_env())
    assert proc.stdout is not None
    seen = 0
    while seen < count:
        chunk = proc.stdout.read1(1 << 20)
        if not chunk:
            break
        seen += chunk.count(b"\n")
    took = time.perf_counter() - started
    proc.terminate()
    proc.wait(10)
    assert seen >= count, f"{argv[:4]} printed {seen} of {count}"
    return count / took


async def backlog(url: str, count: int, cursor: str) -> str:
    """A tail that followed the first 15 events and stopped (its cursor kept); then
    ``count`` more published. The entry the cursor holds."""
    publisher = await fresh_publisher(url)
    try:
        await publisher.publish(15)
        argv = [sys.executable, "-m", "livescore", "tail", f"{url}?stream={STREAM}", "--json",
                "--cursor", cursor]  # fmt: skip
        await asyncio.to_thread(drain, argv, 15)
        await publisher.publish(count)
    finally:
        await publisher.close()
    import json

    return str(json.loads(Path(cursor).read_text())["entry"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--drain", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with RedisServer() as server:
        url = server.url
        batch = entries(args.events)
        floor, mine = [], []
        for _ in range(args.rounds):
            floor.append(asyncio.run(raw(url, batch, "00000000")))
            mine.append(asyncio.run(ours(url, args.events)))
        f, m = statistics.median(floor), statistics.median(mine)
        print(f"publisher, {args.events} events, {args.rounds} rounds (medians)")
        print(f"  raw redis-py MULTI of XADD+HSET  {f:9.0f} ev/s")
        print(f"  RedisPublisher                   {m:9.0f} ev/s   {m / f:.2f}x")
        bare, tails = [], []
        with tempfile.TemporaryDirectory() as folder:
            for round_ in range(args.rounds):
                cursor = str(Path(folder) / f"cursor{round_}")
                entry = asyncio.run(backlog(url, args.drain, cursor))
                bare.append(drain([sys.executable, "-c", BARE, url, STREAM, entry], args.drain))
                tail = [sys.executable, "-m", "livescore", "tail", f"{url}?stream={STREAM}",
                        "--json", "--cursor", cursor]  # fmt: skip
                tails.append(drain(tail, args.drain))
        b, t = statistics.median(bare), statistics.median(tails)
        print(f"drain of {args.drain} events behind a cursor, {args.rounds} rounds (medians)")
        print(f"  bare redis-py reader             {b:9.0f} ev/s")
        print(f"  tail redis://… --cursor          {t:9.0f} ev/s   {t / b:.2f}x")


if __name__ == "__main__":
    main()
