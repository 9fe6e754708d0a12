"""The situation (count and bases, down and distance, red cards, last goal, last play,
broadcast): read from real captures against an independent reading of the raw JSON, carried
through JSON lines both ways, a change of it alone a `clock` event, hostile values dropped."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from livescore.core.board import Board
from livescore.core.leagues import resolve
from livescore.core.model import Event
from livescore.espn.parse import parse_event, parse_scoreboard
from livescore.jsonlines import decode_event, event_json
from livescore.jsonlines.decode import _lenient
from livescore.render.situation import summary
from tests.helpers import ESPN_FIXTURES, SHARED, SKIP_SHARED, event

NOW = datetime(2026, 12, 4, tzinfo=UTC)
WILD = SHARED / "fixtures" / "espn-wild"


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _games(path: Path, league: str) -> list[tuple[dict[str, Any], Any]]:
    """(raw event, parsed game) pairs of a capture."""
    data = _load(path)
    board = parse_scoreboard(data, resolve(league))
    by_id = {g.id: g for g in board.games}
    return [(raw, by_id[str(raw["id"])]) for raw in data["events"] if str(raw["id"]) in by_id]


def _side(comp: dict[str, Any], team_id: object) -> str | None:
    for competitor in comp["competitors"]:
        if str(competitor.get("id")) == str(team_id):
            return str(competitor["homeAway"])
    return None


@pytest.mark.skipif(not ESPN_FIXTURES.is_dir(), reason=SKIP_SHARED)
def test_baseball_count_outs_and_bases_as_espn_sent_them() -> None:
    checked = 0
    for path in sorted(ESPN_FIXTURES.glob("mlb_*.json")):
        for raw, game in _games(path, "mlb"):
            sit = raw["competitions"][0].get("situation")
            if game.state != "in" or not sit:
                continue
            checked += 1
            assert game.situation is not None
            for key in ("balls", "strikes", "outs"):
                assert game.situation.get(key) == sit.get(key)
            assert game.situation.get("on_first") == sit.get("onFirst")
            assert "out" in summary(game.situation, "baseball")
    assert checked >= 3


@pytest.mark.skipif(not WILD.is_dir(), reason=SKIP_SHARED)
def test_football_down_distance_and_possession_side() -> None:
    checked = 0
    for name, league in (("vasqued2_ha-teamtracker__tests__tt__nfl.json", "nfl"),):
        for raw, game in _games(WILD / name, league):
            comp = raw["competitions"][0]
            sit = comp.get("situation") or {}
            if game.state != "in" or not sit.get("down"):
                continue
            checked += 1
            assert game.situation is not None
            assert (game.situation["down"], game.situation.get("distance")) == (
                sit["down"],
                sit.get("distance"),
            )
            if sit.get("possession"):
                assert game.situation["possession"] == _side(comp, sit["possession"])
            assert game.situation.get("red_zone") == sit.get("isRedZone")
    assert checked >= 2


@pytest.mark.skipif(not ESPN_FIXTURES.is_dir(), reason=SKIP_SHARED)
def test_soccer_last_goal_red_cards_and_broadcast() -> None:
    checked = 0
    for path in sorted(ESPN_FIXTURES.glob("soccer_*.json")):
        league = "soccer/" + path.name.split("_")[1]
        for raw, game in _games(path, league):
            comp = raw["competitions"][0]
            details = comp.get("details") or []
            goals = [d for d in details if d.get("scoringPlay") and not d.get("shootout")]
            reds = [d for d in details if d.get("redCard")]
            situation = game.situation or {}
            if goals:
                checked += 1
                last = goals[-1]
                got = situation["last_goal"]
                assert got["minute"] == last["clock"]["displayValue"]
                assert got["side"] == _side(comp, last["team"]["id"])
            else:
                assert "last_goal" not in situation
            assert ("red_cards" in situation) == bool(reds)
            national = [
                n for b in comp.get("broadcasts") or [] if b.get("market") == "national"
                for n in b.get("names") or []
            ]  # fmt: skip
            if national:
                assert situation["broadcast"].split(", ")[0] == national[0]
    assert checked >= 3


def test_hostile_situations_are_dropped_or_cleaned_never_an_error() -> None:
    raw = event()
    comp = raw["competitions"][0]
    comp["situation"] = {
        "balls": "3", "outs": 9, "onFirst": "yes", "down": True,
        "lastPlay": {"text": "\x1b[2J[bold]Dunk[/]\x07"}, "possession": {"id": 1},
    }  # fmt: skip
    comp["details"] = [None, {"scoringPlay": True, "clock": "x", "team": 5}]
    comp["broadcasts"] = [{"names": ["\x1b]0;owned\x07TNT", 5, None]}, "x"]
    game = parse_event(raw, resolve("nba"))
    assert game.situation == {"last_play": "[bold]Dunk[/]", "broadcast": "TNT"}
    nfl = parse_event(raw, resolve("nfl"))
    assert nfl.situation is not None and "down" not in nfl.situation


def test_a_situation_change_alone_is_a_clock_event_and_json_lines_carry_it_both_ways() -> None:
    mlb = resolve("mlb")
    raw = event(st={"type": {"state": "in", "name": "STATUS_IN_PROGRESS", "shortDetail": "Top 7th"},
                    "period": 7})  # fmt: skip
    raw["competitions"][0]["situation"] = {"balls": 1, "strikes": 0, "outs": 1, "onThird": True}
    first = parse_event(raw, mlb)
    raw["competitions"][0]["situation"] = {"balls": 1, "strikes": 1, "outs": 1, "onThird": True}
    second = parse_event(raw, mlb)
    board = Board()
    board.update([first], NOW)
    (change,) = board.update([second], NOW)
    assert (change.kind, change.changed) == ("clock", ("situation",))
    line = event_json(change)
    assert json.loads(line)["situation"] == {
        "balls": 1, "strikes": 1, "outs": 1, "on_third": True,
    }  # fmt: skip
    assert decode_event(line).game.situation == second.situation
    lenient, _ = _lenient(line)
    assert isinstance(lenient, Event) and lenient.game.situation == second.situation
    assert summary(second.situation, "baseball") == "1-1, 1 out · on 3rd"
    assert "situation" not in json.loads(event_json(Event(1, NOW, "snapshot", (), parse_event(
        event(), resolve("nba")))))  # fmt: skip
