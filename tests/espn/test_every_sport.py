"""Every sport ESPN sends: all 44 scoreboards in ../shared/fixtures/espn-wild (13 projects,
20+ leagues, tennis, fights, golf, racing, cricket, volleyball) read through the real CLI with
exit 0, checked against an independent reading of the raw JSON: every competition is a game,
team games have their sides and scores, individual events their competitors and state."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from livescore.core.leagues import resolve
from livescore.espn.parse import parse_event_games, parse_scoreboard
from livescore.sim.http import Request, Response, serve
from tests.helpers import SHARED, SKIP_SHARED, jsonl, run_cli

WILD = SHARED / "fixtures" / "espn-wild"
FILES = sorted(WILD.glob("*.json")) if WILD.is_dir() else []
NOT_PLAYED = {"STATUS_POSTPONED", "STATUS_CANCELED", "STATUS_CANCELLED", "STATUS_FORFEIT"}
INDIVIDUAL = {"850": "tennis", "1100": "golf", "2000": "racing", "3301": "mma"}


def _competitions(event: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(event.get("competitions") or [])
    for group in event.get("groupings") or []:
        found += group.get("competitions") or []
    return found


def _printable(text: str) -> str:
    """Without control characters and undecodable bytes, as any output must show a name."""
    return "".join(
        ch for ch in text
        if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF
    ).strip()  # fmt: skip


def _expected(path: Path) -> dict[str, dict[str, Any]]:
    """game id → what the raw JSON says of it, read without livescore's parser."""
    data = json.loads(path.read_bytes())
    out: dict[str, dict[str, Any]] = {}
    for event in data["events"]:
        comps = _competitions(event)
        sport_id = event.get("uid", "s:0").split("~")[0][2:]
        for comp in comps:
            gid = str(comp["id"]) if len(comps) > 1 else str(event["id"])
            status = comp.get("status") or event["status"]
            people = comp.get("competitors") or []
            names = []
            for c in people:
                who = c.get("team") or c.get("athlete") or c.get("roster") or {}
                names.append(_printable(who.get("displayName") or who.get("fullName") or ""))
            sides = {c.get("homeAway"): c for c in people}
            out[gid] = {
                "state": status["type"]["state"],
                "played": status["type"].get("name") not in NOT_PLAYED,
                "names": names,
                "teams": "home" in sides and "away" in sides and sport_id not in INDIVIDUAL,
                "sides": sides,
                "count": len(people),
            }
    return out


@pytest.mark.skipif(not FILES, reason=SKIP_SHARED)
def test_all_44_wild_scoreboards_read_with_exit_0_and_every_game_right() -> None:
    assert len(FILES) == 44
    leagues = {f"wild/f{i:02d}": path for i, path in enumerate(FILES)}

    def answer(request: Request) -> Response:
        found = re.search(r"/sports/(wild/f\d\d)/scoreboard", request.path)
        if not found:
            return Response(404, b"{}")
        return Response(200, leagues[found.group(1)].read_bytes())

    with serve(answer) as url:
        result = run_cli(
            "watch", *leagues, "--espn-url", url, "--once", "--json", timeout=120
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "skipped" not in result.stderr
    lines = jsonl(result.stdout)
    by_league: dict[str, dict[str, dict[str, Any]]] = {}
    for line in lines:
        by_league.setdefault(line["league"], {})[line["id"]] = line
    checked = {"teams": 0, "match": 0, "field": 0}
    for alias, path in leagues.items():
        expected = _expected(path)
        got = by_league.get(alias.split("/")[1], {})
        assert set(got) == set(expected), path.name
        for gid, want in expected.items():
            line = got[gid]
            assert line["state"] == want["state"], (path.name, gid)
            fmt = line.get("format", "teams")
            checked[fmt] += 1
            if want["teams"]:
                assert fmt == "teams"
                for side in ("home", "away"):
                    raw = want["sides"][side]
                    raw_name = (raw.get("team") or raw.get("athlete") or {}).get("displayName")
                    assert line[side]["name"] == (raw_name or "TBD")
                    score = raw.get("score")
                    counted = line["state"] != "pre" and want["played"]
                    if isinstance(score, str) and score.isdigit() and counted:
                        assert line[side]["score"] == int(score), (path.name, gid, line)
            elif want["count"] == 2:
                assert fmt == "match"
                assert {line["home"]["name"], line["away"]["name"]} == set(want["names"])
            else:
                assert fmt == "field"
                top = (line.get("situation") or {}).get("field") or []
                if want["count"]:
                    assert top and top[0]["name"] in want["names"]
                else:
                    assert line["situation"]["event"]  # a race with no entries yet: named
    assert min(checked.values()) > 0, checked


def test_shapes_that_are_not_home_v_away_never_crash() -> None:
    """Groupings instead of competitions, homeAway unknown or none, missing competitors,
    events: [], a leagues[0] with only a calendar, a competition without a status."""
    golf = resolve("golf/pga")
    tennis = resolve("atp")
    status = {"type": {"state": "in", "name": "STATUS_IN_PROGRESS", "shortDetail": "R2"}}
    fields = [
        {"id": "1", "competitions": [{"id": "9", "status": status}]},  # no competitors
        {"id": "2", "status": status, "competitions": [{"id": "9", "competitors": [
            {"homeAway": "unknown", "team": {"displayName": "A/B"}, "score": "-31"},
            {"homeAway": "unknown", "team": {"displayName": "C/D"}, "score": "-30"},
            {"homeAway": "unknown", "team": {"displayName": "E/F"}, "score": "-29"},
        ]}]},
        {"id": "3", "status": status, "groupings": [{"grouping": {"displayName": "Singles"},
            "competitions": [{"id": "31", "competitors": [
                {"homeAway": "home", "athlete": {"displayName": "A. One"},
                 "linescores": [{"value": 6, "winner": True}, {"value": 2}]},
                {"homeAway": "away", "athlete": {"displayName": "B. Two"},
                 "linescores": [{"value": 4}, {"value": 3}]},
            ]}, "junk", None]}]},
        {"id": "4", "status": status, "competitions": [{"competitors": [{"athlete": None}]}]},
        {"id": "5", "status": status, "competitions": []},
    ]  # fmt: skip
    board = parse_scoreboard({"leagues": [{"calendar": []}], "events": fields}, golf)
    assert {g.id for g in board.games} == {"1", "2", "3", "4"}  # one competition: the event id
    assert [s.startswith("event 4:") for s in board.skipped] == [True]  # no competitions
    by_id = {g.id: g for g in board.games}
    assert by_id["2"].format == "field" and by_id["2"].home.name == "A/B"
    assert by_id["3"].format == "match" and by_id["3"].situation is not None
    assert by_id["3"].situation["session"] == "Singles"
    match = parse_event_games(fields[2], tennis)[0]
    assert (match.home.score, match.away.score) == (1, 0)  # sets won, not games
    assert parse_scoreboard({"events": []}, golf).games == ()
