"""Delivery latency through `livescore serve` to 1, 100 and 1000 clients, one never reading.

    python -m bench.bridge_latency [--clients 1,100,1000] [--changes 30]

An ESPN-shaped server on 127.0.0.1 has 15 live games whose clocks move every 0.5 s; game 1's
score changes every 0.5 s, and the server notes when it first served each new score.
`livescore serve` polls it every 0.1 s. The bench holds N websockets clients (raw sockets
after the handshake, read by one selector thread) plus one with a 4 KiB receive buffer that
never reads after the handshake, and notes when each client first receives each score.
Latency = that time - when the score was first served (the poll wait is left out: that is
the poll interval's business, not the bridge's).
The baseline is a naive bridge in this file: one upstream poll loop that, for each change,
awaits ``asyncio.gather`` of a send of each changed game to every client.
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
from tests.procstat import cpu_seconds, cpu_split, rss_mb

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
        last = {}
        loop = asyncio.get_running_loop()
        due = loop.time()
        async with httpx.AsyncClient() as client:
            while True:  # a poll every 0.1 s, as livescore's --interval 0.1 (not 0.1 s apart)
                path = "/apis/site/v2/sports/basketball/nba/scoreboard"
                for event in (await client.get(espn + path)).json()["events"]:
                    comp = event["competitions"][0]
                    home = next(c for c in comp["competitors"] if c["homeAway"] == "home")
                    away = next(c for c in comp["competitors"] if c["homeAway"] == "away")
                    game = {
                        "id": event["id"],
                        "home": {"abbr": home["team"]["abbreviation"], "score": int(home["score"])},
                        "away": {"abbr": away["team"]["abbreviation"], "score": int(away["score"])},
                        "clock": comp["status"]["displayClock"],
                        "detail": comp["status"]["type"]["shortDetail"],
                    }
                    if last.get(event["id"]) != game:
                        last[event["id"]] = game
                        text = json.dumps(game)
                        SEND
                due += 0.1
                await asyncio.sleep(max(0.0, due - loop.time()))
asyncio.run(main(sys.argv[1]))
"""
GATHER = "await asyncio.gather(*[ws.send(text) for ws in list(clients)], return_exceptions=True)"
# the floor issue 29 names: websockets' own broadcast, the frame written to every client
BROADCAST = NAIVE.replace("SEND", "broadcast(clients, text)").replace(
    "import serve", "import broadcast, serve"
)
NAIVE = NAIVE.replace("SEND", GATHER)
SCRIPTS = {"naive": NAIVE, "broadcast": BROADCAST}


class Upstream:
    """An ESPN scoreboard of ``games`` live games. Game 1's home score is ``score``; with
    ``tick``, every game's clock moves every ``tick`` seconds, as a real slate's do."""

    def __init__(self, games: int = 1, tick: float | None = None) -> None:
        self.score = 0
        self.games = games
        self.tick = tick
        self.first_served: dict[int, float] = {}
        self.lock = threading.Lock()
        self.started = time.monotonic()

    def __call__(self, request: Request) -> Response:
        with self.lock:
            score = self.score
            self.first_served.setdefault(score, time.perf_counter())
        left = 720 - (int((time.monotonic() - self.started) / self.tick) if self.tick else 199)
        clock = f"{left // 60}:{left % 60:02d}"
        events = []
        for n in range(1, self.games + 1):
            comp = {
                "competitors": [
                    {
                        "homeAway": "home",
                        "score": str(score if n == 1 else 50 + n),
                        "team": {"abbreviation": f"H{n:02d}"},
                    },
                    {"homeAway": "away", "score": "48", "team": {"abbreviation": f"A{n:02d}"}},
                ],
                "status": {
                    "displayClock": clock,
                    "period": 4,
                    "type": {
                        "state": "in",
                        "name": "STATUS_IN_PROGRESS",
                        "shortDetail": f"{clock} - 4th",
                    },
                },
            }
            events.append({"id": str(n), "date": "2026-05-02T23:30Z", "competitions": [comp]})
        return Response(200, json.dumps({"events": events}).encode())


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


def run_clients(
    url: str, count: int, changes: int, upstream: Upstream
) -> tuple[list[float], tuple[int, int]]:
    """``count`` clients on raw sockets, read by one thread that only timestamps and splits
    frames while the run lasts (JSON is read afterwards), so that the receiving side costs a
    few microseconds per frame and the bridge's own delivery time is what is measured."""
    port = int(url.rsplit(":", 1)[1].strip("/"))
    stuck = socket.socket()
    stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # fills after a few frames
    stuck.connect(("127.0.0.1", port))
    stuck.sendall(HANDSHAKE)  # and never reads again
    selector = selectors.DefaultSelector()
    buffers: list[bytearray] = []
    for index in range(count):
        sock, rest = raw_connect(port)
        buffers.append(bytearray(rest))
        selector.register(sock, selectors.EVENT_READ, index)
    frames: list[tuple[int, bytes, float]] = []
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
                frames.extend((key.data, payload, at) for payload in text_frames(buf))

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
    first: dict[tuple[int, int], float] = {}  # (client, score of game 1) -> first arrival
    for index, payload, at in frames:
        game = json.loads(payload)
        if str(game.get("id")) == "1":  # feed events (a new client's feed states) have none
            first.setdefault((index, game["home"]["score"]), at)
    got_last = sum(1 for _, score in first if score == changes)
    if got_last < count:
        raise RuntimeError(f"only {got_last} of {count} clients got the last change")
    waits = [
        (at - upstream.first_served[score]) * 1000
        for (_, score), at in first.items()
        if score in upstream.first_served and score > 0
    ]
    return waits, (len(frames), sum(len(payload) for _, payload, _ in frames))


def measure(kind: str, count: int, changes: int, tick: float = 0.5) -> dict[str, Any]:
    upstream = Upstream(games=15, tick=tick)
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
                "--max-clients",
                str(count + 10),  # the N clients and the one that never reads
            ]
        else:
            cmd = [sys.executable, "-c", SCRIPTS[kind], espn]
        proc, url = start_listening(cmd, env=dict(os.environ), stdout=subprocess.DEVNULL)
        try:
            cpu0, split0 = cpu_seconds(proc.pid), cpu_split(proc.pid)
            lat, sizes = run_clients(url, count, changes, upstream)
            cpu = cpu_seconds(proc.pid) - cpu0
            user, system = (b - a for a, b in zip(split0, cpu_split(proc.pid), strict=True))
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
        "user": user,
        "sys": system,
        "frames": sizes[0],
        "bytes": sizes[1],
        "rss": rss,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", default="1,100,1000")
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--tick", type=float, default=0.5, help="seconds between clock moves")
    parser.add_argument("--kinds", default="naive,broadcast,livescore")
    parser.add_argument("--rounds", type=int, default=1, help="alternated rounds (medians)")
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    kinds = args.kinds.split(",")
    print(
        f"15 live games, every clock moving each {args.tick} s (~{15 / args.tick:.0f} changes/s);"
        f" {args.changes} score changes 0.5 s apart; one extra client never reads"
    )
    print(f"{'clients':>8} {'bridge':>10} {'p50 ms':>8} {'p99 ms':>8} {'CPU s':>7} {'user':>6} "
          f"{'sys':>6} {'frames':>9} {'B/frame':>8} {'RSS MB':>7}")  # fmt: skip
    for count in (int(c) for c in args.clients.split(",")):
        ratios: list[float] = []
        per_frame: list[float] = []
        for _ in range(args.rounds):
            cpu: dict[str, float] = {}
            frames: dict[str, int] = {}
            for kind in kinds:
                try:
                    r = measure(kind, count, args.changes, args.tick)
                except (RuntimeError, TimeoutError) as exc:
                    print(f"{count:>8} {kind:>10}   did not deliver every change: {exc!r}")
                    continue
                cpu[kind], frames[kind] = r["cpu"], r["frames"]
                print(
                    f"{count:>8} {kind:>10} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['cpu']:>7.2f} "
                    f"{r['user']:>6.2f} {r['sys']:>6.2f} {r['frames']:>9} "
                    f"{r['bytes'] / max(1, r['frames']):>8.0f} {r['rss']:>7.1f}",
                    flush=True,
                )
            if cpu.get("broadcast") and "livescore" in cpu:
                ratios.append(cpu["livescore"] / cpu["broadcast"])
                per_frame.append(ratios[-1] * frames["broadcast"] / max(1, frames["livescore"]))
                print(f"{count:>8} CPU livescore / broadcast this round: {ratios[-1]:.2f}x"
                      f" (per frame delivered: {per_frame[-1]:.2f}x)")  # fmt: skip
        if ratios:
            print(f"{count:>8} CPU livescore / broadcast, median of rounds: "
                  f"{statistics.median(ratios):.2f}x; per frame delivered "
                  f"{statistics.median(per_frame):.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
