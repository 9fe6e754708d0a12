"""ESPN by push (FastCast) against polling: how soon a score change is seen, and the bytes
received, against the same local simulator in the same run.

    python -m bench.push_latency [--speed 1] [--ticks 1,5] [--polls 2,5]

The simulator plays the demo's ESPN script (two NBA games, three EPL games) in real time;
each score a source shows is matched to the moment the script made it, and the delay is the
time from then until the source yielded it. Push publishes on a tick (real FastCast: about
5 s per topic, reference §6); polling asks every 2 or 5 s. Bytes: what came over the wire
(push: discovery, frames and checkpoints; poll: the scoreboard bodies), and per hour.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import time
from typing import Any

import httpx

from livescore.core.leagues import resolve
from livescore.core.model import Update
from livescore.espn.fastcast.source import PushSource
from livescore.espn.poller import EspnPoller
from livescore.sim import espn_games
from livescore.sim.fastcast import FastcastSim

LEAGUES = [resolve("nba"), resolve("epl")]


def _truth(sim: FastcastSim) -> dict[tuple[str, int, int], tuple[int, float]]:
    """(game id, home, away) → (which change of the game it is, the monotonic time the
    script made it)."""
    speed: float = sim.clock.speed  # type: ignore[attr-defined]
    t0 = time.monotonic() - sim.clock() / speed
    out: dict[tuple[str, int, int], tuple[int, float]] = {}
    for game in sim.games:
        home = away = 0
        for k, (fraction, side, points) in enumerate(game.plays, start=1):
            if side == "home":
                home += points
            else:
                away += points
            at = t0 + (game.start + fraction * game.length) / speed
            out.setdefault((game.id, home, away), (k, at))
    return out


def _delays(
    truth: dict[tuple[str, int, int], tuple[int, float]],
    seen: dict[str, list[tuple[float, int]]],
    until: float,
) -> list[float]:
    """For each scripted change made while watching, how long until the source showed it
    or a later score of the game (a source that skips a score still saw the change happen)."""
    out: list[float] = []
    for (gid, _, _), (k, at) in truth.items():
        if at > until:
            continue
        later = [when for when, index in seen.get(gid, ()) if index >= k and when >= at]
        if later:
            out.append(min(later) - at)
    return out


async def _run(mode: str, value: float, speed: float) -> tuple[list[float], int, float]:
    sim = FastcastSim(speed=speed, tick=value if mode == "push" else 1.0, hbi=30.0)
    with sim.running() as url:
        truth = _truth(sim)
        length = max(g.start + g.length for g in sim.games) / speed + 2
        received = 0

        def record(kind: str, path: str, at: Any, status: int, body: str) -> None:
            nonlocal received
            received += len(body.encode())

        async with httpx.AsyncClient() as client:
            interval = value if mode == "poll" else 60.0
            poller = EspnPoller(
                LEAGUES, client, base_url=url, interval=interval, idle_interval=interval,
                day_ends=0, record=record,
            )  # fmt: skip
            source: Any = poller
            if mode == "push":
                source = PushSource(poller, url, client)
            seen: dict[str, list[tuple[float, int]]] = {}
            started = time.monotonic()
            sessions: list[Any] = []

            async def consume() -> None:
                async for item in source:
                    session = getattr(source, "session", None)
                    if session is not None and session not in sessions:
                        sessions.append(session)
                    if not isinstance(item, Update):
                        continue
                    now = time.monotonic()
                    for game in item.games:
                        key = (game.id, game.home.score or 0, game.away.score or 0)
                        if key in truth:
                            seen.setdefault(game.id, []).append((now, truth[key][0]))

            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(consume(), length)
            received += sum(session.received for session in sessions)
            ended = time.monotonic()
            return _delays(truth, seen, ended - 6.0), received, ended - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=float, default=1.0)
    parser.add_argument("--ticks", default="1,5", help="push ticks to try, seconds")
    parser.add_argument("--polls", default="2,5", help="poll intervals to try, seconds")
    args = parser.parse_args()
    runs = [("push", float(t)) for t in args.ticks.split(",")]
    runs += [("poll", float(p)) for p in args.polls.split(",")]
    print(f"score changes seen (demo script at speed {args.speed:g}; same simulator)")
    for mode, value in runs:
        delays, received, seconds = asyncio.run(_run(mode, value, args.speed))
        ordered = sorted(delays)
        p90 = ordered[int(len(ordered) * 0.9)] if ordered else float("nan")
        name = f"{mode} {'tick' if mode == 'push' else 'every'} {value:g}s"
        median = statistics.median(ordered)
        print(
            f"  {name:<16} {len(delays):4d} changes  median {median:5.2f} s  p90 {p90:5.2f} s"
            f"  {received / 1024:8.1f} KiB in {seconds:4.0f} s"
            f" = {received / seconds * 3600 / 1024 / 1024:6.1f} MiB/h"
        )
    one = espn_games.scoreboard(espn_games.schedule(), "nba", 10.0, espn_games.start_of_day())
    print(f"(one simulated NBA scoreboard body: {len(str(one))} bytes; a real NFL Sunday one: "
          "576 KiB)")  # fmt: skip


if __name__ == "__main__":
    main()
