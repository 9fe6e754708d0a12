from hypothesis import given
from hypothesis import strategies as st

from livescore.core.sanitize import clean


def test_escape_sequences_removed_whole() -> None:
    assert clean("\x1b[31mRed\x1b[0m") == "Red"
    assert clean("a\x1b]0;title\x07b") == "ab"
    assert clean("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b") == "alinkb"
    assert clean("x\x9b2Jy") == "xy"
    assert clean("\x1bPq#0;2;0;0;0\x1b\\ok") == "ok"


def test_controls_and_bidi_dropped_whitespace_folded() -> None:
    assert clean("a\x00b\x07c\x7fd") == "abcd"
    assert clean("  two\n\tlines  ") == "two lines"
    assert clean("abc\u202edef") == "abcdef"


def test_non_strings_and_limits() -> None:
    assert clean(None) == "" and clean(42) == "" and clean(["x"]) == ""
    assert clean("x" * 500) == "x" * 200
    assert clean("Zürich – São Paulo") == "Zürich – São Paulo"


@given(st.text())
def test_output_never_has_control_characters(text: str) -> None:
    out = clean(text)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in out)
    assert "\x1b" not in out
