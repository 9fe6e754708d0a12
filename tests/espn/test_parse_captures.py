"""Every real ESPN capture in ../shared/fixtures reads right: home/away, scores, state."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from livescore.core.board import Board
from livescore.core.leagues import LEAGUES, League
from livescore.espn.parse import parse_scoreboard
from tests.helpers import ESPN_FIXTURES, SKIP_SHARED, TIMELINE

CAPTURES = sorted(ESPN_FIXTURES.glob("*.json")) if ESPN_FIXTURES.is_dir() else []
SPORTS = {"1": "baseball", "20": "football", "40": "basketball", "70": "hockey", "600": "soccer"}
NOT_PLAYED = {"STATUS_POSTPONED", "STATUS_CANCELED"}


def load(path: Path) -> Any:
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return json.loads(raw.decode("utf-16"))
    return json.loads(raw)


def league_of(data: dict[str, Any]) -> League:
    info = data["leagues"][0]
    for league in LEAGUES.values():
        if league.slug == info["slug"]:
            return league
    sport = SPORTS[info["uid"].split("~")[0].split(":")[1]]
    return League(info["slug"], sport, info["slug"], info.get("name", ""))


def side(comp: dict[str, Any], which: str) -> dict[str, Any]:
    (found,) = [c for c in comp["competitors"] if c["homeAway"] == which]
    return found


@pytest.mark.skipif(not CAPTURES, reason=SKIP_SHARED)
@pytest.mark.parametrize("path", CAPTURES, ids=lambda p: p.name)
def test_capture_reads_right(path: Path) -> None:
    data = load(path)
    league = league_of(data)
    board = parse_scoreboard(data, league)
    assert board.skipped == ()
    games = {g.id: g for g in board.games}
    assert len(games) == len(data["events"])
    for raw in data["events"]:
        game = games[str(raw["id"])]
        comp = raw["competitions"][0]
        st = comp.get("status") or raw["status"]
        state = st["type"]["state"]
        assert game.state == state
        for which, team in (("home", game.home), ("away", game.away)):
            expected = side(comp, which)
            assert team.abbr == expected["team"]["abbreviation"]
            if state == "pre" or st["type"]["name"] in NOT_PLAYED:
                assert team.score is None
            else:
                assert team.score == int(expected["score"])
        if state == "post" and not st["type"]["completed"]:
            assert st["type"]["description"].lower() in game.detail.lower()
        assert game.detail
        assert game.start is not None and game.start.endswith("Z")


@pytest.mark.skipif(not TIMELINE.is_dir(), reason=SKIP_SHARED)
def test_world_cup_match_day_timeline_emits_only_real_changes() -> None:
    board = Board()
    previous: dict[str, Any] = {}
    now = datetime(2026, 7, 11, tzinfo=UTC)
    for number, path in enumerate(sorted(TIMELINE.glob("*/*.json"))):
        data = load(path)
        league = league_of(data)
        events = board.update(parse_scoreboard(data, league).games, now)
        raw = {e["id"]: e for e in data["events"]}
        changed_ids = {e.game.id for e in events}
        if number == 0:
            assert all(e.kind == "snapshot" for e in events)
            assert changed_ids == set(raw)
        else:
            really_changed = {
                i
                for i, e in raw.items()
                if json.dumps(e["status"]["type"]) != json.dumps(previous[i]["status"]["type"])
                or e["status"].get("displayClock") != previous[i]["status"].get("displayClock")
                or teams(e) != teams(previous[i])
            }
            assert changed_ids <= really_changed
            assert changed_ids, "the live match moved between snapshots"
        previous = raw
    assert board.seq > len(board)


def teams(raw: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Who plays and the score: a placeholder (QFW3) resolving to a team is a real change."""
    return [
        (c["score"], c["team"].get("abbreviation", ""), c["team"].get("displayName", ""))
        for c in raw["competitions"][0]["competitors"]
    ]
