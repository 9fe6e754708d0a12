"""Memory of `livescore stream --json`: RSS after 10k frames and after 1M frames.

    python -m bench.stream_memory [--frames 1000000] [--matches 100]

The server sends update frames as fast as the client takes them; a thread counts the
client's output lines and reads its RSS from /proc at each checkpoint. The bare client
(prints each frame) runs the same way, for the floor of Python + websockets.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from typing import Any

from websockets.asyncio.server import ServerConnection, serve

from bench.stream_throughput import BARE, KEY, soccer
from tests.procstat import rss_mb


class Sender:
    def __init__(self, frames: int, matches: int) -> None:
        self.frames, self.matches = frames, matches

    async def handler(self, ws: ServerConnection) -> None:
        for _ in range(self.matches):
            msg = json.loads(await ws.recv())
            await ws.send(json.dumps({"op": "snapshot", "data": soccer(msg["match_id"], 0)}))
        for n in range(self.frames):
            await ws.send(json.dumps({"op": "update", "data": soccer(1 + n % self.matches, n + 1)}))
        await ws.wait_closed()


def watch(proc: subprocess.Popen[bytes], checkpoints: list[int], out: list[Any]) -> None:
    assert proc.stdout is not None
    wanted = list(checkpoints)
    for count, _ in enumerate(proc.stdout, 1):
        if wanted and count >= wanted[0]:
            out.append((wanted.pop(0), rss_mb(proc.pid), time.perf_counter()))
            if not wanted:
                return


async def run(frames: int, matches: int, bare: bool) -> list[Any]:
    sender = Sender(frames, matches)
    async with serve(sender.handler, "127.0.0.1", 0, max_queue=None) as server:
        url = f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
        ids = [str(i) for i in range(1, matches + 1)]
        cmd = [sys.executable, "-m", "livescore", "stream", "--stream-url", url, "--json", *ids]
        if bare:
            cmd = [sys.executable, "-u", "-c", BARE, url, str(matches), KEY]
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "SPORTRIX_API_KEY": KEY},
        )
        points = sorted({10_000, 100_000, frames // 2, frames})
        out: list[Any] = []
        thread = threading.Thread(target=watch, args=(proc, [p + matches for p in points], out))
        thread.start()
        while thread.is_alive():
            await asyncio.sleep(0.1)
        proc.kill()
        proc.wait()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=1_000_000)
    parser.add_argument("--matches", type=int, default=100)
    args = parser.parse_args()
    print(f"{args.frames} frames over {args.matches} matches; RSS in MB (growth since 10k)")
    for name, bare in (("bare client (print)", True), ("livescore stream --json", False)):
        points = asyncio.run(run(args.frames, args.matches, bare))
        first = points[0][1]
        cells = "  ".join(
            f"{n - args.matches:>7}: {rss:5.1f} ({rss - first:+.1f})" for n, rss, _ in points
        )
        print(f"{name:<24} {cells}")


if __name__ == "__main__":
    main()
