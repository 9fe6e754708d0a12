"""ESPN competitions that are not a home team against an away team: individual matches
(tennis, MMA and boxing bouts: two sides) and fields (golf leaderboards, racing sessions:
many). Each competition is a ``Game`` of its own, with ``format`` "match" or "field".

- A match keeps two sides in ``home``/``away``: ESPN's ``homeAway`` where it gives one, else
  its ``order`` (the first is "home"). Tennis: ``score`` is sets won, ``situation.sets`` the
  games of each set; a bout: ``situation`` has the round, the time and the winner.
- A field puts its first two places in ``home``/``away`` (so a reader of v1 sees the leaders)
  and the top of the leaderboard in ``situation.field``: position, name, score (golf's to-par
  text), and the session or round.
- Every name is cleaned; anything of an unexpected type is left out, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from livescore.core.model import Team
from livescore.core.sanitize import clean

FIELD_TOP = 10


def side_name(raw: Mapping[str, Any]) -> tuple[str, str, str]:
    """(name, abbreviation, short name) of a competitor: a team, an athlete or a doubles
    pair (``roster``)."""
    for key in ("team", "athlete", "roster"):
        who = raw.get(key)
        if not isinstance(who, dict):
            continue
        name = ""
        for field in ("displayName", "fullName", "shortDisplayName", "name", "location"):
            name = clean(who.get(field), 80)
            if name:
                break
        if not name and key == "roster":
            people = who.get("athletes")
            people = people if isinstance(people, list) else []
            names = [_person(p) for p in people if isinstance(p, dict)]
            name = " / ".join(n for n in names if n)
        if not name:
            continue
        abbr = clean(who.get("abbreviation"), 12)
        short = clean(who.get("shortName") or who.get("shortDisplayName"), 40)
        return name, abbr or _abbr(short or name), short
    return "TBD", "TBD", ""


def _person(raw: Mapping[str, Any]) -> str:
    return clean(raw.get("shortName") or raw.get("displayName"), 40)


def _abbr(name: str) -> str:
    """``J. Fett`` → ``FETT``; ``Max Verstappen`` → ``VERSTA``: a surname, at most 6 letters."""
    last = name.replace(".", " ").split()[-1] if name.split() else name
    letters = "".join(ch for ch in last if ch.isalpha())
    return (letters[:6] or "TBD").upper()


def ordered(competitors: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Competitors by ESPN's ``order`` (a place in a field, a corner in a bout), else as
    listed."""

    def key(item: tuple[int, Mapping[str, Any]]) -> tuple[int, int]:
        order = item[1].get("order")
        usable = isinstance(order, int) and not isinstance(order, bool)
        return (order if usable else 10**6, item[0])  # type: ignore[return-value]

    return [c for _, c in sorted(enumerate(competitors), key=key)]


def match_sides(
    competitors: Sequence[Mapping[str, Any]],
) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    home = [c for c in competitors if c.get("homeAway") == "home"]
    away = [c for c in competitors if c.get("homeAway") == "away"]
    if len(home) == 1 and len(away) == 1:
        return home[0], away[0]
    first, second = ordered(competitors)[:2]
    return first, second


def sets(home: Mapping[str, Any], away: Mapping[str, Any]) -> list[dict[str, int]]:
    """The games (or points) of each set, side by side: tennis, volleyball."""
    out: list[dict[str, int]] = []
    left, right = _lines(home), _lines(away)
    for a, b in zip(left, right, strict=False):
        if a is None or b is None:
            break
        out.append({"home": a, "away": b})
    return out[:7]


def _lines(side: Mapping[str, Any]) -> list[int | None]:
    raw = side.get("linescores")
    if not isinstance(raw, list):
        return []
    out: list[int | None] = []
    for item in raw[:7]:
        value = item.get("value") if isinstance(item, dict) else None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1000:
            out.append(None)
        else:
            out.append(int(value))
    return out


def sets_won(
    first: Mapping[str, Any], second: Mapping[str, Any], finished: bool
) -> tuple[int, int] | None:
    """Sets each tennis side has won: from the ``winner`` flag ESPN puts on each set, or where
    it gives none, from the games of each set that is over (all but the one being played)."""
    first_won, second_won = _won_flags(first), _won_flags(second)
    if any(first_won) or any(second_won):
        return sum(first_won), sum(second_won)
    played = sets(first, second)
    if not played:
        return None
    done = played if finished else played[:-1]
    won = (
        sum(1 for s in done if s["home"] > s["away"]),
        sum(1 for s in done if s["away"] > s["home"]),
    )
    return won


def _won_flags(side: Mapping[str, Any]) -> list[bool]:
    raw = side.get("linescores")
    if not isinstance(raw, list):
        return []
    return [isinstance(item, dict) and item.get("winner") is True for item in raw]


def winner(home: Mapping[str, Any], away: Mapping[str, Any]) -> str | None:
    if home.get("winner") is True:
        return "home"
    if away.get("winner") is True:
        return "away"
    return None


def field_top(competitors: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The leaderboard's top ``FIELD_TOP``: position, name and score as ESPN gives them."""
    out: list[dict[str, Any]] = []
    for place, raw in enumerate(ordered(competitors)[:FIELD_TOP], start=1):
        name, _, short = side_name(raw)
        entry: dict[str, Any] = {"pos": place, "name": name}
        score = raw.get("score")
        if isinstance(score, str | int | float) and not isinstance(score, bool):
            text = clean(str(score), 20)
            if text:
                entry["score"] = text
        if short:
            entry["short"] = short
        out.append(entry)
    return out


def field_team(entry: Mapping[str, Any] | None) -> Team:
    if entry is None:
        return Team("TBD", "TBD", None)
    name = str(entry["name"])
    short = str(entry.get("short") or "")
    return Team(name, _abbr(short or name), None, short=short)
