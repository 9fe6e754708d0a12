"""The cleaner of a generic sport's fields, held to its plain definition: the fast version
(exact types first, scalars in the container's loop) must give exactly what it gives."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from livescore.core.sanitize import clean
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
