"""The bridge through Redis Streams beside its own WebSocket fan-out, same run.

    python -m bench.redis_fanout [--readers 1,10,100] [--changes 20]

1. Latency: one `serve --publish` polls a local ESPN-shaped server every 0.05 s; game 1's
   score changes every 0.5 s. N `livescore tail redis://…` processes, then N `livescore tail
   ws://…` processes, follow it. Latency = the line out of a reader's stdout - when the
   bridge was served the changed score.

Throughput and Redis's memory over a 24 h slate: `python -m bench.redis_throughput`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import selectors
import statistics
import subprocess
import sys
import threading
import time

from bench.bridge_latency import Upstream
from bench.detection import percentile
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


if __name__ == "__main__":
    main()
