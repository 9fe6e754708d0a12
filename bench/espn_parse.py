"""Per-poll cost of parse + diff on the largest real ESPN capture, beside plain json.loads.

    python -m bench.espn_parse [--runs N] [--file PATH]

Both are measured in the same run on the same bytes. "parse + diff" is what a poll costs
livescore after the HTTP body arrives, as the poller runs it (``read_response``): the typed
decode of what the parser reads, the ESPN parser, and the board's diff against the previous
poll (steady state: the board already holds every game).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from livescore.core.board import Board
from livescore.core.leagues import resolve
from livescore.espn.response import read_response

DEFAULT = (
    Path(__file__).resolve().parents[2]
    / "shared/fixtures/espn/nfl_week1_pre-15_post-1_odds_2025-09-05.json"
)


def timeit(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--file", type=Path, default=DEFAULT)
    args = parser.parse_args()
    body = args.file.read_bytes()
    league = resolve("nfl")
    board = Board()
    now = datetime.now(UTC)
    board.update(read_response(200, body, None, league)[0], now)

    def baseline() -> None:
        json.loads(body)

    def ours() -> None:
        board.update(read_response(200, body, None, league)[0], now)

    for _ in range(20):  # warm up both
        baseline()
        ours()
    base = timeit(baseline, args.runs)
    mine = timeit(ours, args.runs)
    b, m = statistics.median(base), statistics.median(mine)
    print(
        f"file: {args.file.name} ({len(body) / 1024:.0f} KiB, {len(board)} games), "
        f"runs: {args.runs}"
    )
    print(f"json.loads           median {b * 1000:7.3f} ms")
    print(f"parse + diff (ours)  median {m * 1000:7.3f} ms   ratio {m / b:.2f}x (target <= 1.1x)")


if __name__ == "__main__":
    main()
