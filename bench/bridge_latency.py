"""Delivery latency through `livescore serve` to 1, 100 and 1000 clients, one never reading.

    python -m bench.bridge_latency [--clients 1,100,1000] [--changes 30]

An ESPN-shaped server on 127.0.0.1 changes a score every half second and notes when it first
served each new score. `livescore serve` polls it every 0.1 s. The bench holds N websockets
clients (raw sockets after the handshake, read by one selector thread) plus one that never
reads after the handshake, and notes when each client receives each change. Latency =
receive time - time the change was first served (so the poll wait is left out: that is the
poll interval's business, not the bridge's).
The baseline is a naive bridge in this file: one upstream poll loop that, for each change,
awaits ``asyncio.gather`` of a send to every client.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import selectors
import socket
import statistics
import subprocess
import sys
import threading
import time
from typing import Any

from livescore.sim.http import Request, Response
from livescore.sim.http import serve as serve_http
from tests.helpers import start_listening
from tests.procstat import cpu_seconds, rss_mb

NAIVE = r"""
import asyncio, json, sys, httpx
from websockets.asyncio.server import serve
clients = set()
async def handler(ws):
    clients.add(ws)
    try:
        await ws.wait_closed()
    finally:
        clients.discard(ws)
async def main(espn):
    async with serve(handler, "127.0.0.1", 0, compression=None) as server:
        print(f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/", file=sys.stderr, flush=True)
        last = None
        async with httpx.AsyncClient() as client:
            while True:
                path = "/apis/site/v2/sports/basketball/nba/scoreboard"
                data = (await client.get(espn + path)).json()
                score = data["events"][0]["competitions"][0]["competitors"][0]["score"]
                if score != last:
                    last = score
                    text = json.dumps({"seq": int(score), "home": {"score": int(score)}})
                    sends = [ws.send(text) for ws in list(clients)]
                    await asyncio.gather(*sends, return_exceptions=True)
                await asyncio.sleep(0.1)
asyncio.run(main(sys.argv[1]))
"""


class Upstream:
    def __init__(self) -> None:
        self.score = 0
        self.first_served: dict[int, float] = {}
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        with self.lock:
            score = self.score
            self.first_served.setdefault(score, time.perf_counter())
        comp = {
            "competitors": [
                {"homeAway": "home", "score": str(score), "team": {"abbreviation": "BOS"}},
                {"homeAway": "away", "score": "0", "team": {"abbreviation": "PHI"}},
            ],
            "status": {
                "displayClock": "8:41",
                "period": 4,
                "type": {"state": "in", "name": "STATUS_IN_PROGRESS", "shortDetail": "8:41 - 4th"},
            },
        }
        body = {"events": [{"id": "1", "date": "2026-05-02T23:30Z", "competitions": [comp]}]}
        return Response(200, json.dumps(body).encode())


HANDSHAKE = (
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
)


def raw_connect(port: int) -> tuple[socket.socket, bytes]:
    """A WebSocket client reduced to a socket: handshake done, left to the caller to read."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(HANDSHAKE)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise RuntimeError("closed during the handshake")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    if not head.startswith(b"HTTP/1.1 101"):
        raise RuntimeError(head.decode("latin-1").splitlines()[0])
    sock.setblocking(False)
    return sock, rest


def text_frames(buf: bytearray) -> list[bytes]:
    """Take the complete unmasked server frames off the front of ``buf``; their text payloads."""
    out = []
    while len(buf) >= 2:
        opcode, size, head = buf[0] & 0x0F, buf[1] & 0x7F, 2
        if size == 126:
            size, head = int.from_bytes(buf[2:4]), 4
        elif size == 127:
            size, head = int.from_bytes(buf[2:10]), 10
        if len(buf) < head + size:
            break
        if opcode == 1:
            out.append(bytes(buf[head : head + size]))
        del buf[: head + size]
    return out


def run_clients(url: str, count: int, changes: int, upstream: Upstream) -> list[float]:
    """``count`` clients on raw sockets, read by one thread that only timestamps and splits
    frames while the run lasts (JSON is read afterwards), so that the receiving side costs a
    few microseconds per frame and the bridge's own delivery time is what is measured."""
    port = int(url.rsplit(":", 1)[1].strip("/"))
    stuck = socket.create_connection(("127.0.0.1", port))
    stuck.sendall(HANDSHAKE)  # and never reads again
    selector = selectors.DefaultSelector()
    buffers: list[bytearray] = []
    for index in range(count):
        sock, rest = raw_connect(port)
        buffers.append(bytearray(rest))
        selector.register(sock, selectors.EVENT_READ, index)
    frames: list[tuple[bytes, float]] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            for key, _ in selector.select(0.2):
                data = key.fileobj.recv(1 << 20)  # type: ignore[union-attr]
                at = time.perf_counter()
                if not data:
                    selector.unregister(key.fileobj)
                    continue
                buf = buffers[key.data]
                buf += data
                frames.extend((payload, at) for payload in text_frames(buf))

    reader = threading.Thread(target=read)
    reader.start()
    time.sleep(1.0)
    for n in range(1, changes + 1):
        with upstream.lock:
            upstream.score = n
        time.sleep(0.5)
    time.sleep(1.0)
    stop.set()
    reader.join()
    for key in list(selector.get_map().values()):
        key.fileobj.close()  # type: ignore[union-attr]
    stuck.close()
    received = [(json.loads(payload)["home"]["score"], at) for payload, at in frames]
    last = [score for score, _ in received].count(changes)
    if last < count:
        raise RuntimeError(f"only {last} of {count} clients got the last change")
    return [
        (at - upstream.first_served[score]) * 1000
        for score, at in received
        if score in upstream.first_served and score > 0
    ]


def measure(kind: str, count: int, changes: int) -> dict[str, Any]:
    upstream = Upstream()
    with serve_http(upstream) as espn:
        if kind == "livescore":
            cmd = [
                sys.executable,
                "-m",
                "livescore",
                "serve",
                "nba",
                "--espn-url",
                espn,
                "--interval",
                "0.1",
                "--port",
                "0",
            ]
        else:
            cmd = [sys.executable, "-c", NAIVE, espn]
        proc, url = start_listening(cmd, env=dict(os.environ), stdout=subprocess.DEVNULL)
        try:
            cpu0 = cpu_seconds(proc.pid)
            lat = run_clients(url, count, changes, upstream)
            cpu = cpu_seconds(proc.pid) - cpu0
            rss = rss_mb(proc.pid)
        finally:
            proc.kill()
            proc.wait()
    lat.sort()
    return {
        "p50": statistics.median(lat),
        "p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))],
        "n": len(lat),
        "cpu": cpu,
        "rss": rss,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", default="1,100,1000")
    parser.add_argument("--changes", type=int, default=30)
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    print(f"changes: {args.changes}, 0.5 s apart; one extra client never reads")
    print(f"{'clients':>8} {'bridge':>10} {'p50 ms':>8} {'p99 ms':>8} {'CPU s':>7} {'RSS MB':>7}")
    for count in (int(c) for c in args.clients.split(",")):
        for kind in ("naive", "livescore"):
            try:
                r = measure(kind, count, args.changes)
            except (RuntimeError, TimeoutError) as exc:
                print(f"{count:>8} {kind:>10}   did not deliver every change: {exc!r}")
                continue
            print(
                f"{count:>8} {kind:>10} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['cpu']:>7.2f} "
                f"{r['rss']:>7.1f}"
            )


if __name__ == "__main__":
    main()
