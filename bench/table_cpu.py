"""CPU of a table-mode `livescore watch` of 15 live games, in a real terminal (tmux).

    python -m bench.table_cpu [--seconds 600]

A local ESPN-shaped server has 15 live games whose clocks move every second and whose
scores change now and then. `livescore watch nba` (poll every 5 s, the default) runs in a
tmux pane of 120x40; so does the baseline, a fixed-interval poller that fetches, parses and
prints every game every 5 s. CPU time is read from /proc for each process.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.checkout import livescore_from
from livescore.sim.http import Request, Response, serve
from tests.procstat import cpu_seconds
from tests.tmux import HAVE_TMUX, Pane

NAIVE = r"""
import json, sys, time, httpx
url = sys.argv[1] + "/apis/site/v2/sports/basketball/nba/scoreboard"
with httpx.Client() as client:
    while True:
        data = client.get(url).json()
        print("\033[2J\033[H", end="")
        for e in data["events"]:
            c = e["competitions"][0]["competitors"]
            home = next(x for x in c if x["homeAway"] == "home")
            away = next(x for x in c if x["homeAway"] == "away")
            print(away["team"]["abbreviation"], away["score"], "@",
                  home["team"]["abbreviation"], home["score"],
                  e["competitions"][0]["status"]["type"]["shortDetail"], flush=True)
        time.sleep(5)
"""


def scoreboard(request: Request) -> Response:
    t = int(time.time())
    events = []
    for i in range(15):
        left = 720 - (t + i * 37) % 720
        clock = f"{left // 60}:{left % 60:02d}"
        comp = {
            "competitors": [
                {
                    "homeAway": "home",
                    "score": str(50 + (t // 40 + i) % 60),
                    "team": {"abbreviation": f"H{i:02d}", "displayName": f"Home Team {i}"},
                },
                {
                    "homeAway": "away",
                    "score": str(48 + (t // 55 + i) % 60),
                    "team": {"abbreviation": f"A{i:02d}", "displayName": f"Away Team {i}"},
                },
            ],
            "status": {
                "displayClock": clock,
                "period": 3,
                "type": {
                    "state": "in",
                    "name": "STATUS_IN_PROGRESS",
                    "shortDetail": f"{clock} - 3rd",
                },
            },
        }
        events.append({"id": str(1000 + i), "date": "2026-05-02T23:30Z", "competitions": [comp]})
    return Response(200, json.dumps({"events": events}).encode())


def run_in_tmux(cmd: str, seconds: float) -> tuple[float, int]:
    """(CPU seconds, bytes written to the terminal) of ``cmd`` in a 120x40 pane over
    ``seconds``, after a settling start. The bytes are what tmux received (``pipe-pane``)."""
    with (
        tempfile.TemporaryDirectory() as folder,
        Pane(f"exec {cmd}", 120, 40, env={"TERM": "xterm-256color"}) as pane,
    ):
        time.sleep(3)  # start-up is not the steady state
        written = Path(folder) / "out"
        subprocess.run(
            [*pane.tmux, "pipe-pane", "-o", "-t", pane.session, f"cat > {written}"], check=True
        )
        pid = pane.pid()
        start = cpu_seconds(pid)
        time.sleep(seconds)
        cpu = cpu_seconds(pid) - start
        subprocess.run([*pane.tmux, "pipe-pane", "-t", pane.session], check=False)
        return cpu, written.stat().st_size if written.exists() else 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--before", metavar="DIR", help="also run the livescore in DIR")
    parser.add_argument(
        "--demo", type=float, metavar="SPEED", help="run `livescore demo --speed SPEED` instead"
    )
    args = parser.parse_args()
    if not HAVE_TMUX:
        sys.exit("tmux is needed for this benchmark")
    runs: list[tuple[str, tuple[float, int]]] = []
    with serve(scoreboard) as url:
        watch = f"watch nba --espn-url {url}"
        if args.demo:
            watch = f"demo --speed {args.demo:g}"
        if args.before:
            before = " ".join(shlex.quote(x) for x in livescore_from(args.before))
            runs.append(("livescore watch, before", run_in_tmux(f"{before} {watch}", args.seconds)))
        ours = " ".join(shlex.quote(x) for x in livescore_from(None))
        runs.append(("livescore watch (table)", run_in_tmux(f"{ours} {watch}", args.seconds)))
        if not args.demo:
            naive = run_in_tmux(f"{sys.executable} -c '{NAIVE}' {url}", args.seconds)
            runs.insert(0, ("naive poller (prints all)", naive))
    what = f"demo --speed {args.demo:g}" if args.demo else "15 live games, poll every 5 s"
    print(f"{what}, {args.seconds:.0f} s in a 120x40 tmux pane")
    for name, (cpu, written) in runs:
        share = cpu / args.seconds * 100
        per_minute = written / args.seconds * 60 / 1024
        print(f"{name:<28} CPU {cpu:6.2f} s = {share:5.2f}% of a core, {per_minute:8.1f} KiB/min")


if __name__ == "__main__":
    main()
