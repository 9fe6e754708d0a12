"""The cleaner of a generic sport's fields, held to its plain definition: the fast version
(exact types first, scalars in the container's loop) must give exactly what it gives."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from livescore.core.sanitize import clean
from livescore.sportrix.frames import plain_text
from livescore.sportrix.plain import MAX_DEPTH, plain, plain_object


def definition(value: Any, depth: int = 0) -> Any:
    """Strings cleaned (200), keys cleaned (40), 60 items a container, MAX_DEPTH levels,
    numbers within ±1e15 (else None, NaN too), anything else None."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, str):
        return clean(value, 200)
    if isinstance(value, dict):
        return {clean(str(k), 40): definition(v, depth + 1) for k, v in list(value.items())[:60]}
    if isinstance(value, list):
        return [definition(v, depth + 1) for v in value[:60]]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return value if value == value and abs(value) < 1e15 else None
    return None


def same(a: Any, b: Any) -> bool:
    """Equal, of the same types, in the same key order (NaN never comes out)."""
    if isinstance(a, float) and math.isnan(a):
        return False
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
    return a == b and type(a) is type(b)


scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**17), 10**17)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=250)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=65) | st.dictionaries(st.text(max_size=45), inner, max_size=65)
    ),
    max_leaves=150,
)


@settings(max_examples=400)
@given(values)
def test_plain_is_its_definition(value: Any) -> None:
    assert same(plain(value), definition(value))


@settings(max_examples=100)
@given(
    st.dictionaries(
        st.text(max_size=10) | st.sampled_from(["match_id", "sport"]), values, max_size=8
    )
)
def test_a_frames_fields_are_cleaned_the_same_way_without_match_id_and_sport(data: dict) -> None:
    expected = {
        clean(str(k), 40): definition(v)
        for k, v in list(data.items())[:60]
        if k not in ("match_id", "sport")
    }
    assert same(plain_object(data, 0, ("match_id", "sport")), expected)


def test_depth_is_bounded_as_defined() -> None:
    deep: Any = 1
    for _ in range(12):
        deep = [deep, {"a": deep, "s": "x"}]
    assert same(plain(deep), definition(deep))
    assert same(plain_object({"x": deep}, 0), {"x": definition(deep)})


# strings of every kind that matters: printable ASCII, spaces at the ends, control and
# escape characters, DEL, bidi overrides, other scripts
awkward = st.text(
    st.sampled_from([*' abcXYZ019{}[]":,', "\x00", "\x1b", "\x7f", "\u202e", "é", "\u2028"]),
    max_size=30,
) | st.text(max_size=30)
frames = st.dictionaries(
    awkward,
    st.recursive(
        st.none() | st.booleans() | st.integers(-(10**17), 10**17) | awkward,
        lambda inner: st.lists(inner, max_size=5) | st.dictionaries(awkward, inner, max_size=5),
        max_leaves=30,
    ),
    max_size=8,
)


@settings(max_examples=400)
@given(frames, st.booleans())
def test_a_frame_said_to_be_plain_ascii_is_cleaned_exactly_as_any_other(
    data: dict, escaped: bool
) -> None:
    """The fast path (strings only cut to length) is taken only when the frame's text shows
    no string can need cleaning, and then gives exactly what cleaning gives."""
    text = json.dumps({"op": "update", "data": data}, ensure_ascii=escaped)
    for raw in (text, text.encode()):
        ascii = plain_text(raw)
        if ascii:
            assert "\\" not in text and text.isascii()
        decoded = json.loads(raw)["data"]
        assert same(plain_object(decoded, 0, (), ascii), plain_object(decoded, 0))


def test_plain_text_refuses_what_could_hide_a_control_character() -> None:
    assert plain_text('{"a": "Player A1"}') and plain_text(b'{"a": "Player A1"}')
    assert not plain_text('{"a": "\\u001b[31m"}')  # an escape spelled as \u001b
    assert not plain_text('{"a": "x\x7fy"}')  # DEL needs no escape in JSON
    assert not plain_text('{"a": "\u202eevil"}')  # not ASCII
