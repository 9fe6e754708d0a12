"""What decides a game beyond its score, from an ESPN competition: the winner, a shootout, a
two-legged tie's aggregate, a playoff series, and each team's record. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from livescore.core.model import Side, Team
from livescore.core.sanitize import clean


def record(raw: Mapping[str, Any]) -> str:
    """The season record (``records[]``' overall summary, "10-5"); "" when ESPN gives none.
    An NBA playoff game's ``record`` (singular) is the series score, not this."""
    records = raw.get("records")
    if not isinstance(records, list):
        return ""
    entries = [r for r in records[:10] if isinstance(r, dict)]
    overall = next(
        (r for r in entries if r.get("type") == "total" or r.get("name") == "overall"),
        entries[0] if entries else None,
    )
    return clean(overall.get("summary"), 20) if overall is not None else ""


def goals(value: object) -> int | None:
    """A shootout's or aggregate's goals (a whole number, from a number or a string)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 1000 else None
    if isinstance(value, float) and value.is_integer() and 0 <= value < 1000:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 3:
        return int(value.strip())
    return None


def winner(
    home_raw: Mapping[str, Any],
    away_raw: Mapping[str, Any],
    home: Team,
    away: Team,
    completed: bool,
    by_score: bool = True,
) -> Side | None:
    """Who won a completed game: ESPN's ``winner`` flag; without one, the higher score, then
    the shootout (``by_score`` False: the numbers do not decide it, as in cricket). None for
    a draw and for any game not completed (ESPN sets the flag early now and then)."""
    if not completed:
        return None
    flags = _flag(home_raw.get("winner")), _flag(away_raw.get("winner"))
    if flags == (True, False):
        return "home"
    if flags == (False, True):
        return "away"
    if not by_score or home.score is None or away.score is None:
        return None
    if home.score != away.score:
        return "home" if home.score > away.score else "away"
    pens = home.shootout, away.shootout
    if pens[0] is None or pens[1] is None or pens[0] == pens[1]:
        return None
    return "home" if pens[0] > pens[1] else "away"


def _flag(value: object) -> bool:
    """ESPN's booleans; cricket's come as strings ("true")."""
    return value is True or value == "true"


def series(comp: Mapping[str, Any]) -> str:
    """A playoff series' or two-legged tie's summary ("DEN wins series 4-3"); "" if none."""
    found = comp.get("series")
    if not isinstance(found, dict):
        return ""
    return clean(found.get("summary"), 60)
