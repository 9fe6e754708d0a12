"""Sportrix WebSocket frames: a text frame → a data, error or other frame. Pure.

A frame that says soccer is first decoded straight into its Structs (``shapes``, the hot
path); anything else, or a soccer frame that is not well formed, is read leniently.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import msgspec

from livescore.core.errors import ParseError
from livescore.core.model import value
from livescore.core.sanitize import clean
from livescore.sportrix.shapes import SOCCER_FRAME, Soccer


@value
class DataFrame:
    op: str  # "snapshot" | "update"
    match_id: str | None
    data: Mapping[str, Any] | Soccer  # Soccer: decoded by shape, types already checked
    # every string in ``data`` is printable ASCII already (see ``plain_text``): none needs
    # cleaning, only cutting to length
    plain: bool = False


@value
class ErrorFrame:
    message: str


@value
class OtherFrame:
    op: str


Frame = DataFrame | ErrorFrame | OtherFrame


_SOCCER, _SOCCER_UTF8 = "soccer", b"soccer"


def decode_frame(text: str | bytes) -> Frame:
    """One WebSocket text frame. Raises ParseError for anything that is not a JSON object."""
    if _SOCCER in text if isinstance(text, str) else _SOCCER_UTF8 in text:  # else no use trying
        try:
            frame = SOCCER_FRAME.decode(text)
        except (msgspec.DecodeError, RecursionError):
            pass  # not a well-formed soccer frame: read it leniently
        else:
            return DataFrame(frame.op, match_id_of(frame.data.match_id), frame.data)
    obj = _json(text)
    if not isinstance(obj, dict):
        raise ParseError("a frame that is not a JSON object")
    op = obj.get("op")
    if op in ("snapshot", "update"):
        data = obj.get("data")
        if not isinstance(data, dict):
            raise ParseError(f"a {op} frame without data")
        return DataFrame(op, match_id_of(data.get("match_id")), data, plain_text(text))
    if op == "error":
        return ErrorFrame(clean(obj.get("error") or obj.get("detail"), 200) or "unknown error")
    return OtherFrame(clean(op, 40))


def plain_text(text: str | bytes) -> bool:
    """Whether every string JSON ``text`` holds is printable ASCII. A JSON string cannot hold
    a raw control character (both decoders refuse one), so ASCII text without a backslash
    (no escape to make one) and without DEL holds no control, escape or bidi character."""
    if isinstance(text, str):
        return text.isascii() and "\\" not in text and "\x7f" not in text
    return text.isascii() and b"\\" not in text and b"\x7f" not in text


def _json(text: str | bytes) -> Any:
    """Any JSON value: msgspec's decoder (4× faster), else the standard library's, which
    also reads what msgspec refuses (NaN, 1e400, lone surrogates), as frames always were."""
    try:
        return msgspec.json.decode(text)
    except (msgspec.DecodeError, RecursionError):
        pass
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise ParseError("a frame that is not JSON") from None


def match_id_of(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value >= 0:
        return str(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 20:
        return str(int(value.strip()))
    return None
