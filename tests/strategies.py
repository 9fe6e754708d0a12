"""Hypothesis strategies the property tests share: any JSON value, and a check that a
parser raises nothing but the project's ParseError."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from livescore.core.errors import ParseError

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20)
)


json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=30,
)


def only_parse_errors(fn: Callable[..., Any], *args: Any) -> Any:
    """What ``fn`` returns, or None when it raised ParseError (anything else fails)."""
    with contextlib.suppress(ParseError):
        return fn(*args)
    return None
