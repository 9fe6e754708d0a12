"""Added latency of `livescore stream --json` at 1000 frames/s, beside a bare client.

    python -m bench.stream_latency [--rate 1000] [--seconds 10]

The server paces update frames at ``--rate`` and notes when it sent each (frame n carries
n as the home score). A thread reads the client's stdout and notes when each line came
out. Added latency = line out - frame sent, both on this process's clock.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from typing import Any

from websockets.asyncio.server import ServerConnection, serve

from bench.checkout import livescore_from
from bench.stream_throughput import BARE, KEY, soccer


def reader(proc: subprocess.Popen[str], path: tuple[str, ...], seen: dict[int, float]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        try:
            value: Any = json.loads(line)
            for key in path:
                value = value[key]
        except (ValueError, KeyError, TypeError):
            continue
        seen.setdefault(int(value), time.perf_counter())


async def measure(cmd: list[str], path: tuple[str, ...], rate: int, seconds: float) -> list[float]:
    sent: dict[int, float] = {}
    total = int(rate * seconds)

    async def handler(ws: ServerConnection) -> None:
        msg = json.loads(await ws.recv())
        await ws.send(json.dumps({"op": "snapshot", "data": soccer(msg["match_id"], 0)}))
        await asyncio.sleep(1.0)
        start = time.perf_counter()
        for n in range(1, total + 1):
            due = start + n / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            data = soccer(1, n)
            data["score"]["home"] = n
            sent[n] = time.perf_counter()
            await ws.send(json.dumps({"op": "update", "data": data}))
        await ws.wait_closed()

    async with serve(handler, "127.0.0.1", 0) as server:
        url = f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
        argv = [
            a.replace("{url}", url).replace("{matches}", "1").replace("{key}", KEY) for a in cmd
        ]
        proc = subprocess.Popen(
            argv + (["1"] if any("livescore" in a for a in argv) else []),
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "SPORTRIX_API_KEY": KEY},
        )
        seen: dict[int, float] = {}
        threading.Thread(target=reader, args=(proc, path, seen), daemon=True).start()
        deadline = time.perf_counter() + seconds + 30
        while len(seen) < total and time.perf_counter() < deadline:
            await asyncio.sleep(0.1)
        proc.kill()
        proc.wait()
    return sorted((seen[n] - t) * 1000 for n, t in sent.items() if n in seen)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", help="a checkout of an earlier commit, run beside this one")
    args = parser.parse_args()
    ours = [*livescore_from(None), "stream", "--stream-url", "{url}", "--json"]
    before = [*livescore_from(args.before), "stream", "--stream-url", "{url}", "--json"]
    bare = [sys.executable, "-u", "-c", BARE, "{url}", "{matches}", "{key}"]
    clients = [
        ("bare client (print, unbuffered)", bare, ("data", "score", "home")),
        ("livescore stream --json", ours, ("home", "score")),
    ]
    if args.before:
        clients.append(("before: livescore stream --json", before, ("home", "score")))
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in clients}
    for _ in range(args.repeat):  # alternate, so both see the same machine
        for name, cmd, path in clients:
            lat = asyncio.run(measure(cmd, path, args.rate, args.seconds))
            p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
            runs[name].append((statistics.median(lat), p99))
    print(f"{args.rate} frames/s for {args.seconds:g} s, {args.repeat} runs each")
    print("ms from frame sent to line out; median over runs of each run's p50 and p99")
    base = statistics.median(p99 for _, p99 in runs[clients[0][0]])
    for name, results in runs.items():
        p50 = statistics.median(r[0] for r in results)
        p99 = statistics.median(r[1] for r in results)
        spread = ", ".join(f"{r[1]:.2f}" for r in results)
        print(f"{name:<34} p50 {p50:6.2f}  p99 {p99:6.2f}  ({p99 / base:.2f}x; p99s {spread})")


if __name__ == "__main__":
    main()
