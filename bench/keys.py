"""The table driven with keys (`watch --keys`) beside today's table, in a real terminal (tmux).

    python -m bench.keys [--seconds 120] [--reps 30]

1. Idle: `livescore watch nba` and `livescore watch nba --keys` in turn, each in a 120x40
   pane against the 15 live games of ``bench.table_cpu`` (clocks moving every second, a
   poll every 5 s): CPU from /proc and the bytes written to the terminal (tmux
   ``pipe-pane``) over ``--seconds``, after a settling start.
2. Key to screen: `livescore demo --keys` in a 120x40 pane; for each of select (↓ or ↑),
   open (Enter) and back (Backspace; and Esc apart), the time from ``tmux send-keys`` to the
   first capture of the pane that shows the result (the reverse-video row moved; the table
   gone; the table back). A capture costs a few milliseconds, so each figure is an upper
   bound by about that much. A lone Esc is ambiguous on a terminal (the start of a key's
   escape sequence, or the key itself): Textual, like curses, waits ``ESCDELAY`` ms (100 by
   default) for more before taking it as Esc; that wait is in its figure.
"""

from __future__ import annotations

import argparse
import re
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from bench.checkout import livescore_from
from bench.table_cpu import run_in_tmux, scoreboard
from livescore.sim.http import serve
from tests.tmux import HAVE_TMUX, Pane

TABLE = "games ·"  # on the table's title line, on no other view
REVERSE = re.compile(r"\x1b\[(?:[0-9;]*;)?7m")  # the selected row (tmux: 7m or 0;7m)
FILTERED = "filter: nba"  # the title of the table filtered to the NBA games


def selected_row(screen: str) -> int | None:
    for index, line in enumerate(screen.splitlines()):
        if REVERSE.search(line):
            return index
    return None


def capture_styled(pane: Pane) -> str:
    return subprocess.run(
        [*pane.tmux, "capture-pane", "-e", "-p", "-t", pane.session],
        capture_output=True,
        text=True,
    ).stdout


def timed(pane: Pane, key: str, done: Callable[[str], bool], deadline: float = 10.0) -> float:
    """Milliseconds from sending ``key`` until ``done(styled screen)`` holds."""
    started = time.perf_counter()
    pane.send_keys(key)
    while time.perf_counter() - started < deadline:
        if done(capture_styled(pane)):
            return (time.perf_counter() - started) * 1000
    raise TimeoutError(f"{key}: the screen did not change within {deadline} s")


def settle(pane: Pane, done: Callable[[str], bool], deadline: float = 60.0) -> None:
    started = time.perf_counter()
    while not done(capture_styled(pane)):
        if time.perf_counter() - started > deadline:
            raise TimeoutError("the demo never showed its table")
        time.sleep(0.05)


def key_latency(reps: int) -> dict[str, list[float]]:
    ours = " ".join(shlex.quote(x) for x in livescore_from(None))
    cmd = f"exec {ours} demo --keys 2>/dev/null"
    found: dict[str, list[float]] = {"select": [], "open": [], "back": [], "back (Esc)": []}
    with Pane(cmd, 120, 40, env={"TERM": "xterm-256color"}) as pane:
        settle(pane, lambda s: TABLE in s and selected_row(s) is not None)
        time.sleep(2.0)  # the demo's first games in
        for rep in range(reps):
            before = selected_row(capture_styled(pane))
            key = "Down" if rep % 2 == 0 else "Up"
            found["select"].append(
                timed(pane, key, lambda s, b=before: selected_row(s) not in (None, b))
            )
        # open and back on the NBA games (the demo's Sportrix games have no detail view)
        pane.send_keys("/")
        settle(pane, lambda s: "team or league" in s)
        pane.send_keys("n", "b", "a")
        settle(pane, lambda s: FILTERED in s)
        pane.send_keys("Enter")  # leaves the filter box
        time.sleep(0.5)
        for _ in range(reps):
            found["open"].append(timed(pane, "Enter", lambda s: FILTERED not in s))
            found["back"].append(timed(pane, "BSpace", lambda s: FILTERED in s))
            timed(pane, "Enter", lambda s: FILTERED not in s)
            found["back (Esc)"].append(timed(pane, "Escape", lambda s: FILTERED in s))
            time.sleep(0.3)  # a key right after Esc would read as Alt+key
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--reps", type=int, default=30)
    args = parser.parse_args()
    if not HAVE_TMUX:
        sys.exit("tmux is needed for this benchmark")
    ours = " ".join(shlex.quote(x) for x in livescore_from(None))
    with serve(scoreboard) as url:
        watch = f"{ours} watch nba --espn-url {url}"
        table = run_in_tmux(watch, args.seconds)
        keys = run_in_tmux(f"{watch} --keys", args.seconds)
    print(f"15 live games, poll every 5 s, {args.seconds:.0f} s in a 120x40 tmux pane")
    for name, (cpu, written) in (("watch (table)", table), ("watch --keys", keys)):
        share = cpu / args.seconds * 100
        per_minute = written / args.seconds * 60 / 1024
        print(f"{name:<16} CPU {cpu:6.2f} s = {share:5.2f}% of a core, {per_minute:8.1f} KiB/min")
    print(f"bytes --keys / table: {keys[1] / max(1, table[1]):.2f}x")
    found = key_latency(args.reps)
    print(f"key to screen, demo --keys in 120x40, {args.reps} of each (ms)")
    for action, waits in found.items():
        waits.sort()
        p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))]
        p50 = statistics.median(waits)
        print(f"{action:<10} p50 {p50:6.1f}  p99 {p99:6.1f}  max {waits[-1]:6.1f}")


if __name__ == "__main__":
    main()
