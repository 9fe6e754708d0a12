"""JSON lines v1 through the contract's types: the fast typed decode reads every line the
same as the lenient field-by-field reading, and what we encode decodes back to the event."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import event, given, settings
from hypothesis import strategies as st

from livescore.core.errors import ParseError
from livescore.core.model import Event, Game, Team
from livescore.jsonlines import decode, event_json
from livescore.jsonlines.decode import _lenient
from tests.strategies import json_values

odd = st.one_of(st.none(), st.booleans(), st.floats(), st.text(max_size=4), json_values)


def mostly(good: st.SearchStrategy, *bad: st.SearchStrategy) -> st.SearchStrategy:
    anything_else = st.one_of(*bad) if bad else odd
    return st.integers(0, 14).flatmap(lambda n: good if n else anything_else)


text = st.text(max_size=12)
team = mostly(
    st.fixed_dictionaries(
        {"name": mostly(text), "abbr": mostly(text), "score": mostly(st.none() | st.integers())}
    )
)
line = st.fixed_dictionaries(
    {
        "v": mostly(st.just(1), st.just(True), st.just(1.0), odd),
        "seq": mostly(st.integers(0, 2**40), st.integers(-5, -1), odd),
        "ts": mostly(st.sampled_from(["2026-05-02T23:58:41.120Z", "2026-05-02T23:58:41Z"])),
        "event": mostly(st.sampled_from(["snapshot", "score", "status", "clock"]), odd),
        "changed": mostly(st.lists(text, max_size=3)),
        "source": mostly(st.sampled_from(["espn", "sportrix", " sportrix", "bridge"])),
        "league": mostly(text),
        "sport": mostly(text),
        "id": mostly(st.text("0123456789", max_size=6), st.integers()),
        "state": mostly(st.sampled_from(["pre", "in", "post"]), odd),
        "detail": mostly(text),
        "period": mostly(st.none() | st.integers(-3, 9)),
        "clock": mostly(st.none() | text),
        "start": mostly(st.none() | st.just("2026-05-02T23:30:00Z")),
        "home": team,
        "away": team,
    },
    optional={
        "sportrix": mostly(st.dictionaries(text, json_values, max_size=4)),
        "resync": mostly(st.booleans()),
        "epoch": mostly(st.none() | st.text("0123456789abcdef", max_size=8)),
        "espn": json_values,
    },
)


def _read(fn: object, text: str) -> object:
    try:
        decoded, epoch = fn(text)  # type: ignore[operator]
    except ParseError as exc:
        return f"ParseError: {exc}"
    if isinstance(decoded, Event):  # the time of a line without one is "now": leave it out
        decoded = Event(decoded.seq, None, decoded.kind, decoded.changed, decoded.game)  # type: ignore[arg-type]
    return decoded, epoch


@settings(max_examples=400)
@given(line)
def test_typed_and_lenient_decoding_read_every_line_the_same(obj: dict) -> None:
    text = json.dumps(obj)
    fast, slow = _read(decode, text), _read(_lenient, text)
    event("ParseError" if isinstance(slow, str) else "read")
    assert fast == slow


NOW = datetime(2026, 5, 2, 23, 58, 41, 120000, tzinfo=UTC)


def test_an_encoded_event_decodes_back_to_itself_with_sportrix_extra_and_utf8() -> None:
    game = Game(
        "sportrix", "Süper Lig", "soccer", "42", "in", "1st half", Team("Göztepe", "GÖZ", 1),
        Team("Beşiktaş", "BEŞ", 0), 1, "12:00", None, "live",
        {"status": "live", "phase": {"label": "Attack", "team": "home"}, "stats": {}},
    )  # fmt: skip
    original = Event(7, NOW, "score", ("score",), game, True)
    text = event_json(original, "0a1b2c3d")
    assert "Göztepe" in text and "\\u" not in text  # UTF-8, not escaped
    decoded, epoch = decode(text)
    assert epoch == "0a1b2c3d"
    assert decoded == Event(7, NOW, "score", ("score",), Game(
        "sportrix", "Süper Lig", "soccer", "42", "in", "1st half", Team("Göztepe", "GÖZ", 1),
        Team("Beşiktaş", "BEŞ", 0), 1, "12:00", None, "", game.extra,
    ), True)  # fmt: skip
    keys = list(json.loads(text))
    assert keys[:16] == [
        "v", "seq", "ts", "event", "changed", "source", "league", "sport", "id", "state",
        "detail", "period", "clock", "start", "home", "away",
    ]  # fmt: skip
    assert keys[16:] == ["sportrix", "resync", "epoch"]
