"""Field readers every Sportrix sport parser shares: states, team names, bounded numbers,
and the order of ``Game``'s fields the builders pass positionally. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from livescore.core.model import Side, State, Team
from livescore.core.sanitize import clean

_PRE = {"not_started", "scheduled", "pre", "upcoming", "not started", "ns"}
_POST = {"ft", "finished", "ended", "complete", "completed", "result", "aet", "pen", "closed"}

# Game's fields in order, as the builders above pass them (a keyword call costs 0.4 µs more);
# a test holds this to the dataclass.
GAME_FIELDS = (
    "source",
    "league",
    "sport",
    "id",
    "state",
    "detail",
    "home",
    "away",
    "period",
    "clock",
    "start",
    "phase",
    "extra",
    "situation",
    "format",
    "clock_running",
    "clock_seconds",
    "clock_at",
    "winner",
)


# The caches below keep strings from the network as keys: none longer than this, so that a
# hostile frame of long distinct strings cannot fill memory through them (1024-4096 keys each).
KEY_MAX = 100


def cache_text(value: object) -> str | None:
    """A string as sent, else None: the key of the caches below (any JSON value may come). A
    string over KEY_MAX characters is cleaned to that length first (cleaning it again to a
    shorter limit keeps it clean)."""
    if type(value) is str:
        return value if len(value) <= KEY_MAX else clean(value, KEY_MAX)
    return None


# breaks in play (the match is on, the clock or the overs are not moving), as said to people
BREAKS = {
    "close_of_play": "Stumps",
    "innings_break": "Innings break",
    "lunch": "Lunch",
    "tea": "Tea",
    "drinks": "Drinks",
}


def state_of(status: str, default: State = "in") -> State:
    key = status.lower()
    if key in _PRE:
        return "pre"
    if key in _POST:
        return "post"
    if key in ("live", "ht", "in", "inplay", "in_play", "started") or key in BREAKS:
        return "in"
    return default


@lru_cache(maxsize=1024)
def league_name(competition: str | None) -> str:
    return clean(competition, 80) or "sportrix"


def first_items(obj: Mapping[Any, Any], limit: int = 60) -> Any:
    """An object's first ``limit`` items."""
    return obj.items() if len(obj) <= limit else list(obj.items())[:limit]


def team_of(value: object, score: int | None) -> Team:
    name, abbr = (
        _names(cache_text(value) or "") if isinstance(value, str) else _names(name_of(value))
    )
    return Team(name, abbr, score)


@lru_cache(maxsize=4096)
def _names(raw: str) -> tuple[str, str]:
    """(clean name, abbreviation) of a team name as sent: the same few names come every frame."""
    name = clean(raw, 80) or "TBD"
    letters = "".join(ch for ch in name if ch.isalnum())
    return name, (letters[:3] or "TBD").upper()


def winner_by_score(state: State, home: int | None, away: int | None) -> Side | None:
    """A finished game's winner by its score (None: a draw, unknown, or not finished)."""
    if state != "post" or home is None or away is None or home == away:
        return None
    return "home" if home > away else "away"


def name_of(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("name")
    return clean(value, 80)


def score_of(data: Mapping[str, Any], side: str) -> int | None:
    return bounded_int(object_or_empty(data.get("score")).get(side))


def object_or_empty(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def bounded_int(value: object) -> int | None:
    if type(value) is int:  # the usual case first (not bool: its type is bool)
        return value if 0 <= value < 10**6 else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 10**6 else None
    if isinstance(value, float) and value.is_integer() and 0 <= value < 10**6:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 6:
        return int(value.strip())
    return None


def number_text(value: object) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return f"{value:g}" if value == value and abs(value) < 10**6 else ""
    return ""
