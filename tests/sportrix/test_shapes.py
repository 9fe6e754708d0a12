"""The typed fast path for soccer frames gives the same game as the lenient parser, for
every frame it accepts; whatever it refuses still reaches the lenient parser."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import event, given, settings
from hypothesis import strategies as st

from livescore.sportrix.frames import DataFrame, decode_frame
from livescore.sportrix.parse import parse_snapshot
from livescore.sportrix.shapes import SOCCER_FRAME, Soccer
from tests.strategies import json_values

NOW = datetime(2026, 6, 18, tzinfo=UTC)


# mostly values of the documented type; now and then a near-miss type, or anything at all
def mostly(good: st.SearchStrategy, *bad: st.SearchStrategy) -> st.SearchStrategy:
    anything_else = st.one_of(*bad)
    return st.integers(0, 9).flatmap(lambda n: good if n else anything_else)


odd = st.one_of(st.floats(-1, 200), st.text("0123456789 ", max_size=4), json_values)
ints = mostly(st.integers(-5, 2_000_000), odd)
texts = mostly(st.one_of(st.text(max_size=12), st.sampled_from(["1H", "HT", "FT", "ft"])), odd)
pair = mostly(st.fixed_dictionaries({}, optional={"home": ints, "away": ints}), st.none(), odd)
clock = mostly(
    st.fixed_dictionaries(
        {},
        optional={
            "minute": ints,
            "second": ints,
            "period": texts,
            "running": mostly(st.booleans(), odd),
            "added": ints,
            "as_of": st.sampled_from(["2026-06-18T20:00:00Z", "2026-06-18T20:00:00+00:00", ""]),
        },
    ),
    odd,
)
soccer = st.fixed_dictionaries(
    {
        "sport": mostly(st.just("soccer"), st.sampled_from(["Soccer", "soccer "])),
        "match_id": mostly(st.integers(0, 10**6), st.text("0123456789", max_size=5), odd),
    },
    optional={
        "competition": texts,
        "home": mostly(texts, st.fixed_dictionaries({"name": texts})),
        "away": texts,
        "status": mostly(st.sampled_from(["live", "ht", "ft", "not_started", "LIVE"]), odd),
        "clock": clock,
        "score": pair,
        "phase": mostly(st.fixed_dictionaries({}, optional={"label": texts, "team": texts}), odd),
        "stats": mostly(
            st.dictionaries(st.text(max_size=8), pair, max_size=4),
            st.dictionaries(st.text(max_size=3), pair, min_size=38, max_size=45),
            odd,
        ),
        "as_of": st.sampled_from(["2026-06-18T20:00:01Z", "junk"]),
        "extra_field": mostly(st.integers() | st.text(max_size=5), json_values),
    },
)


@settings(max_examples=400)
@given(st.sampled_from(["snapshot", "update"]), soccer)
def test_typed_and_lenient_soccer_frames_give_the_same_game(op: str, data: dict) -> None:
    text = json.dumps({"op": op, "data": data})
    frame = decode_frame(text)
    lenient = json.loads(text)["data"]
    if not isinstance(frame, DataFrame) or frame.match_id is None:
        return
    typed = isinstance(frame.data, Soccer)
    event("typed" if typed else "lenient")
    try:
        SOCCER_FRAME.decode(text)
        accepted = True
    except Exception:
        accepted = False
    assert typed == accepted
    assert parse_snapshot(frame.data, frame.match_id, NOW) == parse_snapshot(
        lenient, frame.match_id, NOW
    )


def test_a_documented_soccer_frame_takes_the_typed_path() -> None:
    text = json.dumps(
        {
            "op": "update",
            "data": {
                "v": 1,
                "match_id": 42,
                "sport": "soccer",
                "competition": "Premier League",
                "home": "Arsenal",
                "away": "Chelsea",
                "status": "live",
                "clock": {"minute": 12, "second": 5, "period": "1H", "running": True},
                "score": {"home": 1, "away": 0},
                "phase": {"vc": "1", "code": "1", "team": "home", "label": "Attack"},
                "stats": {"corners": {"home": 2, "away": 1}},
            },
        }
    )
    frame = decode_frame(text)
    assert isinstance(frame, DataFrame) and isinstance(frame.data, Soccer)
    game = parse_snapshot(frame.data, "42", NOW)
    assert (game.home.name, game.home.score, game.away.score) == ("Arsenal", 1, 0)
    assert game.clock == "12:05" and game.detail == "1st half"
    assert game.extra == {
        "status": "live",
        "phase": {"label": "Attack", "team": "home"},
        "stats": {"corners": {"home": 2, "away": 1}},
    }


def test_the_builders_pass_games_fields_in_the_dataclass_order() -> None:
    """The frame builders call Game positionally (once per frame, a keyword call costs more)."""
    from dataclasses import fields

    from livescore.core.model import Game
    from livescore.sportrix.fields import GAME_FIELDS

    assert tuple(f.name for f in fields(Game)) == GAME_FIELDS


def test_frames_of_other_sports_skip_the_soccer_shape_and_keep_their_own() -> None:
    cricket = {
        "match_id": 7,
        "sport": "cricket",
        "competition": "Not soccer: County Championship",
        "home": "Kent",
        "away": "Essex",
        "status": "live",
        "batting": "Kent",
        "score": {"runs": 120, "wickets": 3, "overs": "30.2"},
    }
    tennis = {"match_id": 8, "sport": "tennis", "home": "A", "away": "B", "sets": [[6, 4]]}
    for data, sport in ((cricket, "cricket"), (tennis, "tennis")):
        text = json.dumps({"op": "update", "data": data})
        for raw in (text, text.encode()):
            frame = decode_frame(raw)
            assert isinstance(frame, DataFrame) and isinstance(frame.data, dict)
            game = parse_snapshot(frame.data, frame.match_id or "", NOW)
            assert game.sport == sport
    frame = decode_frame(json.dumps({"op": "update", "data": cricket}))
    assert isinstance(frame, DataFrame)
    game = parse_snapshot(frame.data, "7", NOW)
    assert (game.home.score, game.detail) == (120, "30.2 ov")
