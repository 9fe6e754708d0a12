"""Faults and hostile input: the tool warns, keeps going and never lets them through."""

from __future__ import annotations

import io
import json
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from rich.console import Console
from websockets.asyncio.server import ServerConnection

from livescore.board import Board
from livescore.health import Health
from livescore.model import Update
from livescore.jsonlines import event_json
from livescore.render.lines import event_line
from livescore.render.table import render_board
from livescore.sim.http import Response, serve
from livescore.sportrix.parse import parse_snapshot
from tests.helpers import Script, cli_env, event, ok, popen_cli, read_json_lines, status, stop
from tests.test_stream import KEY, env
from tests.tmux import HAVE_TMUX, Pane
from tests.wsserver import WsServer, frame, soccer

EVIL = "\x1b[2J\x1b]0;owned\x07\x1b[31m[bold red]X[/]\x9b1m\u202eY\x00\r\n"
NOW = datetime(2026, 6, 18, tzinfo=UTC)


def is_clean(text: str) -> bool:
    return not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in text) and (
        "\u202e" not in text
    )


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("invalid utf-8", b'{"events": [\xff\xfe]}'),
        ("deeply nested", b"[" * 200_000 + b"]" * 200_000),
        ("null", b"null"),
    ],
)
def test_hostile_espn_bodies_are_warnings(name: str, body: bytes) -> None:
    script = Script([ok(event()), Response(200, body), ok(event(home=("BOS", "90")))])
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json")
        lines = read_json_lines(proc, 2)
        err = stop(proc)
    assert [x["event"] for x in lines] == ["snapshot", "score"]
    assert "livescore: warning: espn nba:" in err and "Traceback" not in err


def test_5xx_runs_and_429_storms_back_off() -> None:
    responses = [Response(503, b"", {}), Response(429, b"", {"Retry-After": "1"})] * 50
    script = Script(responses)
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--json")
        time.sleep(8)
        err = stop(proc)
    # exponential backoff (1-2 s, 2-4 s, 4-8 s ...) honouring Retry-After: a handful, no storm
    assert 3 <= len(script.requests) <= 6
    assert err.count("livescore: warning:") == len(script.requests)


def test_scores_and_clocks_going_backwards_are_corrections() -> None:
    later = event(home=("BOS", "90"), st=status(short="8:00 - 4th", clock="8:00"))
    corrected = event(home=("BOS", "88"), st=status(short="8:30 - 4th", clock="8:30"))
    script = Script([ok(event()), ok(later), ok(corrected)])
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json")
        lines = read_json_lines(proc, 3)
        stop(proc)
    assert [x["home"]["score"] for x in lines] == [87, 90, 88]
    assert lines[2]["event"] == "score" and lines[2]["clock"] == "8:30"


def test_oversized_and_invalid_utf8_frames_cost_a_reconnect_not_the_run() -> None:
    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 1)
        await ws.send(frame("snapshot", soccer(1, home=n)))
        if n == 1:
            await ws.send("x" * (5 * 1024 * 1024))  # over the 4 MiB frame limit
        elif n == 2:
            ws.transport.write(b"\x81\x02\xff\xfe")  # a text frame that is not UTF-8
        await ws.wait_closed()

    with WsServer(handler) as server:
        proc = popen_cli("stream", "1", "--stream-url", server.url, "--json", env=env())
        lines = read_json_lines(proc, 3, timeout=30)
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert [x["home"]["score"] for x in lines] == [1, 2, 3]
    assert server.connections == 3
    assert "1009" in err or "too big" in err
    assert "1007" in err or "UTF-8" in err
    assert KEY not in err


def _capture(renderable: Any) -> str:
    console = Console(width=160, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_escape_and_markup_injection_through_every_espn_field_and_output() -> None:
    raw = event()
    comp = raw["competitions"][0]
    for side in comp["competitors"]:
        side["team"] = {"displayName": EVIL + "Team", "abbreviation": EVIL}
    comp["status"]["type"]["shortDetail"] = EVIL + "Q4"
    comp["status"]["displayClock"] = EVIL
    raw["id"] = EVIL + "77"
    raw["date"] = EVIL
    with serve(Script([ok(raw)])) as url:
        outputs = []
        for fmt in ("jsonl", "lines"):
            proc = popen_cli("watch", "nba", "--espn-url", url, "--once", "--format", fmt)
            out, err = proc.communicate(timeout=20)
            assert proc.returncode == 0, err
            outputs.append(out)
    for out in outputs:
        assert out and is_clean(out)
    parsed = json.loads(outputs[0])
    assert parsed["home"]["name"] == "[bold red]X[/]Y Team"  # CR LF folds to a space


def test_escape_and_markup_injection_through_every_sportrix_field() -> None:
    data = soccer(
        1,
        competition=EVIL + "League",
        home=EVIL + "H",
        away=EVIL + "A",
        phase={"label": EVIL, "team": EVIL},
        stats={EVIL: {"home": 1, "away": 2}},
    )
    game = parse_snapshot(data, "1", NOW)
    cricket = parse_snapshot(
        {
            "sport": "cricket",
            "batting": EVIL,
            "score": {"runs": 1},
            "last_event": {"label": EVIL},
            "competition": EVIL,
        },
        "2",
        NOW,
    )
    board = Board()
    events = board.update([game, cricket], NOW)
    health = Health()
    health.ok(Update("sportrix", (game,), NOW))
    table = _capture(render_board(board, now=NOW, health=health))
    assert "[bold red]X[/]" in table and is_clean(table)
    for e in events:
        assert is_clean(event_json(e)) and is_clean(event_line(e))
        assert "\\u001b" not in event_json(e) and "\\u009b" not in event_json(e)


def test_table_in_tmux_shows_markup_literally() -> None:
    import sys

    if not HAVE_TMUX:
        pytest.skip("tmux is not installed")
    raw = event()
    raw["competitions"][0]["competitors"][0]["team"]["displayName"] = "[blink]Evil[/] \x1b[5mFC"
    with serve(Script([ok(raw)])) as url:
        cmd = f"{sys.executable} -m livescore watch nba --espn-url {url}; sleep 20"
        with Pane(cmd, 120, 15, env={"NO_COLOR": "1", "TERM": "xterm"}) as pane:
            screen = pane.wait_for("Evil")
    assert "[blink]Evil[/] FC" in screen


def test_secret_never_in_any_error_path() -> None:
    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await ws.close()

    with WsServer(handler) as server:
        runs = [
            popen_cli(
                "stream", "1", "--stream-url", server.url + f"?key={KEY}", "--json", env=env()
            ),
            popen_cli("stream", "1", "--stream-url", "ws://127.0.0.1:9/", "--json", env=env()),
            popen_cli(
                "matches", "--live", "soccer", "--api-url", "http://127.0.0.1:9/api", env=env()
            ),
        ]
        time.sleep(4)
        texts = []
        for proc in runs:
            proc.terminate()
            out, err = proc.communicate(timeout=10)
            texts.append(out + err)
    assert all(KEY not in text for text in texts)
    assert all(text for text in texts)


def test_event_loop_is_not_left_with_pending_tasks_after_once() -> None:
    with serve(Script([ok(event())])) as url:
        proc = popen_cli(
            "watch",
            "nba",
            "--espn-url",
            url,
            "--once",
            "--json",
            env=cli_env(PYTHONASYNCIODEBUG="1"),
        )
        _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0
    assert "Task was destroyed" not in err and "never awaited" not in err
