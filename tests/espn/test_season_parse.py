"""Standings and schedules read from real ESPN captures (../shared/fixtures), checked against
an independent reading of the same files (the teams, wins and losses, the order ESPN's
seeds and ranks give, each team's results), and against hostile and odd shapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from livescore.core.errors import ParseError
from livescore.core.leagues import resolve
from livescore.espn.schedule import parse_day, parse_team_schedule
from livescore.espn.season import next_fixture
from livescore.espn.standings import parse_standings, read_standings
from livescore.espn.teams import find, parse_team_list
from tests.helpers import DETAIL, SHARED, SKIP_SHARED

WILD = SHARED / "fixtures" / "espn-wild" / "_related_not_scoreboard"
STANDINGS = {
    "standings_nba_2024-25__aaronweldy.json": ("basketball", 30, 2),
    "standings_nfl_2024__aaronweldy.json": ("football", 32, 2),
    "standings_fifa.world_2026_12-groups_pretty__kessix.json": ("soccer", 48, 12),
}
SCHEDULES = {
    DETAIL / "schedule_nfl_team12-KC_2023_all-final__aaronweldy.json": "nfl",
    DETAIL / "schedule_nfl_team12-KC_2025_all-pre__aaronweldy.json": "nfl",
    WILD / "vasqued2_ha-teamtracker__tests__tt__schedule.json": "mls",
    WILD / "JoeyG1973_sports-mcp__tests__fixtures__nba_team_schedule.json": "nba",
    WILD / "aburkard_espn-data__example_data__schedule.json": "basketball/mens-college-basketball",
}
needs_shared = pytest.mark.skipif(not DETAIL.is_dir(), reason=SKIP_SHARED)


def load(path: Path) -> Any:
    return json.loads(path.read_bytes())


def stat_value(entry: dict[str, Any], name: str) -> Any:
    return next((s.get("value") for s in entry["stats"] if s.get("name") == name), None)


@needs_shared
@pytest.mark.parametrize("name", sorted(STANDINGS))
def test_every_team_of_the_standings_is_read_in_seed_order(name: str) -> None:
    sport, teams, groups = STANDINGS[name]
    raw = load(DETAIL / name)
    standings = read_standings((DETAIL / name).read_bytes())
    assert len(standings.groups) == groups
    assert sum(len(g.entries) for g in standings.groups) == teams
    # independent reading: each group's entries sorted by ESPN's seed (or soccer rank)
    for child, group in zip(raw["children"], standings.groups, strict=True):
        assert group.name == child["name"]
        key = "rank" if sport == "soccer" else "playoffSeed"
        expected = sorted(child["standings"]["entries"], key=lambda e: stat_value(e, key))
        assert [e.team.abbr for e in group.entries] == [e["team"]["abbreviation"] for e in expected]
        for entry, want in zip(group.entries, expected, strict=True):
            assert entry.stats["wins"].value == stat_value(want, "wins")
            assert entry.stats["losses"].value == stat_value(want, "losses")
            assert entry.rank == int(stat_value(want, key))
    # the captures' entries are not in that order: the sorting is not a no-op
    assert any(
        [e["team"]["abbreviation"] for e in c["standings"]["entries"]]
        != [e.team.abbr for e in g.entries]
        for c, g in zip(raw["children"], standings.groups, strict=True)
    )


@needs_shared
def test_the_standings_read_as_fans_know_them() -> None:
    nba = read_standings((DETAIL / "standings_nba_2024-25__aaronweldy.json").read_bytes())
    east, west = nba.groups
    first = east.entries[0]
    assert (first.team.abbr, first.display("overall"), first.clinch) == ("CLE", "64-18", "z")
    assert west.entries[0].team.abbr == "OKC" and west.entries[0].display("overall") == "68-14"
    assert nba.season == "2024-25"
    assert first.display("Last Ten Games") == "6-4" and first.stats["Last Ten Games"].value is None
    nfl = read_standings((DETAIL / "standings_nfl_2024__aaronweldy.json").read_bytes())
    assert [g.entries[0].team.abbr for g in nfl.groups] == ["KC", "DET"]
    assert nfl.groups[0].entries[0].display("overall") == "15-2"
    cup = DETAIL / "standings_fifa.world_2026_12-groups_pretty__kessix.json"
    group_a = read_standings(cup.read_bytes()).groups[0]
    assert [e.team.abbr for e in group_a.entries] == ["MEX", "KOR", "CZE", "RSA"]
    assert group_a.entries[0].note == "Advance to Round of 32"
    assert group_a.entries[0].display("points") == "6"


@needs_shared
@pytest.mark.parametrize("name", sorted(STANDINGS))
def test_the_fast_read_equals_the_plain_one(name: str) -> None:
    body = (DETAIL / name).read_bytes()
    assert read_standings(body) == parse_standings(json.loads(body))


def entry(abbr: str, name: str, **stats: Any) -> dict[str, Any]:
    return {
        "team": {"id": abbr, "abbreviation": abbr, "displayName": name},
        "stats": [{"name": k, "value": v, "displayValue": str(v)} for k, v in stats.items()],
    }


def test_hostile_strings_are_cleaned_on_both_reads() -> None:
    data = {
        "name": "League",
        "children": [{
            "name": "Div\x1b]0;owned\x07ision",
            "standings": {"entries": [
                {"team": {"id": "1", "abbreviation": "A\x1b[31mB", "displayName": "Evil\u202eTeam"},
                 "stats": [{"name": "wins", "value": 3, "displayValue": "3\x1b[2J"},
                           {"name": "streak\x07", "value": 1e308 * 10, "displayValue": "W" * 500}]},
            ]},
        }],
    }  # fmt: skip
    body = json.dumps(data).encode()
    for standings in (read_standings(body), parse_standings(json.loads(body))):
        group = standings.groups[0]
        got = group.entries[0]
        texts = [group.name, got.team.abbr, got.team.name, *got.stats, *(
            s.display for s in got.stats.values())]  # fmt: skip
        assert all(t.isprintable() and "\x1b" not in t and "\u202e" not in t for t in texts)
        assert got.stats["wins"].display == "3"
        assert len(got.stats["streak"].display) <= 20 and got.stats["streak"].value is None


def test_nested_divisions_unranked_entries_and_odd_values() -> None:
    data = {
        "name": "NHL",
        "children": [{
            "name": "Eastern Conference",
            "children": [
                {"name": "Atlantic Division", "abbreviation": "ATL", "standings": {"entries": [
                    entry("TOR", "Toronto", wins=40, losses=30, points=88),
                    entry("BOS", "Boston", wins=50, losses=20, points=104),
                    "junk", {"team": None}, {"team": {"abbreviation": ""}},
                ]}},
                {"name": "Metropolitan Division", "standings": {"entries": [
                    {**entry("NYR", "New York", wins="x"), "stats": "not a list"},
                ]}},
                {"name": "Empty", "standings": {"entries": []}},
            ],
        }],
    }  # fmt: skip
    standings = read_standings(json.dumps(data).encode())
    assert [g.name for g in standings.groups] == ["Atlantic Division", "Metropolitan Division"]
    assert [e.team.abbr for e in standings.groups[0].entries] == ["BOS", "TOR"]  # by points
    assert standings.groups[0].entries[0].rank is None
    assert standings.groups[1].entries[0].stats == {}


@pytest.mark.parametrize(
    "data",
    [
        {"fullViewLink": {"text": "Full Standings", "href": "https://www.espn.com/nhl/standings"}},
        {"code": 404, "message": "not found"},
        [],
        {"children": [{"standings": {"entries": "x"}}]},
    ],
)
def test_a_document_without_standings_is_a_parse_error(data: Any) -> None:
    with pytest.raises(ParseError):
        read_standings(json.dumps(data).encode())


def test_deep_nesting_is_refused_not_a_crash() -> None:
    deep = b'{"children":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises((ValueError, ParseError)):
        read_standings(deep)


@needs_shared
@pytest.mark.parametrize("path", sorted(SCHEDULES), ids=lambda p: p.name[:40])
def test_every_schedule_reads_each_game_in_date_order(path: Path) -> None:
    raw = load(path)
    schedule = parse_team_schedule(raw, resolve(SCHEDULES[path]))
    assert schedule.team.abbr == raw["team"]["abbreviation"]
    assert len(schedule.fixtures) == len(raw["events"])
    starts = [f.game.start for f in schedule.fixtures]
    assert starts == sorted(starts)
    by_id = {e["id"]: e for e in raw["events"]}
    for fixture in schedule.fixtures:  # independent reading of each result
        comp = by_id[fixture.game.id]["competitions"][0]
        for competitor in comp["competitors"]:
            team = fixture.game.home if competitor["homeAway"] == "home" else fixture.game.away
            assert team.abbr == competitor["team"]["abbreviation"]
            score = competitor.get("score")
            assert team.score == (int(score["value"]) if score else None)
        if comp["status"]["type"]["state"] == "pre":
            assert fixture.game.home.score is None and fixture.result(schedule.team) == ""


@needs_shared
def test_a_past_season_keeps_its_results_but_not_todays_record() -> None:
    raw = load(DETAIL / "schedule_nfl_team12-KC_2023_all-final__aaronweldy.json")
    schedule = parse_team_schedule(raw, resolve("nfl"))
    results = [f.result(schedule.team) for f in schedule.fixtures]
    assert (results.count("W"), results.count("L")) == (11, 6)  # KC's 2023 regular season
    assert schedule.record == "" and schedule.standing == ""  # "15-2" is 2024's
    assert schedule.season == "2023" and schedule.bye_week == 10
    first = schedule.fixtures[0]
    assert (first.broadcast, first.round, first.game.away.abbr) == ("NBC", "Week 1", "DET")


@needs_shared
def test_soccer_schedules_come_newest_first_and_draws_are_d() -> None:
    path = WILD / "vasqued2_ha-teamtracker__tests__tt__schedule.json"
    schedule = parse_team_schedule(load(path), resolve("mls"))
    assert [f.result(schedule.team) for f in schedule.fixtures] == ["L", "D", "D", "L", "L"]
    assert schedule.record == "0-2-3"


@needs_shared
def test_a_time_not_set_yet_is_tbd_and_the_next_game_is_found() -> None:
    from datetime import UTC, datetime

    raw = load(DETAIL / "schedule_nfl_team12-KC_2025_all-pre__aaronweldy.json")
    schedule = parse_team_schedule(raw, resolve("nfl"))
    assert not schedule.fixtures[-1].time_set and schedule.fixtures[0].time_set
    found = next_fixture(schedule.fixtures, datetime(2025, 9, 10, tzinfo=UTC))
    assert found is not None and found.game.id == "401772837"  # week 2, PHI @ KC
    assert next_fixture(schedule.fixtures, datetime(2026, 3, 1, tzinfo=UTC)) is None


def test_a_live_schedule_game_has_no_score_and_counts_as_next() -> None:
    from datetime import UTC, datetime

    live = {
        "id": "1", "date": "2026-01-01T20:00Z",
        "competitions": [{
            "status": {"type": {"state": "in", "name": "STATUS_IN_PROGRESS", "detail": "Q2"}},
            "competitors": [
                {"homeAway": "home", "score": None, "team": {"abbreviation": "KC"}},
                {"homeAway": "away", "score": None, "team": {"abbreviation": "LV"}},
            ],
        }],
    }  # fmt: skip
    data = {"team": {"id": "12", "abbreviation": "KC", "displayName": "Kansas City"},
            "events": [live, "junk", {"id": "2"}]}  # fmt: skip
    schedule = parse_team_schedule(data, resolve("nfl"))
    assert len(schedule.fixtures) == 1
    fixture = schedule.fixtures[0]
    assert fixture.game.state == "in" and fixture.game.home.score is None
    assert next_fixture(schedule.fixtures, datetime(2026, 1, 1, 21, tzinfo=UTC)) is fixture


@pytest.mark.parametrize("data", [[], {"events": []}, {"team": "x"}, {"message": "bad"}])
def test_a_schedule_without_its_team_is_a_parse_error(data: Any) -> None:
    with pytest.raises(ParseError):
        parse_team_schedule(data, resolve("nfl"))


def test_a_day_reads_scoreboard_broadcasts() -> None:
    data = {"events": [{
        "id": "7", "date": "2026-01-01T20:00Z",
        "status": {"type": {"state": "pre", "name": "STATUS_SCHEDULED"}},
        "competitions": [{
            "broadcasts": [{"market": "national", "names": ["TNT", "truTV"]},
                           {"market": "home", "names": ["Local"]}],
            "competitors": [{"homeAway": "home", "team": {"abbreviation": "BOS"}},
                            {"homeAway": "away", "team": {"abbreviation": "PHI"}}],
        }],
    }]}  # fmt: skip
    (fixture,) = parse_day(data, resolve("nba"))
    assert fixture.broadcast == "TNT, truTV"


def test_a_team_is_found_by_abbreviation_full_or_short_name() -> None:
    data = {"sports": [{"leagues": [{"teams": [
        {"team": {"id": "2", "abbreviation": "BOS", "displayName": "Boston Celtics",
                  "shortDisplayName": "Celtics"}},
        {"team": {"id": "20", "abbreviation": "PHI", "displayName": "Philadelphia 76ers",
                  "shortDisplayName": "76ers"}},
        {"team": {"abbreviation": "NOID"}}, "junk",
    ]}]}]}  # fmt: skip
    teams = parse_team_list(data)
    assert [t.id for t in teams] == ["2", "20"]
    assert find(teams, "bos") == find(teams, "boston  celtics") == find(teams, "CELTICS")
    assert find(teams, "Lakers") is None
    with pytest.raises(ParseError):
        parse_team_list({"sports": []})
