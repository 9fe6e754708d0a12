"""Small readers of untrusted JSON values the summary parsers share: a list or nothing, an
object or nothing, a bounded integer, a number, a side from a team id. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from livescore.core.model import Side

Sides = Mapping[str, Side]  # ESPN team id → the side it plays on in this game


def items(value: object, limit: int) -> list[Mapping[str, Any]]:
    """The objects of a list (at most ``limit``); [] for anything else."""
    if not isinstance(value, list):
        return []
    return [x for x in value[:limit] if isinstance(x, dict)]


def obj(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def whole(value: object, low: int = 0, high: int = 10**6) -> int | None:
    """An integer in [low, high] (also from "87" or 87.0); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 12:
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and low <= value <= high:
        return value
    return None


def number(value: object) -> float | None:
    """A finite number (also from "56.3"); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and len(value) < 20:
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, (int, float)) and abs(value) < 1e9 and value == value:
        return float(value)
    return None


def chance(value: object) -> float | None:
    """A probability in [0, 1], rounded to 3 places (ESPN's floats carry noise)."""
    found = number(value)
    return round(found, 3) if found is not None and 0.0 <= found <= 1.0 else None


def side_of(team: object, sides: Sides) -> Side | None:
    """The side of ``{"id": "12", ...}`` (or a bare id) in this game."""
    found = team.get("id") if isinstance(team, dict) else team
    return sides.get(str(found)) if isinstance(found, (str, int)) else None
