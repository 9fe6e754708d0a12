"""Escape sequences and Rich markup sent through every ESPN and Sportrix field never reach any
output (JSON lines, human lines, the table)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from typing import Any

from rich.console import Console

from livescore.core.board import Board
from livescore.core.health import Health
from livescore.jsonlines import event_json
from livescore.render.lines import event_line
from livescore.render.table import render_board
from livescore.sim.http import serve
from livescore.sportrix.parse import parse_snapshot
from tests.helpers import Script, event, ok, popen_cli
from tests.wsserver import soccer

EVIL = "\x1b[2J\x1b]0;owned\x07\x1b[31m[bold red]X[/]\x9b1m\u202eY\x00\r\n"


NOW = datetime(2026, 6, 18, tzinfo=UTC)


def is_clean(text: str) -> bool:
    return not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in text) and (
        "\u202e" not in text
    )


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
    health.ok("sportrix", NOW)
    table = _capture(render_board(board, now=NOW, health=health))
    assert "[bold red]X[/]" in table and is_clean(table)
    for e in events:
        assert is_clean(event_json(e)) and is_clean(event_line(e))
        assert "\\u001b" not in event_json(e) and "\\u009b" not in event_json(e)
