"""The ESPN parser against data the tests write: every trap in espn-api.md §7."""

from __future__ import annotations

import json

import pytest

from livescore.core.errors import ParseError
from livescore.core.leagues import resolve
from livescore.espn.parse import parse_event, parse_scoreboard
from tests.helpers import competitor, event, status

NBA = resolve("nba")
EPL = resolve("epl")
MLB = resolve("mlb")


def test_home_and_away_by_homeaway_not_position() -> None:
    for away_first in (True, False):
        game = parse_event(event(away_first=away_first), NBA)
        assert (game.home.abbr, game.home.score) == ("BOS", 87)
        assert (game.away.abbr, game.away.score) == ("PHI", 92)


def test_string_scores_and_pre_game_zero_is_no_score() -> None:
    pre = status("pre", "STATUS_SCHEDULED", "5/2 - 7:30 PM EDT", "0:00", 0, description="Sched")
    game = parse_event(event(home=("BOS", "0"), away=("PHI", "0"), st=pre), NBA)
    assert game.state == "pre"
    assert game.home.score is None and game.away.score is None
    assert game.period is None and game.clock is None
    assert game.detail == "5/2 - 7:30 PM EDT"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("87", 87),
        (" 7 ", 7),
        (87, 87),
        (87.0, 87),
        ("", None),
        ("abc", None),
        (None, None),
        (True, None),
        ({"value": 3.0, "displayValue": "3"}, 3),
        ("-1", None),
        ("9" * 50, None),
    ],
)
def test_score_values(raw: object, expected: int | None) -> None:
    game = parse_event(event(home=("BOS", raw)), NBA)
    assert game.home.score == expected


def test_postponed_is_post_but_not_final_and_has_no_score() -> None:
    st = status("post", "STATUS_POSTPONED", "Postponed", "0'", None, description="Postponed")
    game = parse_event(event(st=st, home=("ARS", "0"), away=("CHE", "0")), EPL)
    assert game.state == "post"
    assert game.detail == "Postponed"
    assert game.period is None
    assert game.home.score is None


def test_suspended_says_so_in_detail_and_keeps_the_score() -> None:
    st = status("post", "STATUS_SUSPENDED", "Top 5th", "0:00", 5, description="Suspended")
    game = parse_event(event(st=st, home=("NYY", "3"), away=("BOS", "2")), MLB)
    assert game.state == "post"
    assert "Suspended" in game.detail and "Top 5th" in game.detail
    assert game.home.score == 3
    assert game.clock is None  # baseball has no clock


def test_soccer_stoppage_clock_and_missing_period() -> None:
    st = status("in", "STATUS_SECOND_HALF", "90'+4'", "90'+4'", 2, description="Second Half")
    game = parse_event(event(st=st), EPL)
    assert game.clock == "90'+4'" and game.period == 2
    st.pop("period")
    assert parse_event(event(st=st), EPL).period is None


def test_placeholder_and_missing_teams() -> None:
    raw = event()
    raw["competitions"][0]["competitors"][0]["team"] = {"abbreviation": "RD32"}
    raw["competitions"][0]["competitors"][1].pop("team")
    game = parse_event(raw, EPL)
    names = {game.home.name, game.away.name}
    abbrs = {game.home.abbr, game.away.abbr}
    assert "TBD" in names and "RD32" in abbrs


def test_null_odds_and_extra_fields_are_ignored() -> None:
    game = parse_event(event(odds=[None], situation=None, series={"x": 1}), NBA)
    assert game.home.score == 87


def test_competition_status_preferred_event_status_fallback() -> None:
    raw = event()
    del raw["competitions"][0]["status"]
    assert parse_event(raw, NBA).state == "in"


def test_dates_normalised_to_utc_seconds() -> None:
    assert parse_event(event(date="2026-05-02T23:30Z"), NBA).start == "2026-05-02T23:30:00Z"
    assert parse_event(event(date="2026-05-03T01:30+02:00"), NBA).start == "2026-05-02T23:30:00Z"
    assert parse_event(event(date="not a date"), NBA).start is None


def test_untrusted_strings_are_cleaned() -> None:
    raw = event()
    raw["competitions"][0]["competitors"][0]["team"]["displayName"] = "\x1b[31mRed\x1b[0m\x07 Sox"
    raw["competitions"][0]["status"]["type"]["shortDetail"] = "Q4\x1b]0;pwned\x07 8:41\n"
    game = parse_event(raw, NBA)
    assert "\x1b" not in game.away.name + game.detail
    assert game.away.name == "Red Sox"
    assert game.detail == "Q4 8:41"


def test_unreadable_events_are_skipped_not_fatal() -> None:
    bad_state = event("2", st=status(state="weird"))
    no_pair = event("3")
    no_pair["competitions"][0]["competitors"] = [competitor("home", "X")]
    data = {"events": [event("1"), bad_state, no_pair, "junk", {"id": None}]}
    board = parse_scoreboard(data, NBA)
    assert [g.id for g in board.games] == ["1"]
    assert len(board.skipped) == 4


@pytest.mark.parametrize(
    "data", [[], "x", None, 3, {}, {"events": {}}, {"events": "no"}, {"leagues": []}]
)
def test_wrong_shape_is_a_parse_error(data: object) -> None:
    with pytest.raises(ParseError):
        parse_scoreboard(data, NBA)


def test_espn_json_error_body_is_named() -> None:
    with pytest.raises(ParseError, match="Failed to get events endpoint"):
        parse_scoreboard({"code": 400, "message": "Failed to get events endpoint."}, NBA)


def test_ids_are_strings() -> None:
    raw = event()
    raw["id"] = 401810123
    assert parse_event(raw, NBA).id == "401810123"


def test_round_trip_through_json_text() -> None:
    data = json.loads(json.dumps({"events": [event()]}))
    assert parse_scoreboard(data, NBA).games[0].home.abbr == "BOS"
