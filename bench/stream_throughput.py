"""Frames per second through `livescore stream --json`, beside a bare client.

    python -m bench.stream_throughput [--frames N] [--matches 1,100,1000] [--repeat R]

A websockets server on 127.0.0.1 answers the subscriptions with snapshots, then sends
``--frames`` update frames (every one a real change) as fast as the client takes them. The
clock runs from the first update sent to the moment the client's last line comes out of its
stdout (a pipe read by this process; every frame is a change, so one frame = one line). The
baseline is a bare websockets client that prints each frame, measured the same way.
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

KEY = "sk_bench_local_key"
BARE = """
import asyncio, json, sys
from websockets.asyncio.client import connect
async def main(url, ids):
    async with connect(url, additional_headers={"X-API-Key": sys.argv[3]}, max_size=None) as ws:
        for i in ids:
            await ws.send(json.dumps({"action": "subscribe", "match_id": i}))
        async for frame in ws:
            print(frame)
asyncio.run(main(sys.argv[1], range(1, int(sys.argv[2]) + 1)))
"""


# The floors the targets name: a client that reads each frame as JSON and writes one JSON
# line of what it read (the least a program using the stream does), with the standard
# library and with msgspec. The print-only client above is context: nobody can beat it.
JSON_CLIENT = """
import asyncio, json, sys
from websockets.asyncio.client import connect
async def main(url, ids):
    async with connect(url, additional_headers={"X-API-Key": sys.argv[3]}, max_size=None) as ws:
        for i in ids:
            await ws.send(json.dumps({"action": "subscribe", "match_id": i}))
        write = sys.stdout.write
        async for frame in ws:
            data = json.loads(frame).get("data") or {}
            write(json.dumps({"id": data.get("match_id"), "data": data}) + "\\n")
asyncio.run(main(sys.argv[1], range(1, int(sys.argv[2]) + 1)))
"""
MSGSPEC_CLIENT = JSON_CLIENT.replace(
    "import asyncio, json, sys", "import asyncio, json, sys, msgspec"
)
MSGSPEC_CLIENT = (
    MSGSPEC_CLIENT.replace("json.loads(frame)", "msgspec.json.decode(frame)")
    .replace('json.dumps({"id"', 'msgspec.json.encode({"id"')
    .replace(') + "\\n")', ').decode() + "\\n")')
)


def soccer(match_id: int, n: int) -> dict:
    return {
        "v": 1,
        "match_id": match_id,
        "sport": "soccer",
        "competition": "Bench League",
        "home": f"Home {match_id}",
        "away": f"Away {match_id}",
        "status": "live",
        "clock": {
            "minute": (n // 60) % 90,
            "second": n % 60,
            "period": "1H",
            "running": True,
            "added": 0,
        },
        "score": {"home": n // 1000, "away": 0},
        "phase": {"vc": "1", "code": "1", "team": "home", "label": "Attack"},
        "stats": {"corners": {"home": 1, "away": 0}},
    }


def documented(match_id: int, n: int) -> dict:
    """The reference's full soccer example (shared/reference/sportrix-api.md §4.1): eight
    stats, the events so far, the ball, the provider; 1.3 KB a frame."""
    stats = (
        "shots_on_target",
        "shots_off_target",
        "attacks",
        "dangerous_attacks",
        "possession",
        "corners",
        "yellow_cards",
        "red_cards",
    )
    goals = min(n // 1000, 8)
    return {
        "v": 1,
        "match_id": match_id,
        "provider": {"stat_id": f"15135040{match_id}M1_1"},
        "sport": "soccer",
        "competition": "USA MLS Next Pro League",
        "home": f"Vancouver Whitecaps {match_id}",
        "away": f"The Town {match_id}",
        "status": "live",
        "clock": {
            "minute": (n // 60) % 90,
            "second": n % 60,
            "period": "2H",
            "running": True,
            "added": 0,
        },
        "score": {"home": goals, "away": 0},
        "phase": {
            "vc": "21002",
            "team": ("home", "away")[n % 2],
            "code": "1002",
            "label": ("Dangerous attack", "Safe possession", "Attack")[n % 3],
        },
        "stats": {key: {"home": (n // 400) % 30 + i, "away": i} for i, key in enumerate(stats)},
        "events": [
            {
                "minute": str(10 * g),
                "type": "goal",
                "team": "home",
                "label": "Goal",
                "score": f"{g + 1}-0",
            }
            for g in range(goals)
        ],
        "ball": {"x": round((n % 100) / 100, 2), "y": 0.5, "event": "attack"},
        "updated_at": "2026-06-18T02:56:50Z",
    }


def cricket(match_id: int, n: int) -> dict:
    """What is known of a cricket frame (§4.3): the batting side, runs, wickets, overs."""
    return {
        "match_id": match_id,
        "sport": "cricket",
        "competition": "County Championship",
        "home": f"Kent {match_id}",
        "away": f"Essex {match_id}",
        "status": "live",
        "batting": f"Kent {match_id}",
        "score": {"runs": n % 600, "wickets": (n // 60) % 10, "overs": f"{n // 6 % 90}.{n % 6}"},
        "last_event": {"label": ("dot ball", "FOUR", "1 run", "SIX")[n % 4]},
    }


def tennis(match_id: int, n: int) -> dict:
    """A sport without a parser of its own (§4: "other sports will follow"): every field is
    passed on, cleaned."""
    return {
        "match_id": match_id,
        "sport": "tennis",
        "competition": "ATP Finals",
        "home": f"Player A{match_id}",
        "away": f"Player B{match_id}",
        "status": "live",
        "score": {"home": 1, "away": 0},
        "sets": [[6, 4], [n % 7, (n // 7) % 7]],
        "game": {"home": ("0", "15", "30", "40")[n % 4], "away": "15"},
        "server": ("home", "away")[(n // 4) % 2],
        "rally": n,  # every frame a change, however many matches share the frames
    }


SHAPES = {"soccer": soccer, "documented": documented, "cricket": cricket, "tennis": tennis}


STALL = 15.0  # seconds without a line: the client will not print every frame


class Stalled(RuntimeError):
    """A client printed fewer lines than frames (it took some frames for no change)."""


class Bench:
    def __init__(self, frames: int, matches: int, shape: str = "soccer") -> None:
        self.frames, self.matches = frames, matches
        self.shape = SHAPES[shape]
        self.started: float | None = None

    async def handler(self, ws: ServerConnection) -> None:
        subscribed = 0
        while subscribed < self.matches:
            msg = json.loads(await ws.recv())
            if msg.get("action") == "subscribe":
                subscribed += 1
                snapshot = self.shape(msg["match_id"], 0)
                await ws.send(json.dumps({"op": "snapshot", "data": snapshot}))
        frames = [
            json.dumps({"op": "update", "data": self.shape(1 + n % self.matches, n + 1)})
            for n in range(self.frames)
        ]
        self.started = time.perf_counter()
        for text in frames:
            await ws.send(text)
        await ws.wait_closed()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; NaN elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Reading:
    """What the reader thread saw of a client's stdout."""

    def __init__(self, pid: int, first: int, expected: int) -> None:
        self.pid, self.first, self.expected = pid, first, expected
        self.seen = 0
        self.done = threading.Event()
        self.at: float | None = None  # when the last line came
        self.cpu: list[float] = []  # the client's CPU time at the first update line, the last


def count_lines(stream: Any, reading: Reading) -> None:
    for count, _ in enumerate(stream, 1):
        reading.seen = count
        if count == reading.first:
            reading.cpu.append(cpu_seconds(reading.pid))
        if count == reading.expected:
            reading.at = time.perf_counter()
            reading.cpu.append(cpu_seconds(reading.pid))
            reading.done.set()
    reading.done.set()


async def measure(
    cmd: list[str], frames: int, matches: int, shape: str = "soccer"
) -> tuple[float, float]:
    """Frames per second, from the first update sent to the last line out of the client;
    and the client's CPU time per frame (µs) from its first update line to its last."""
    bench = Bench(frames, matches, shape)
    async with serve(bench.handler, "127.0.0.1", 0, max_queue=None) as server:
        port = server.sockets[0].getsockname()[1]
        url = f"ws://127.0.0.1:{port}/v1/stream"
        argv = [
            a.replace("{url}", url).replace("{matches}", str(matches)).replace("{key}", KEY)
            for a in cmd
        ]
        ids = [str(i) for i in range(1, matches + 1)] if any("livescore" in a for a in argv) else []
        # Unbuffered, so the bare client's print puts each line out at once, as a live
        # tool must (block-buffered, its last lines would wait for its exit); livescore
        # writes each burst of lines at once either way.
        env = {**os.environ, "SPORTRIX_API_KEY": KEY, "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen(
            argv + ids, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
        )
        reading = Reading(proc.pid, matches + 1, matches + frames)
        reader = threading.Thread(target=count_lines, args=(proc.stdout, reading), daemon=True)
        reader.start()
        progress, last_move = 0, time.monotonic()
        try:
            while not reading.done.is_set():  # a client that stops short fails the run
                await asyncio.sleep(0.01)
                if reading.seen != progress:
                    progress, last_move = reading.seen, time.monotonic()
                elif time.monotonic() - last_move > STALL:
                    break
        finally:
            proc.kill()
            proc.wait()
    if reading.at is None or bench.started is None:
        raise Stalled(f"printed {reading.seen} of {matches + frames} lines")
    cpu = (reading.cpu[1] - reading.cpu[0]) / (frames - 1) * 1e6
    return frames / (reading.at - bench.started), cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=20000)
    parser.add_argument("--matches", default="1,100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", help="a checkout of an earlier commit, run beside this one")
    parser.add_argument(
        "--shape",
        default="soccer",
        help="frames: soccer (the small shape), documented (the reference's full soccer "
        "example), cricket, tennis (a sport without a parser); several with commas",
    )
    args = parser.parse_args()
    ours = [*livescore_from(None), "stream", "--stream-url", "{url}", "--json"]
    before = [*livescore_from(args.before), "stream", "--stream-url", "{url}", "--json"]
    bare = [sys.executable, "-c", BARE, "{url}", "{matches}", "{key}"]
    stdlib = [sys.executable, "-c", JSON_CLIENT, "{url}", "{matches}", "{key}"]
    fast = [sys.executable, "-c", MSGSPEC_CLIENT, "{url}", "{matches}", "{key}"]
    clients = [("bare client", bare), ("json client", stdlib), ("msgspec client", fast)]
    clients.append(("livescore", ours))
    if args.before:
        clients.insert(1, ("before", before))
    print(f"frames per run: {args.frames}; runs: {args.repeat}, alternated; median frames/s")
    print("and, in brackets, the median CPU time of each client per frame (µs)")
    header = f"{'shape':>10} {'matches':>8}" + "".join(f" {name:>19}" for name, _ in clients)
    print(header + "   ratio")
    for shape in args.shape.split(","):
        for matches in (int(m) for m in args.matches.split(",")):
            runs: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in clients}
            for _ in range(args.repeat):  # alternated, so each sees the same machine
                for name, cmd in clients:
                    try:
                        result = asyncio.run(measure(cmd, args.frames, matches, shape))
                    except Stalled as exc:
                        print(f"  {name}, {shape}, {matches} matches: {exc}", flush=True)
                        continue
                    runs[name].append(result)
            rates = {name: _median([r[0] for r in rs]) for name, rs in runs.items()}
            cpus = {name: _median([r[1] for r in rs]) for name, rs in runs.items()}
            # CPU per frame of livescore against each floor (within the round's medians)
            ratios = (
                f"CPU {cpus['livescore'] / cpus['json client']:.2f}x json, "
                f"{cpus['livescore'] / cpus['msgspec client']:.2f}x msgspec"
            )
            row = "".join(f" {rates[name]:>12.0f} ({cpus[name]:4.1f})" for name, _ in clients)
            print(f"{shape:>10} {matches:>8}{row}   {ratios}", flush=True)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


if __name__ == "__main__":
    main()
