"""The general bounded-JSON cleaner: any JSON value → the same value with clean strings,
bounded containers and depth, and numbers in range. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from livescore.core.sanitize import clean
from livescore.sportrix.fields import KEY_MAX, first_items

MAX_DEPTH = 6


def plain(value: object, depth: int = 0, ascii: bool = False) -> Any:
    """A JSON value, cleaned: strings without control characters, containers bounded.

    Every field of every frame of a sport without a parser comes through here. The
    containers' loops (``plain_values``, ``plain_object``) take the decoders' exact scalar types
    themselves, without a call each; what reaches this function is a container, or
    something of another type. ``ascii``: every string is known to be printable ASCII (the
    frame's text was, ``frames.plain_text``), so strings are only cut to length, as
    ``clean`` would leave them."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return plain_object(value, depth + 1, (), ascii)
    if isinstance(value, list):
        return plain_values(value[:60], depth + 1, ascii)
    if isinstance(value, str):
        return value[:200].strip() if ascii else clean(value, 200)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return value if -1e15 < value < 1e15 else None  # also None for NaN
    return None


def plain_values(values: list[Any], depth: int, ascii: bool = False) -> list[Any]:
    """``plain`` of each value, at ``depth``."""
    if depth > MAX_DEPTH:
        return [None] * len(values)
    out: list[Any] = []
    add = out.append
    for v in values:
        t = type(v)
        if t is str:
            add(v[:200].strip() if ascii else clean(v, 200))
        elif t is int or t is float:
            add(v if -1e15 < v < 1e15 else None)
        elif v is None or t is bool:
            add(v)
        elif t is dict:
            add(plain_object(v, depth + 1, (), ascii))
        elif t is list:
            add(plain_values(v[:60], depth + 1, ascii))
        else:
            add(plain(v, depth, ascii))
    return out


def plain_object(
    obj: Mapping[Any, Any], depth: int, skip: tuple[str, ...] = (), ascii: bool = False
) -> dict[str, Any]:
    """``plain`` of an object whose values are at ``depth``, without the keys in ``skip``."""
    out: dict[str, Any] = {}
    if depth > MAX_DEPTH:
        return {_key(k): None for k, _ in first_items(obj) if k not in skip}
    keys = _KEYS
    for k, v in first_items(obj):
        if k in skip:
            continue
        key = keys.get(k)
        if key is None:
            key = _key(k)
        t = type(v)
        if t is str:
            out[key] = v[:200].strip() if ascii else clean(v, 200)
        elif t is int or t is float:
            out[key] = v if -1e15 < v < 1e15 else None
        elif v is None or t is bool:
            out[key] = v
        elif t is dict:
            out[key] = plain_object(v, depth + 1, (), ascii)
        elif t is list:
            out[key] = plain_values(v[:60], depth + 1, ascii)
        else:
            out[key] = plain(v, depth, ascii)
    return out


_KEYS: dict[object, str] = {}  # keys cleaned: the same keys come in every frame
KEYS_KEPT = 1024


def _key(raw: object) -> str:
    """An object key, cleaned; kept when it is a short string (up to KEYS_KEPT of them: a
    hostile stream of new keys fills it once, then costs a clean each, as before)."""
    key = clean(str(raw), 40)
    if type(raw) is str and len(raw) <= KEY_MAX and len(_KEYS) < KEYS_KEPT:
        _KEYS[raw] = key
    return key
