"""Late readers: N bridge clients that connect while the board moves (about 150 changes a
second) and start reading only once all are connected, a bot fleet restarting mid-game.
How long after a marked change each has it, and the bridge's CPU meanwhile.

    python -m bench.bridge_late [--clients 500] [--before DIR]

Each client is a raw socket after the handshake (tests the bridge, not a client library).
With ``--before DIR``, the same with that checkout's `livescore serve`, alternated.
"""

from __future__ import annotations

import argparse
import json
import os
import selectors
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.bridge_latency import Upstream, raw_connect, text_frames
from livescore.sim.http import serve as serve_http
from tests.helpers import start_listening
from tests.procstat import cpu_seconds

MARK = 999  # game 1's score that marks the change every client must get


def run(checkout: Path, count: int) -> dict[str, float]:
    upstream = Upstream(games=15, tick=0.1)
    with serve_http(upstream) as espn:
        cmd = [sys.executable, "-m", "livescore", "serve", "nba", "--espn-url", espn,
               "--interval", "0.1", "--port", "0", "--max-clients", str(count + 10)]  # fmt: skip
        here = os.getcwd()
        os.chdir(checkout)
        try:
            proc, url = start_listening(cmd, env=dict(os.environ), stdout=subprocess.DEVNULL)
        finally:
            os.chdir(here)
        try:
            port = int(url.rsplit(":", 1)[1].strip("/"))
            socks = [raw_connect(port) for _ in range(count)]  # none reads yet
            time.sleep(2.0)  # the board moves on while nobody reads
            selector = selectors.DefaultSelector()
            buffers = []
            for index, (sock, rest) in enumerate(socks):
                buffers.append(bytearray(rest))
                selector.register(sock, selectors.EVENT_READ, index)
            got: dict[int, float] = {}
            cpu0 = cpu_seconds(proc.pid)
            with upstream.lock:
                upstream.score = MARK
            marked = time.perf_counter()
            deadline = marked + 30
            while len(got) < count and time.perf_counter() < deadline:
                for key, _ in selector.select(0.2):
                    data = key.fileobj.recv(1 << 20)  # type: ignore[union-attr]
                    if not data:
                        selector.unregister(key.fileobj)
                        continue
                    buf = buffers[key.data]
                    buf += data
                    for payload in text_frames(buf):
                        if key.data not in got and b'"score":999' in payload.replace(b" ", b""):
                            game = json.loads(payload)
                            if str(game.get("id")) == "1" and game["home"]["score"] == MARK:
                                got[key.data] = time.perf_counter() - marked
            cpu = cpu_seconds(proc.pid) - cpu0
            for sock, _ in socks:
                sock.close()
        finally:
            proc.terminate()
            stopping = time.perf_counter()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            stopped = time.perf_counter() - stopping
    waits = sorted(got.values())
    return {
        "got": len(got),
        "within_1s": sum(1 for w in waits if w <= 1.0),
        "p50_s": statistics.median(waits) if waits else float("inf"),
        "max_s": waits[-1] if waits else float("inf"),
        "cpu_s": cpu,
        "stop_s": stopped,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--before", help="another checkout to run alongside")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sides = [("now", Path.cwd())]
    if args.before:
        sides.append(("before", Path(args.before).resolve()))
    print(f"{args.clients} clients reading only after all connected, ~150 changes/s")
    for _ in range(args.rounds):
        for side, checkout in sides:
            r = run(checkout, args.clients)
            print(
                f"{side:<7} got {r['got']:>4}/{args.clients}, within 1 s {r['within_1s']:>4}, "
                f"p50 {r['p50_s']:.3f} s, max {r['max_s']:.3f} s, CPU {r['cpu_s']:.2f} s, "
                f"stopped in {r['stop_s']:.2f} s"
            )


if __name__ == "__main__":
    main()
