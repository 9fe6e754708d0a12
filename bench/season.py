"""Standings and schedules: the parse of each real standings capture beside plain
json.loads of the same bytes (target <= 0.5x on the largest), and ``schedule --days 7`` as
a user runs it against a local server whose every answer takes ``--delay`` seconds: the
wall time beside one request's (target: about the slowest, not 7 times it).

    python -m bench.season [--runs N] [--delay SECONDS]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.espn_parse import timeit
from livescore.espn.standings import read_standings
from livescore.sim.http import Request, Response, serve

DETAIL = Path(__file__).resolve().parents[2] / "shared/fixtures/espn-detail"
FILES = (
    "standings_nba_2024-25__aaronweldy.json",
    "standings_nfl_2024__aaronweldy.json",
    "standings_fifa.world_2026_12-groups_pretty__kessix.json",
)


def parse(runs: int) -> None:
    for name in FILES:
        body = (DETAIL / name).read_bytes()

        def baseline(body: bytes = body) -> None:
            json.loads(body)

        def ours(body: bytes = body) -> None:
            read_standings(body)

        for _ in range(10):
            baseline()
            ours()
        b = statistics.median(timeit(baseline, runs))
        m = statistics.median(timeit(ours, runs))
        print(f"{name[:44]:44} {len(body) / 1024:4.0f} KiB  json.loads {b * 1000:5.2f} ms  "
              f"standings {m * 1000:5.2f} ms  ratio {m / b:.2f}x (target <= 0.5x)")  # fmt: skip


def game(day: str) -> dict[str, object]:
    return {
        "id": day, "date": f"{day[:4]}-{day[4:6]}-{day[6:]}T23:30Z",
        "status": {"type": {"state": "pre"}},
        "competitions": [{"competitors": [
            {"homeAway": "home", "team": {"abbreviation": "BOS"}},
            {"homeAway": "away", "team": {"abbreviation": "NY"}},
        ]}],
    }  # fmt: skip


def days(delay: float) -> None:
    lock = threading.Lock()
    active = peak = 0

    def answer(request: Request) -> Response:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(delay)
        with lock:
            active -= 1
        day = request.query.get("dates", ["20260101"])[0]
        return Response(200, json.dumps({"events": [game(day)]}).encode())

    def run(*args: str) -> float:
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "livescore", *args], capture_output=True,
                              check=True)  # fmt: skip
        assert done.stdout, done.stderr
        return time.perf_counter() - start

    with serve(answer) as url:
        one = min(run("schedule", "nba", "--days", "1", "--espn-url", url, "--json")
                  for _ in range(3))  # fmt: skip
        seven = min(run("schedule", "nba", "--days", "7", "--espn-url", url, "--json")
                    for _ in range(3))  # fmt: skip
    print(f"schedule --days 1 (one request of {delay:.1f}s)   {one:5.2f} s")
    print(f"schedule --days 7 (seven requests)           {seven:5.2f} s   "
          f"({seven - one:+.2f} s; at most {peak} in flight)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.5)
    args = parser.parse_args()
    parse(args.runs)
    days(args.delay)


if __name__ == "__main__":
    main()
