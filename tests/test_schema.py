"""`livescore schema` is a valid JSON Schema, and what every source writes validates against
it with an independent validator (jsonschema): demo, watch (with a failing feed), stream
(soccer, cricket, a sport without a parser), the bridge's own frames (error frames too),
tail, and replay."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection

from livescore.sim.http import Request, Response, serve
from tests.followers import Slate, TailView, wait_until
from tests.helpers import (
    SHARED,
    SKIP_SHARED,
    Script,
    event,
    ok,
    popen_cli,
    read_json_lines,
    run_cli,
    sportrix_env,
    start_bridge,
    status,
)
from tests.wsserver import WsServer, frame, soccer


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    result = run_cli("schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def valid(validator: Draft202012Validator, lines: list[dict[str, Any]]) -> set[str]:
    """Every line valid; the event kinds seen."""
    assert lines
    for line in lines:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(line)]
        assert not errors, (line, errors)
    return {line["event"] for line in lines}


def parsed(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_the_schema_refuses_lines_that_break_the_contract(validator: Draft202012Validator) -> None:
    line = {  # the contract's own example (DESIGN.md)
        "v": 1, "seq": 12, "ts": "2026-05-02T23:58:41.120Z", "event": "score",
        "changed": ["score", "clock"], "source": "espn", "league": "nba",
        "sport": "basketball", "id": "401810123", "state": "in", "detail": "8:41 - 4th",
        "period": 4, "clock": "8:41", "start": "2026-05-02T23:30:00Z",
        "home": {"name": "Boston Celtics", "abbr": "BOS", "score": 98},
        "away": {"name": "Philadelphia 76ers", "abbr": "PHI", "score": 95},
    }  # fmt: skip
    assert validator.is_valid(line)
    broken = [
        {k: v for k, v in line.items() if k != "home"},
        {**line, "v": 2},
        {**line, "event": "goal"},
        {**line, "state": "live"},
        {**line, "seq": -1},
        {**line, "ts": "yesterday"},
        {**line, "home": {"name": "X", "abbr": "X", "score": "3"}},
    ]
    assert not any(validator.is_valid(b) for b in broken)
    kinds = validator.schema["$defs"]["GameEventV1"]["properties"]["event"]["enum"]
    assert sorted(kinds) == ["clock", "score", "snapshot", "status"]


def test_demo_lines_validate(validator: Draft202012Validator) -> None:
    result = run_cli("demo", "--speed", "60", "--json", timeout=60)
    assert result.returncode == 0, result.stderr
    kinds = valid(validator, parsed(result.stdout))
    assert {"snapshot", "score", "status", "clock"} <= kinds


def test_watch_lines_with_a_failing_feed_validate(validator: Draft202012Validator) -> None:
    final = event(
        home=("BOS", "90"), st=status("post", "STATUS_FINAL", "Final", "0:00", 4, completed=True)
    )
    script = Script([ok(event()), Response(503, b"<html>down</html>"), ok(final)])
    with serve(script) as espn:
        proc = popen_cli("watch", "nba", "--espn-url", espn, "--interval", "0.05", "--json")
        lines = read_json_lines(proc, 4, feeds=True)
        proc.terminate()
        proc.wait(10)
    kinds = valid(validator, lines)
    assert {"snapshot", "feed", "status"} <= kinds  # the final, with its last score


def test_stream_lines_of_every_sport_validate(validator: Draft202012Validator) -> None:
    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 3)
        await ws.send(frame("snapshot", soccer(1)))
        cricket = {"match_id": 2, "sport": "cricket", "home": "Kent", "away": "Essex"}
        await ws.send(frame("snapshot", {**cricket, "status": "live", "batting": "Kent"}))
        await ws.send(frame("snapshot", {"match_id": 3, "sport": "handball", "status": "live"}))
        await ws.send(frame("update", soccer(1, home=1)))
        await ws.wait_closed()

    with WsServer(handler) as server:
        proc = popen_cli(
            "stream", "1", "2", "3", "--stream-url", server.url, "--json", env=sportrix_env()
        )
        lines = read_json_lines(proc, 4)
        proc.terminate()
        proc.wait(10)
    valid(validator, lines)
    assert {line["sport"] for line in lines} == {"soccer", "cricket", "handball"}


def test_bridge_frames_and_tail_lines_validate(validator: Draft202012Validator) -> None:
    slate = Slate()

    async def frames(url: str) -> list[dict[str, Any]]:
        got: list[dict[str, Any]] = []
        async with connect(f"{url}?since=nope") as ws:
            await ws.send("not json")
            while len([f for f in got if f["event"] == "error"]) < 2 or len(got) < 5:
                got.append(json.loads(await asyncio.wait_for(ws.recv(), 20)))
        return got

    with serve(slate) as espn:
        bridge, url = start_bridge("nba", "--espn-url", espn, "--interval", "0.05")
        tail = TailView(popen_cli("tail", url, "--json"))
        assert wait_until(lambda: tail.view == slate.expected())
        slate.advance()
        assert wait_until(lambda: tail.view == slate.expected())
        raw = asyncio.run(frames(url))
        tail.proc.terminate()
        tail.proc.wait(10)
        bridge.terminate()
        bridge.wait(10)
    assert {"error", "snapshot"} <= valid(validator, raw)
    assert all("epoch" in f for f in raw)
    assert {"snapshot", "score"} <= valid(validator, tail.events)


def test_replayed_lines_validate(validator: Draft202012Validator, tmp_path: Path) -> None:
    recording = str(tmp_path / "game.jsonl")
    later = event(home=("BOS", "90"), st=status(short="8:20 - 4th", clock="8:20"))
    with serve(Script([ok(event()), ok(later)])) as espn:
        proc = popen_cli(
            "watch", "nba", "--espn-url", espn, "--interval", "0.05", "--json", "--record",
            recording,
        )  # fmt: skip
        read_json_lines(proc, 2)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and Path(recording).read_text().count("\n") < 2:
            time.sleep(0.05)
        proc.terminate()
        proc.wait(10)
    replayed = run_cli("replay", recording, "--speed", "0", "--json")
    assert replayed.returncode == 0, replayed.stderr
    assert {"snapshot", "score"} <= valid(validator, parsed(replayed.stdout))


WILD = SHARED / "fixtures" / "espn-wild"


@pytest.mark.skipif(not WILD.is_dir(), reason=SKIP_SHARED)
def test_espn_lines_of_every_sport_validate(validator: Draft202012Validator) -> None:
    """Tennis, fights, golf, racing, cricket, volleyball and the team sports (one answer that
    mixes them all), with their situation and format."""
    files = {
        "mixed/all": "vasqued2_ha-teamtracker__tests__tt__all.json",
        "tennis/atp": "smythmyke_bragging_rights__tennis_test.json",
        "golf/pga": "vasqued2_ha-teamtracker__tests__tt__sample__at-7a01d72.json",
        "racing/nascar-premier": "vasqued2_ha-teamtracker__tests__tt__sample.json",
    }

    def answer(request: Request) -> Response:
        for path, name in files.items():
            if f"/sports/{path}/scoreboard" in request.path:
                return Response(200, (WILD / name).read_bytes())
        return Response(404, b"{}")

    with serve(answer) as url:
        result = run_cli("watch", *files, "--espn-url", url, "--once", "--json", timeout=60)
    assert result.returncode == 0, result.stderr
    lines = parsed(result.stdout)
    valid(validator, lines)
    assert {line.get("format", "teams") for line in lines} == {"teams", "match", "field"}
    assert any("sets" in (line.get("situation") or {}) for line in lines)
