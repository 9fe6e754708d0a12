"""The general bounded-JSON cleaner: any JSON value → the same value with clean strings,
bounded containers and depth, and numbers in range. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from livescore.core.sanitize import clean
from livescore.sportrix.fields import KEY_MAX, first_items

MAX_DEPTH = 6


def plain(value: object, depth: int = 0) -> Any:
    """A JSON value, cleaned: strings without control characters, containers bounded.

    Every field of every frame of a sport without a parser comes through here. The
    containers' loops (``plain_values``, ``plain_object``) take the decoders' exact scalar types
    themselves, without a call each; what reaches this function is a container, or
    something of another type."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return plain_object(value, depth + 1)
    if isinstance(value, list):
        return plain_values(value[:60], depth + 1)
    if isinstance(value, str):
        return clean(value, 200)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return value if -1e15 < value < 1e15 else None  # also None for NaN
    return None


def plain_values(values: list[Any], depth: int) -> list[Any]:
    """``plain`` of each value, at ``depth``."""
    if depth > MAX_DEPTH:
        return [None] * len(values)
    out: list[Any] = []
    add = out.append
    for v in values:
        if type(v) is int or type(v) is float:
            add(v if -1e15 < v < 1e15 else None)
        elif type(v) is str:
            add(clean(v, 200))
        elif v is None or type(v) is bool:
            add(v)
        else:
            add(plain(v, depth))
    return out


def plain_object(obj: Mapping[Any, Any], depth: int, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """``plain`` of an object whose values are at ``depth``, without the keys in ``skip``."""
    out: dict[str, Any] = {}
    for k, v in first_items(obj):
        if k in skip:
            continue
        key = _key(k) if type(k) is str and len(k) <= KEY_MAX else clean(str(k), 40)
        if depth > MAX_DEPTH:
            out[key] = None
        elif type(v) is int or type(v) is float:
            out[key] = v if -1e15 < v < 1e15 else None
        elif type(v) is str:
            out[key] = clean(v, 200)
        elif v is None or type(v) is bool:
            out[key] = v
        else:
            out[key] = plain(v, depth)
    return out


@lru_cache(maxsize=1024)
def _key(raw: object) -> str:
    """An object key, cleaned: the same keys come in every frame."""
    return clean(str(raw), 40)
