"""Start-up: `livescore --version`, `--help` beside `python -c "import typer"`, and the time
to the first line of `watch --once` against a local server.

    python -m bench.startup [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from livescore.sim.http import Response, serve


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def first_line(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert proc.stdout is not None
        proc.stdout.readline()
        times.append(time.perf_counter() - start)
        proc.wait()
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    py = sys.executable
    base = timed([py, "-c", "import typer"], args.runs)
    rows = [("python -c 'import typer' (baseline)", base)]
    rows.append(("livescore --version", timed([py, "-m", "livescore", "--version"], args.runs)))
    rows.append(("livescore --help", timed([py, "-m", "livescore", "--help"], args.runs)))
    comp = {
        "competitors": [
            {"homeAway": "home", "score": "1", "team": {"abbreviation": "BOS"}},
            {"homeAway": "away", "score": "2", "team": {"abbreviation": "PHI"}},
        ],
        "status": {"type": {"state": "in", "shortDetail": "Q1"}},
    }
    body = json.dumps({"events": [{"id": "1", "competitions": [comp]}]}).encode()
    with serve(lambda r: Response(200, body)) as url:
        once = first_line(
            [py, "-m", "livescore", "watch", "nba", "--espn-url", url, "--once", "--json"],
            args.runs,
        )
    rows.append(("livescore watch --once: first line", once))
    print(f"median of {args.runs} runs")
    for name, ms in rows:
        print(f"{name:<40} {ms:7.1f} ms   {ms / base:5.2f}x baseline")


if __name__ == "__main__":
    main()
