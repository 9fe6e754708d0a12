"""Start-up: `livescore --version`, `--help`, `watch --help` beside `python -c "import typer"`,
and the time to the first line of `watch --once` against a local server.

    python -m bench.startup [--runs N] [--before DIR]

With ``--before DIR`` (a checkout of another commit, with its own ``.venv``), the same
commands of that checkout are timed in the same run, alternating, each against its own
``import typer``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from livescore.sim.http import Response, serve


def once(cmd: list[str], cwd: str | None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=cwd)
    return time.perf_counter() - start


def first_line(cmd: list[str], cwd: str | None) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd)
    assert proc.stdout is not None
    proc.stdout.readline()
    took = time.perf_counter() - start
    proc.wait()
    return took


def commands(py: str, url: str) -> list[tuple[str, list[str], bool]]:
    """(name, argv, time to first line rather than to exit)."""
    cli = [py, "-m", "livescore"]
    return [
        ("python -c 'import typer' (baseline)", [py, "-c", "import typer"], False),
        ("livescore --version", [*cli, "--version"], False),
        ("livescore --help", [*cli, "--help"], False),
        ("livescore watch --help", [*cli, "watch", "--help"], False),
        (
            "livescore watch --once: first line",
            [*cli, "watch", "nba", "--espn-url", url, "--once", "--json"],
            True,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--before", help="another checkout (with .venv) to time alongside")
    args = parser.parse_args()
    comp = {
        "competitors": [
            {"homeAway": "home", "score": "1", "team": {"abbreviation": "BOS"}},
            {"homeAway": "away", "score": "2", "team": {"abbreviation": "PHI"}},
        ],
        "status": {"type": {"state": "in", "shortDetail": "Q1"}},
    }
    body = json.dumps({"events": [{"id": "1", "competitions": [comp]}]}).encode()
    sides: list[tuple[str, str, str | None]] = [("now", sys.executable, None)]
    if args.before:
        before = Path(args.before).resolve()
        sides.append(("before", str(before / ".venv" / "bin" / "python"), str(before)))
    with serve(lambda r: Response(200, body)) as url:
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.runs):
            for side, py, cwd in sides:  # alternated, so both see the same machine
                for name, argv, to_line in commands(py, url):
                    took = first_line(argv, cwd) if to_line else once(argv, cwd)
                    times.setdefault((side, name), []).append(took * 1000)
    print(f"median of {args.runs} runs, alternated")
    for side, _, _ in sides:
        base = statistics.median(times[(side, commands("", "")[0][0])])
        print(f"-- {side}")
        for name, _, _ in commands("", ""):
            ms = statistics.median(times[(side, name)])
            print(f"{name:<40} {ms:7.1f} ms   {ms / base:5.2f}x baseline")


if __name__ == "__main__":
    main()
