"""`--record` and `livescore replay`: a recording replays to the same events."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from livescore.board import Board
from livescore.bridge.hub import Hub
from livescore.bridge.server import BridgeServer
from livescore.model import Game, Team
from livescore.sim.http import serve
from tests.helpers import (
    Script,
    event,
    jsonl,
    ok,
    popen_cli,
    run_cli,
    status,
)


def game(
    gid: str, home: int = 0, league: str = "nba", abbr: str = "BOS", name: str = "Home"
) -> Game:
    return Game(
        "espn",
        league,
        "basketball",
        gid,
        "in",
        "Q1",
        Team(name, abbr, home),
        Team("Away", "PHI", 0),
        1,
        "12:00",
    )


@asynccontextmanager
async def bridge(token: str | None = None) -> AsyncIterator[tuple[Hub, Board, str]]:
    hub = Hub()
    server = await BridgeServer(hub, token).start("127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield hub, Board(), f"ws://127.0.0.1:{port}/"
    finally:
        server.close()
        await server.wait_closed()


def test_record_then_replay_gives_the_same_events(tmp_path: Any) -> None:
    recording = str(tmp_path / "game.jsonl")
    later = event(home=("BOS", "90"), st=status(short="8:20 - 4th", clock="8:20"))
    final = event(
        home=("BOS", "90"), st=status("post", "STATUS_FINAL", "Final", "0:00", 4, completed=True)
    )
    script = Script([ok(event()), ok(event()), ok(later), ok(final)])
    with serve(script) as espn:
        proc = popen_cli(
            "watch",
            "nba",
            "--espn-url",
            espn,
            "--interval",
            "0.05",
            "--json",
            "--record",
            recording,
        )
        assert proc.stdout is not None
        live = [json.loads(proc.stdout.readline()) for _ in range(3)]
        time.sleep(0.3)
        proc.terminate()
        proc.wait(10)
    replayed = run_cli("replay", recording, "--speed", "0", "--json")
    assert replayed.returncode == 0, replayed.stderr
    assert jsonl(replayed.stdout) == live
    paced = run_cli("replay", recording, "--speed", "100", "--format", "lines")
    assert paced.returncode == 0 and "Final" in paced.stdout
    missing = run_cli("replay", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "no such recording" in missing.stderr
