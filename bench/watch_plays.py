"""What ``watch --plays`` costs beside ``watch`` on the same slate: summary requests and CPU
per poll.

    python -m bench.watch_plays [--polls 60] [--games 15] [--changing 3]

A local ESPN-shaped server has ``--games`` live NBA games; at each poll ``--changing`` of them
score (in turn), and each game's summary (a real 352 KB NBA capture, its plays growing by 4
per request of that game) is served on request. ``livescore watch nba --json`` runs with and
without ``--plays`` for ``--polls`` scoreboard polls each, polling as fast as it can
(``--interval 0.05``). Reported: summary requests (the target: exactly the changed games,
never more) and CPU seconds per poll of each run (/proc), side by side.
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from livescore.sim.http import Request, Response, serve
from tests.helpers import board_json, cli_env, event
from tests.procstat import cpu_seconds

SUMMARY = (
    Path(__file__).resolve().parents[2]
    / "shared/fixtures/espn-detail/summary_nba_in_4thQ-8m10s_LAC-at-MIN_2025-01-06__cwhitelam.json"
)


class Slate:
    def __init__(self, games: int, changing: int) -> None:
        self.games, self.changing = games, changing
        self.raw: dict[str, Any] = json.loads(SUMMARY.read_bytes())
        self.polls = 0
        self.summaries = 0
        self.asked: dict[str, int] = {}
        self.lock = threading.Lock()
        self.scores = [50] * games

    def __call__(self, request: Request) -> Response:
        with self.lock:
            if request.path.endswith("/scoreboard"):
                self.polls += 1
                if self.polls > 1:  # the first poll: every game seen live once
                    for k in range(self.changing):
                        self.scores[(self.polls * self.changing + k) % self.games] += 2
                events = [event(str(i), home=(f"H{i:02d}", str(self.scores[i])),
                                away=(f"A{i:02d}", "40")) for i in range(self.games)]  # fmt: skip
                return Response(200, board_json(*events))
            game = request.query["event"][0]
            self.summaries += 1
            self.asked[game] = self.asked.get(game, 0) + 1
            asked = self.asked[game]
        data = copy.deepcopy(self.raw)
        data["header"]["id"] = game
        cut = min(len(data["plays"]), 200 + 4 * asked)
        data["plays"] = data["plays"][:cut]
        return Response(200, json.dumps(data).encode())


def run(polls: int, games: int, changing: int, plays: bool) -> tuple[float, int, int]:
    slate = Slate(games, changing)
    with serve(slate) as url:
        argv = [sys.executable, "-m", "livescore", "watch", "nba", "--json", "--interval",
                "0.05", "--espn-url", url] + (["--plays"] if plays else [])  # fmt: skip
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=cli_env())  # fmt: skip
        start_cpu = None
        while slate.polls < polls + 1:
            if slate.polls >= 1 and start_cpu is None:
                start_cpu = cpu_seconds(proc.pid)  # after start-up and the first poll
            time.sleep(0.01)
        used = cpu_seconds(proc.pid) - (start_cpu or 0.0)
        proc.terminate()
        proc.wait(10)
    return used / polls, slate.polls, slate.summaries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--polls", type=int, default=60)
    parser.add_argument("--games", type=int, default=15)
    parser.add_argument("--changing", type=int, default=3)
    args = parser.parse_args()
    base, _, _ = run(args.polls, args.games, args.changing, False)
    mine, polls, asked = run(args.polls, args.games, args.changing, True)
    expected = args.games + args.changing * (polls - 1)
    print(f"slate: {args.games} live games, {args.changing} changing per poll, {polls} polls")
    print(f"watch          CPU per poll {base * 1000:7.1f} ms")
    print(f"watch --plays  CPU per poll {mine * 1000:7.1f} ms   ratio {mine / base:.2f}x "
          f"(target <= 3x)")  # fmt: skip
    print(f"summary requests: {asked} (changed games over the run, first sightings included: "
          f"at most {expected})")  # fmt: skip


if __name__ == "__main__":
    main()
