"""`--record` and `livescore replay`: a recording replays to the same events."""

from __future__ import annotations

import json
import time
from typing import Any

from livescore.sim.http import serve
from tests.helpers import (
    Script,
    event,
    jsonl,
    ok,
    popen_cli,
    read_json_lines,
    run_cli,
    status,
)


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
        live = read_json_lines(proc, 3)
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


def test_recorder_lines_replay_in_process_at_their_pace(tmp_path: Any) -> None:
    import asyncio
    from datetime import UTC, datetime, timedelta

    from livescore.app.recording import Recorder, replay
    from livescore.core.model import Update

    path = str(tmp_path / "r.jsonl")
    start = datetime(2026, 5, 2, 23, 0, tzinfo=UTC)
    recorder = Recorder(path)
    body = json.dumps({"leagues": [{"slug": "nba"}], "events": [event()]})
    for n in range(3):
        recorder("espn", "basketball/nba", start + timedelta(seconds=10 * n), 200, body)
    recorder.close()
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    async def items() -> list[Any]:
        return [item async for item in replay(path, speed=5, sleep=sleep)]

    got = asyncio.run(items())
    assert [type(i) for i in got] == [Update] * 3
    assert [i.at for i in got] == [start + timedelta(seconds=10 * n) for n in range(3)]
    assert slept == [2.0, 2.0]  # 10 s apart, five times faster
