"""Detection latency: from a score change at the source to the line out of livescore.

    python -m bench.detection [--changes N]

Four ways, each against servers on 127.0.0.1 whose score changes at random moments:
`watch --interval 5`, `watch --interval 2`, the bridge (`serve --interval 3` with
`tail --json`), and `stream` (a Sportrix-protocol server pushing each change). For polling
the changes are 0.5 to 3.5 s more than the interval apart; for the stream, 1 to 4 s apart.
Latency = when the line came out of the client's stdout - when the source changed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from typing import Any

from websockets.asyncio.server import ServerConnection, serve

from bench.bridge_latency import Upstream
from bench.stream_throughput import KEY, soccer
from livescore.sim.http import serve as serve_http
from tests.helpers import start_bridge

PY = sys.executable


def reader(proc: subprocess.Popen[str], seen: dict[int, float], path: tuple[str, ...]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        value: Any = json.loads(line)
        for key in path:
            value = value[key]
        seen.setdefault(int(value), time.perf_counter())


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))]


async def change_scores(
    changes: int, set_score: Any, rng: random.Random, gap: float = 1.0
) -> dict[int, float]:
    """Change the score ``changes`` times, ``gap`` to ``gap + 3`` s apart (at random phases).

    Polling runs use a gap longer than the interval, so that every change is its own poll's
    news (a change overwritten before the next poll would never be seen, and leaving those out
    would flatter the median).
    """
    changed: dict[int, float] = {}
    for n in range(1, changes + 1):
        await asyncio.sleep(rng.uniform(gap, gap + 3.0))
        await set_score(n)
        changed[n] = time.perf_counter()
    await asyncio.sleep(6.0)
    return changed


def polling(interval: float, changes: int, bridge: bool) -> list[float]:
    upstream = Upstream()

    async def set_score(n: int) -> None:
        with upstream.lock:
            upstream.score = n

    seen: dict[int, float] = {}
    with serve_http(upstream) as espn:
        procs = []
        if bridge:
            server, url = start_bridge(
                "nba", "--espn-url", espn, "--interval", str(interval), env=dict(os.environ)
            )
            procs.append(server)
            cmd = [PY, "-m", "livescore", "tail", url, "--json"]
        else:
            cmd = [
                PY,
                "-m",
                "livescore",
                "watch",
                "nba",
                "--espn-url",
                espn,
                "--interval",
                str(interval),
                "--json",
            ]
        client = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        procs.append(client)
        threading.Thread(target=reader, args=(client, seen, ("home", "score")), daemon=True).start()
        time.sleep(2)
        changed = asyncio.run(
            change_scores(changes, set_score, random.Random(interval), gap=interval + 0.5)
        )
        for proc in reversed(procs):  # the client first: it would warn of the bridge going
            proc.kill()
            proc.wait()
    return [(seen[n] - t) * 1000 for n, t in changed.items() if n in seen]


def streaming(changes: int) -> list[float]:
    clients: set[ServerConnection] = set()
    state = {"score": 0}

    async def handler(ws: ServerConnection) -> None:
        msg = json.loads(await ws.recv())
        clients.add(ws)
        await ws.send(json.dumps({"op": "snapshot", "data": soccer(msg["match_id"], 0)}))
        await ws.wait_closed()

    async def main() -> list[float]:
        seen: dict[int, float] = {}
        async with serve(handler, "127.0.0.1", 0) as server:
            url = f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
            client = subprocess.Popen(
                [PY, "-m", "livescore", "stream", "1", "--stream-url", url, "--json"],
                stdout=subprocess.PIPE,
                text=True,
                env={**os.environ, "SPORTRIX_API_KEY": KEY},
            )
            threading.Thread(
                target=reader, args=(client, seen, ("home", "score")), daemon=True
            ).start()
            await asyncio.sleep(2)

            async def set_score(n: int) -> None:
                state["score"] = n
                data = soccer(1, n * 1000)
                for ws in list(clients):
                    await ws.send(json.dumps({"op": "update", "data": data}))

            changed = await change_scores(changes, set_score, random.Random(7))
            client.kill()
            client.wait()
        return [(seen[n] - t) * 1000 for n, t in changed.items() if n in seen]

    return asyncio.run(main())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()
    rows = [
        ("HTTP polling 5 s (watch --interval 5)", lambda: polling(5.0, args.changes, False)),
        ("HTTP polling 2 s (watch --interval 2)", lambda: polling(2.0, args.changes, False)),
        ("bridge over a 3 s poll (serve + tail)", lambda: polling(3.0, args.changes, True)),
        ("WebSocket stream (stream)", lambda: streaming(args.changes)),
    ]
    print(f"{args.changes} changes each; ms from the change to the line out")
    print(f"{'path':<42} {'median':>8} {'p95':>8} {'seen':>6}")
    for name, run in rows:
        lat = run()
        print(
            f"{name:<42} {statistics.median(lat):>8.0f} {percentile(lat, 0.95):>8.0f} "
            f"{len(lat):>3}/{args.changes}"
        )


if __name__ == "__main__":
    main()
