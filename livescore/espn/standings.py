"""ESPN standings JSON (``/apis/v2/sports/{sport}/{league}/standings``) → groups of ranked
team entries. Pure: no I/O.

The traps (reference/espn-detail.md §4): the groups are ``children`` (conferences, soccer
groups), which may hold ``children`` of their own (divisions); ``entries`` are not in rank
order (sorted here by ``playoffSeed``, else ``rank``, else the note's rank, else win
percentage or points); stats are looked up by ``name`` (their set and order vary by league
and season), and record stats (``"vs. Div."``) have a ``summary`` and no numeric value.
Every string is cleaned; a stat or entry of an unexpected type is left out, never an error.

Speed (bench/standings_parse.py): the stats, two thirds of a standings document, are
decoded straight into ``Stat`` values in C; when the body has no byte that could start a
control character, an escape sequence or a bidi override (``_UNSAFE``) they are not
cleaned one by one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

import msgspec

from livescore.core.errors import ParseError
from livescore.core.sanitize import clean
from livescore.espn.teams import TeamRef, team_ref

MAX_GROUPS = 200
MAX_ENTRIES = 400  # per group
MAX_STATS = 80  # per entry
MAX_DEPTH = 4  # children of children...
NAME_LIMIT, DISPLAY_LIMIT = 40, 20
# Bytes without which no JSON string can hold a control character, an escape sequence or a
# bidirectional override: a JSON escape, DEL, the UTF-8 lead bytes of C1 controls (U+0080-9F)
# and of U+2000-2FFF (separators, bidi marks). A body with none needs no cleaning of stats.
# (Single bytes: ``in`` is a memchr for them, 100 times faster than for two bytes.)
_UNSAFE = (b"\\", b"\x7f", b"\xc2", b"\xe2")


class Stat(msgspec.Struct, frozen=True, kw_only=True):
    """One stat of an entry, as ESPN gives it."""

    name: str = ""
    value: float | None = None  # the number, where ESPN gives one
    shown: str = msgspec.field(default="", name="displayValue")
    summary: str = ""  # record stats: "64-18"

    @property
    def display(self) -> str:
        """As ESPN shows it: ".780", "L1", "64-18", "+9.5"."""
        return self.shown or self.summary


class _TeamShape(TypedDict, total=False):
    id: Any
    abbreviation: Any
    displayName: Any
    shortDisplayName: Any
    name: Any


class _EntryShape(TypedDict, total=False):
    team: _TeamShape
    stats: list[Stat]
    note: Any


class _TableShape(TypedDict, total=False):
    seasonDisplayName: Any
    entries: list[_EntryShape]


class _NodeShape(TypedDict, total=False):
    name: Any
    abbreviation: Any
    standings: _TableShape
    children: list[_NodeShape]
    message: Any
    detail: Any


_DECODER = msgspec.json.Decoder(_NodeShape)


def read_standings(body: bytes) -> Standings:
    """A standings body → its standings. Raises ValueError when it is not JSON, ParseError
    when it holds no standings."""
    try:
        data: object = _DECODER.decode(body)
    except msgspec.DecodeError:  # not the usual shape (or not JSON): read it all
        try:
            data = json.loads(body)
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None
        return parse_standings(data)
    return parse_standings(data, not any(mark in body for mark in _UNSAFE))


@dataclass(frozen=True, slots=True)
class Entry:
    rank: int | None  # the seed or rank ESPN gives; None: ESPN gave none
    team: TeamRef
    stats: Mapping[str, Stat]  # by ESPN's name: wins, winPercent, "vs. Div."
    clinch: str  # ESPN's clincher code: "z", "x", "e", "*"; "" for none
    note: str  # soccer: "Advance to Round of 32"

    def display(self, name: str) -> str:
        stat = self.stats.get(name)
        return stat.display if stat is not None else ""


@dataclass(frozen=True, slots=True)
class Group:
    name: str  # "Eastern Conference", "AFC East", "Group A"
    short: str  # "East", "AFC"
    entries: tuple[Entry, ...]  # in rank order


@dataclass(frozen=True, slots=True)
class Standings:
    name: str  # "National Basketball Association"
    season: str  # "2024-25"
    groups: tuple[Group, ...]

    def entries(self) -> Iterator[tuple[Group, Entry]]:
        for group in self.groups:
            for entry in group.entries:
                yield group, entry


def parse_standings(data: object, plain: bool = False) -> Standings:
    """Read one standings answer. Raises ParseError for a document with no standings (the
    ``/apis/site/v2`` stub, a league ESPN keeps none for). ``plain``: the document's
    strings are known to be printable ASCII (``read_standings``)."""
    if not isinstance(data, dict):
        raise ParseError("the standings are not a JSON object")
    groups: list[Group] = []
    seasons: list[str] = []
    for node, name in _leaves(data, clean(data.get("name"), 80), 0):
        if len(groups) >= MAX_GROUPS:
            break
        standings = node.get("standings")
        assert isinstance(standings, dict)  # _leaves yields only nodes with standings
        raw: list[Any] = standings.get("entries") or []
        entries = [e for e in (_entry(r, plain) for r in raw[:MAX_ENTRIES]) if e is not None]
        if not entries:
            continue
        season = clean(standings.get("seasonDisplayName"), 40)
        if season:
            seasons.append(season)
        short = clean(node.get("abbreviation"), 40) or name
        groups.append(Group(name, short, tuple(_ranked(entries))))
    if not groups:
        message = clean(data.get("message") or data.get("detail"), 120)
        if message:
            raise ParseError(f"ESPN answered with an error: {message}")
        raise ParseError("the answer has no standings")
    return Standings(clean(data.get("name"), 80), seasons[0] if seasons else "", tuple(groups))


def _leaves(
    node: Mapping[str, Any], name: str, depth: int
) -> Iterator[tuple[Mapping[str, Any], str]]:
    """The nodes that hold ``standings.entries`` (a conference, a division, a group), each
    with its own name ("AFC East", "Atlantic Division", "Group A")."""
    standings = node.get("standings")
    if isinstance(standings, dict) and isinstance(standings.get("entries"), list):
        yield node, name
    children = node.get("children")
    if depth >= MAX_DEPTH or not isinstance(children, list):
        return
    for child in children[:MAX_GROUPS]:
        if isinstance(child, dict):
            own = clean(child.get("name"), 80) or clean(child.get("abbreviation"), 40)
            yield from _leaves(child, own or name, depth + 1)


def _entry(raw: object, plain: bool) -> Entry | None:
    if not isinstance(raw, dict):
        return None
    team = raw.get("team")
    ref = team_ref(team) if isinstance(team, dict) else None
    if ref is None:
        return None
    stats: dict[str, Stat] = {}
    listed = raw.get("stats")
    for item in listed[:MAX_STATS] if isinstance(listed, list) else []:
        if not (
            plain
            and type(item) is Stat
            and len(item.name) <= NAME_LIMIT
            and len(item.shown) <= DISPLAY_LIMIT
            and len(item.summary) <= DISPLAY_LIMIT
            and (item.value is None or abs(item.value) < 1e300)  # not inf, not nan
        ):
            item = _stat(item) if isinstance(item, dict) else _cleaned(item)
        if item is not None and item.name and (item.value is not None or item.display):
            stats.setdefault(item.name, item)
    note = raw.get("note")
    note_text = clean(note.get("description"), 80) if isinstance(note, dict) else ""
    clinch = stats.pop("clincher", None)
    code = clinch.display if clinch is not None and len(clinch.display) <= 3 else ""
    return Entry(_rank(stats, note), ref, stats, code, note_text)


def _stat(item: Mapping[str, Any]) -> Stat | None:
    """A stat of a document not decoded into ``Stat`` values (an unusual shape)."""
    value = item.get("value")
    number = None
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        number = float(value)
    return Stat(
        name=clean(item.get("name"), NAME_LIMIT),
        value=number,
        shown=clean(item.get("displayValue"), DISPLAY_LIMIT),
        summary=clean(item.get("summary"), DISPLAY_LIMIT),
    )


def _cleaned(stat: object) -> Stat | None:
    if not isinstance(stat, Stat):
        return None
    value = stat.value if stat.value is None or math.isfinite(stat.value) else None
    return Stat(
        name=clean(stat.name, NAME_LIMIT),
        value=value,
        shown=clean(stat.shown, DISPLAY_LIMIT),
        summary=clean(stat.summary, DISPLAY_LIMIT),
    )


def _rank(stats: Mapping[str, Stat], note: object) -> int | None:
    for name in ("playoffSeed", "rank"):
        stat = stats.get(name)
        if stat is not None and stat.value is not None and 0 < stat.value < 10_000:
            return int(stat.value)
    if isinstance(note, dict):
        value = note.get("rank")
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10_000:
            return value
    return None


def _ranked(entries: list[Entry]) -> list[Entry]:
    """ESPN's rank or seed first; entries without one after, by win percentage or points
    (then wins), as a table reads."""

    def number(entry: Entry, name: str) -> float:
        stat = entry.stats.get(name)
        return stat.value if stat is not None and stat.value is not None else -1.0

    return sorted(
        entries,
        key=lambda e: (
            e.rank is None,
            e.rank or 0,
            -number(e, "points") if "points" in e.stats and "winPercent" not in e.stats else 0,
            -number(e, "winPercent"),
            -number(e, "wins"),
            e.team.name,
        ),
    )
