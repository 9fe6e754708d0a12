"""ESPN scoreboard JSON → ``Game`` values. Pure: no I/O, no clocks.

Follows the trap checklist in shared/reference/espn-api.md §7: home/away by ``homeAway``,
string scores, ``state`` as the branch, postponed/suspended are ``post`` but not finals,
``period`` may be missing, soccer clocks like ``90'+4'``, placeholder teams, ``null`` odds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from livescore.errors import ParseError
from livescore.espn.situation import read_situation
from livescore.leagues import League
from livescore.model import STATES, Game, State, Team
from livescore.sanitize import clean

# Statuses that end in "post" without a result: the score means nothing (never played).
_NOT_PLAYED = {"STATUS_POSTPONED", "STATUS_CANCELED", "STATUS_CANCELLED", "STATUS_FORFEIT"}


@dataclass(frozen=True, slots=True)
class Scoreboard:
    games: tuple[Game, ...]
    skipped: tuple[str, ...]  # one reason per event that could not be read


def parse_scoreboard(data: object, league: League) -> Scoreboard:
    """Read one scoreboard response. Raises ParseError, and only that, for a wrong shape.

    An event that cannot be read is skipped and named in ``skipped``; the others still count.
    """
    if not isinstance(data, dict):
        raise ParseError(f"expected a JSON object, got {_kind(data)}")
    events = data.get("events")
    if not isinstance(events, list):
        message = clean(data.get("message") or data.get("detail"), 120)
        if message:
            raise ParseError(f"ESPN answered with an error: {message}")
        raise ParseError("the response has no 'events' list")
    games: list[Game] = []
    skipped: list[str] = []
    for index, event in enumerate(events):
        try:
            games.append(parse_event(event, league))
        except ParseError as exc:
            skipped.append(f"event {index}: {exc}")
    return Scoreboard(tuple(games), tuple(skipped))


def parse_event(event: object, league: League) -> Game:
    """Read one ``events[]`` entry. Raises ParseError if it is not a readable game."""
    try:
        return _parse_event(event, league)
    except ParseError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError) as exc:
        raise ParseError(f"unreadable event ({type(exc).__name__})") from None


def _parse_event(event: object, league: League) -> Game:
    ev = _obj(event, "event")
    event_id = ev.get("id")
    if isinstance(event_id, bool) or not isinstance(event_id, (str, int)):
        raise ParseError("event has no id")
    game_id = clean(str(event_id), 40)
    if not game_id:
        raise ParseError("event has no id")
    comps = ev.get("competitions")
    if not isinstance(comps, list) or not comps:
        raise ParseError(f"event {game_id} has no competitions")
    comp = _obj(comps[0], "competition")

    home_raw = away_raw = None
    competitors = comp.get("competitors")
    if not isinstance(competitors, list):
        raise ParseError(f"event {game_id} has no competitors")
    for competitor in competitors:
        if isinstance(competitor, dict):
            side = competitor.get("homeAway")
            if side == "home" and home_raw is None:
                home_raw = competitor
            elif side == "away" and away_raw is None:
                away_raw = competitor
    if home_raw is None or away_raw is None:
        raise ParseError(f"event {game_id} has no home/away pair (not a team sport?)")

    status = comp.get("status")
    if not isinstance(status, dict):
        status = ev.get("status")
    status = _obj(status, "status")
    stype = status.get("type")
    stype = stype if isinstance(stype, dict) else {}
    state = stype.get("state")
    if state not in STATES:
        raise ParseError(f"event {game_id} has no state (pre/in/post)")
    game_state: State = state
    name = clean(stype.get("name"), 40)
    completed = stype.get("completed") is True
    detail = _detail(stype, game_state, completed)

    no_score = game_state == "pre" or name in _NOT_PLAYED
    clock = None
    if game_state == "in" and league.sport != "baseball":
        clock = clean(status.get("displayClock"), 20) or None

    return Game(
        source="espn",
        league=league.alias,
        sport=league.sport,
        id=game_id,
        state=game_state,
        detail=detail,
        home=_team(home_raw, no_score),
        away=_team(away_raw, no_score),
        period=None if game_state == "pre" else _int(status.get("period")),
        clock=clock,
        start=_iso(ev.get("date") or comp.get("startDate") or comp.get("date")),
        phase=name,
        situation=read_situation(comp, league.sport, game_state, _id(home_raw), _id(away_raw)),
    )


def _id(competitor: Mapping[str, Any]) -> str:
    value = competitor.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return str(value)


def _detail(stype: Mapping[str, Any], state: State, completed: bool) -> str:
    detail = clean(stype.get("shortDetail"), 80) or clean(stype.get("detail"), 80)
    description = clean(stype.get("description"), 60)
    if state == "post" and not completed:
        # Postponed, suspended, canceled: "post" but not a final. Say so.
        if description and description.lower() not in detail.lower():
            detail = f"{description} ({detail})" if detail else description
        elif not detail:
            detail = "Not completed"
    return (
        detail or description or {"pre": "Scheduled", "in": "In progress", "post": "Final"}[state]
    )


def _team(raw: Mapping[str, Any], no_score: bool) -> Team:
    team = raw.get("team")
    team = team if isinstance(team, dict) else {}
    name = ""
    for field in ("displayName", "shortDisplayName", "name", "location"):
        name = clean(team.get(field), 80)
        if name:
            break
    abbr = clean(team.get("abbreviation"), 12) or (name[:3].upper() if name else "TBD")
    score = None if no_score else _score(raw.get("score"))
    short = clean(team.get("shortDisplayName"), 40)
    return Team(name=name or "TBD", abbr=abbr, score=score, short=short)


def _score(value: object) -> int | None:
    """ESPN scores are strings ("87"); some re-serialisations give numbers or objects."""
    if isinstance(value, dict):  # {"value": 87.0, "displayValue": "87"} on some endpoints
        value = value.get("value", value.get("displayValue"))
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) <= 6:
            return int(text)
    return None


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if -1000 < value < 1000 else None
    if isinstance(value, float) and value.is_integer() and -1000 < value < 1000:
        return int(value)
    return None


def _iso(value: object) -> str | None:
    """ESPN dates are UTC with minute precision ("2026-05-02T23:30Z"); give them seconds and Z."""
    text = clean(value, 40)
    if not text:
        return None
    if len(text) == 17 and text.endswith("Z") and text[10] == "T":
        return text[:16] + ":00Z"
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _obj(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ParseError(f"{what} is {_kind(value)}, not an object")
    return value


def _kind(value: object) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "a boolean",
        type(None): "null",
    }.get(type(value), type(value).__name__)
