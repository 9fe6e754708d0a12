"""Property tests of the ESPN parser: whatever JSON comes in, it raises only ParseError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livescore.espn.parse import parse_event, parse_scoreboard
from livescore.jsonlines import decode_event
from livescore.leagues import resolve
from livescore.sportrix.parse import decode_frame
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
