"""The documented Sportrix frame shapes (shared/reference/sportrix-api.md §3, §4.1) as
msgspec Structs, and a decoder that reads a well-formed soccer frame straight into them.

Only a type filter: a frame that does not fit (another sport, a field of another type) is
read by the lenient parser instead, which fills the same Structs from plain JSON values
without checking them. Either way the soccer builder cleans and range-checks every value,
so both ways in give the same game (a property test holds them to it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

import msgspec
from msgspec import Struct


class Clock(Struct):
    minute: int | None = None
    second: int | None = None
    period: str | None = None
    running: bool | None = None
    added: int | None = None
    as_of: str | None = None


class Pair(Struct, frozen=True):  # hashable: a frame's stats are a cache key
    home: int | None = None
    away: int | None = None


class Phase(Struct):
    label: str | None = None
    team: str | None = None


class Soccer(Struct, tag_field="sport", tag="soccer"):
    match_id: int | str | None = None
    competition: str | None = None
    home: str | None = None
    away: str | None = None
    status: str | None = None
    clock: Clock | None = None
    score: Pair | None = None
    phase: Phase | None = None
    stats: dict[str, Pair | None] | None = None
    as_of: str | None = None


class SoccerFrame(Struct):
    op: Literal["snapshot", "update"]
    data: Soccer


SOCCER_FRAME = msgspec.json.Decoder(SoccerFrame)

S = TypeVar("S", bound=Struct)


def unchecked(cls: type[S], value: object) -> S | None:
    """A Struct holding a JSON object's fields as they are (no type checks); None for a
    value that is not an object."""
    if not isinstance(value, dict):
        return None
    return cls(**{name: value.get(name) for name in cls.__struct_fields__})


def soccer_unchecked(data: Mapping[str, Any]) -> Soccer:
    """A soccer snapshot as it came, in the Structs, nested objects too."""
    top = Soccer(**{name: data.get(name) for name in Soccer.__struct_fields__})
    stats = data.get("stats")
    return msgspec.structs.replace(
        top,
        clock=unchecked(Clock, data.get("clock")),
        score=unchecked(Pair, data.get("score")),
        phase=unchecked(Phase, data.get("phase")),
        stats={k: unchecked(Pair, v) for k, v in stats.items()}
        if isinstance(stats, dict)
        else None,
    )
