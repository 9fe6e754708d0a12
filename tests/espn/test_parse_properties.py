"""Property tests of the ESPN parser: whatever JSON comes in, it raises only ParseError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livescore.core.leagues import resolve
from livescore.espn.parse import parse_event, parse_event_games, parse_scoreboard
from livescore.jsonlines import decode_event
from livescore.sportrix.frames import decode_frame
from tests.helpers import event
from tests.strategies import json_values, only_parse_errors, scalars

NBA = resolve("nba")


KEYS = [
    "events",
    "competitions",
    "competitors",
    "homeAway",
    "score",
    "team",
    "status",
    "type",
    "state",
    "id",
    "date",
    "period",
    "displayClock",
    "abbreviation",
    "displayName",
    # individual sports, sets, situations
    "groupings",
    "athlete",
    "roster",
    "order",
    "winner",
    "linescores",
    "value",
    "situation",
    "details",
    "broadcasts",
    "names",
    "uid",
]


espn_like = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=6),
    ),
    max_leaves=40,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(json_values, espn_like))
def test_espn_parser_any_json(data: object) -> None:
    only_parse_errors(parse_scoreboard, data, NBA)
    only_parse_errors(parse_scoreboard, {"events": [data]}, NBA)
    only_parse_errors(parse_event, data, NBA)


@settings(max_examples=200)
@given(
    st.sampled_from(["id", "score", "state", "period", "date", "displayClock", "homeAway"]),
    json_values,
)
def test_espn_parser_any_value_in_a_real_shape(field: str, value: object) -> None:
    raw = event()
    comp = raw["competitions"][0]
    {
        "id": raw,
        "date": raw,
        "score": comp["competitors"][0],
        "homeAway": comp["competitors"][1],
        "state": comp["status"]["type"],
        "period": comp["status"],
        "displayClock": comp["status"],
    }[field][field] = value
    only_parse_errors(parse_event, raw, NBA)


def test_deeply_nested_json_is_a_parse_error() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    only_parse_errors(decode_frame, deep)
    only_parse_errors(decode_event, deep)


SPORTS = ["atp", "ufc", "pga", "f1", "nba", "mlb", "nfl", "epl", "cricket/8048", "ncaavbw"]
side = st.fixed_dictionaries(
    {},
    optional={
        "homeAway": st.sampled_from(["home", "away", "unknown", None, 3]),
        "athlete": st.one_of(st.none(), st.fixed_dictionaries({"displayName": json_values})),
        "team": st.one_of(st.none(), st.fixed_dictionaries({"displayName": json_values})),
        "order": json_values,
        "winner": json_values,
        "score": json_values,
        "linescores": st.lists(st.one_of(json_values, st.fixed_dictionaries(
            {"value": json_values}, optional={"winner": json_values})), max_size=6),
    },
)  # fmt: skip


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SPORTS),
    st.lists(side, max_size=12),
    st.sampled_from(["competitions", "groupings"]),
    st.sampled_from(["pre", "in", "post"]),
    st.sampled_from(["s:850~l:1", "s:1100~l:2", "s:200~e:3", "x", None]),
)
def test_any_competitors_of_any_sport_give_named_games_or_a_parse_error(
    league: str, competitors: list[dict[str, object]], where: str, state: str, uid: object
) -> None:
    """Matches, fields, broken pairs: a game has a format and named sides, or the event is a
    ParseError; never anything else."""
    comp = {"id": "c1", "competitors": competitors, "status": {"type": {"state": state}}}
    raw: dict[str, object] = {"id": "e1", "uid": uid, "name": "An event"}
    raw[where] = [comp] if where == "competitions" else [{"competitions": [comp, comp]}]
    games = only_parse_errors(parse_event_games, raw, resolve(league))
    for game in games or []:
        assert game.format in ("teams", "match", "field")
        assert game.home.name and game.away.name and game.state == state
