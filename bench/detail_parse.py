"""Per-poll cost of a game summary on the largest real capture (MLB, 859 KB, 569 plays):
decode + parse + the play diff of ``livescore game``, beside plain json.loads of the same
bytes; and the memory of following a long game poll after poll.

    python -m bench.detail_parse [--runs N] [--file PATH] [--polls N]

"parse + diff" is what a poll costs after the body arrives, as ``game`` runs it
(``read_summary`` then ``PlayTracker.update``, in steady state: every play already said).
Memory: the traced allocations still held after N polls of the same summary, against after
the second (a follower that grows per poll shows it here).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import tracemalloc
from pathlib import Path

from bench.espn_parse import timeit
from livescore.core.leagues import resolve
from livescore.espn.detail.changes import PlayTracker
from livescore.espn.detail.plays import PlayCache
from livescore.espn.response import read_summary

DEFAULT = (
    Path(__file__).resolve().parents[2]
    / "shared/fixtures/espn-detail/summary_mlb_post_CLE-at-PIT_2023-07-19__aaronweldy.json"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--file", type=Path, default=DEFAULT)
    parser.add_argument("--polls", type=int, default=500)
    args = parser.parse_args()
    body = args.file.read_bytes()
    league = resolve("mlb")
    tracker, cache = PlayTracker(), PlayCache()
    detail, _ = tracker.update(read_summary(200, body, None, league, "1", cache))

    def baseline() -> None:
        json.loads(body)

    def ours() -> None:
        tracker.update(read_summary(200, body, None, league, "1", cache))

    for _ in range(10):
        baseline()
        ours()
    b = statistics.median(timeit(baseline, args.runs))
    m = statistics.median(timeit(ours, args.runs))
    print(f"file: {args.file.name} ({len(body) / 1024:.0f} KiB, {len(detail.plays)} plays)")
    print(f"json.loads               median {b * 1000:7.2f} ms")
    print(
        f"parse + diff (game)      median {m * 1000:7.2f} ms   ratio {m / b:.2f}x (target <= 0.5x)"
    )

    follower, kept = PlayTracker(), PlayCache()
    tracemalloc.start()
    for _ in range(2):  # the first poll says every play, the second is the steady state
        follower.update(read_summary(200, body, None, league, "1", kept))
    gc.collect()  # what is held, not what waits for the cycle collector
    first, _ = tracemalloc.get_traced_memory()
    for _ in range(args.polls):
        follower.update(read_summary(200, body, None, league, "1", kept))
    gc.collect()
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"memory held: after 2 polls {first / 1024:.0f} KiB, after {args.polls + 2} polls "
        f"{after / 1024:.0f} KiB (growth {(after - first) / 1024:+.0f} KiB), "
        f"peak {peak / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
