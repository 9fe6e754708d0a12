"""ESPN scoreboard JSON → ``Game`` values. Pure: no I/O, no clocks.

Follows the trap checklist in shared/reference/espn-api.md §7: home/away by ``homeAway``,
string scores, ``state`` as the branch, postponed/suspended are ``post`` but not finals,
``period`` may be missing, soccer clocks like ``90'+4'``, placeholder teams, ``null`` odds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from livescore.core.errors import ParseError
from livescore.core.leagues import INDIVIDUAL_SPORTS, League
from livescore.core.model import STATES, Format, Game, Side, State, Team
from livescore.core.sanitize import clean
from livescore.espn import individual, result
from livescore.espn.situation import read_situation

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
            games.extend(parse_event_games(event, league))
        except ParseError as exc:
            skipped.append(f"event {index}: {exc}")
    return Scoreboard(tuple(games), tuple(skipped))


def parse_event(event: object, league: League) -> Game:
    """Read one ``events[]`` entry of one competition. Raises ParseError if it has none."""
    return parse_event_games(event, league)[0]


def parse_event_games(event: object, league: League) -> list[Game]:
    """One ``events[]`` entry → a game per competition (a fight card, a tournament day, an F1
    weekend have several; tennis puts them in ``groupings``). Raises ParseError, and only
    that, when there is nothing readable."""
    try:
        return _parse_event(event, league)
    except ParseError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError) as exc:
        raise ParseError(f"unreadable event ({type(exc).__name__})") from None


def _competitions(ev: Mapping[str, Any]) -> list[tuple[Mapping[str, Any], str]]:
    """(competition, grouping name) pairs: ``competitions``, or tennis's ``groupings``."""
    found: list[tuple[Mapping[str, Any], str]] = []
    comps = ev.get("competitions")
    if isinstance(comps, list):
        found += [(c, "") for c in comps if isinstance(c, dict)]
    groupings = ev.get("groupings")
    if isinstance(groupings, list):
        for group in groupings:
            if not isinstance(group, dict):
                continue
            about = group.get("grouping")
            name = clean(about.get("displayName"), 60) if isinstance(about, dict) else ""
            inner = group.get("competitions")
            if isinstance(inner, list):
                found += [(c, name) for c in inner if isinstance(c, dict)]
    return found


def _parse_event(event: object, league: League) -> list[Game]:
    ev = _obj(event, "event")
    event_id = ev.get("id")
    if isinstance(event_id, bool) or not isinstance(event_id, (str, int)):
        raise ParseError("event has no id")
    game_id = clean(str(event_id), 40)
    if not game_id:
        raise ParseError("event has no id")
    comps = _competitions(ev)
    if not comps:
        raise ParseError(f"event {game_id} has no competitions")
    games: list[Game] = []
    errors: list[str] = []
    several = len(comps) > 1
    for comp, group in comps:
        own = _id(comp) if several else ""
        try:
            games.append(_competition(ev, comp, group, own or game_id, league))
        except ParseError as exc:
            errors.append(str(exc))
    if not games:
        raise ParseError(errors[0] if errors else f"event {game_id} has no readable competition")
    return games


def _competition(
    ev: Mapping[str, Any], comp: Mapping[str, Any], group: str, game_id: str, league: League
) -> Game:
    fmt: Format
    sport = _sport(ev, league)  # a mixed answer ("all") names each event's own sport
    alone = sport in INDIVIDUAL_SPORTS
    competitors = comp.get("competitors")
    sides = [c for c in competitors if isinstance(c, dict)] if isinstance(competitors, list) else []
    home_raw = next((c for c in sides if c.get("homeAway") == "home"), None)
    away_raw = next((c for c in sides if c.get("homeAway") == "away"), None)

    status = comp.get("status")
    if not isinstance(status, dict):
        status = ev.get("status")  # the event's, where the competition has none
    status = _obj(status, "status")
    stype = status.get("type")
    stype = stype if isinstance(stype, dict) else {}
    state = stype.get("state")
    if state not in STATES:
        raise ParseError(f"event {game_id} has no state (pre/in/post)")
    game_state: State = state
    name = clean(stype.get("name"), 40)
    completed = stype.get("completed") is True
    # a result: completed, or over where ESPN leaves the flag out (cricket) and it was played
    finished = completed or (
        game_state == "post" and "completed" not in stype and name not in _NOT_PLAYED
    )
    detail = _detail(stype, game_state, completed)

    no_score = game_state == "pre" or name in _NOT_PLAYED
    clock = None
    if game_state == "in" and sport not in ("baseball", "cricket"):  # no clock to show
        clock = clean(status.get("displayClock"), 20) or None
    period = None if game_state == "pre" else _int(status.get("period"))
    start = _iso(comp.get("startDate") or comp.get("date") or ev.get("date"))
    if not alone and home_raw is not None and away_raw is not None:
        home, away = (
            _team(home_raw, no_score, sport),
            _team(away_raw, no_score, sport),
        )
        ids = _id(home_raw), _id(away_raw)
        situation = read_situation(comp, sport, game_state, *ids) or {}
        if sport == "volleyball" and game_state != "pre":
            played = individual.sets(home_raw, away_raw)
            if played:
                situation["sets"] = played
        fmt = "teams"
    elif not alone and sides and all(_paired(c) for c in sides):
        raise ParseError(f"event {game_id} has no home/away pair")  # half a game: unusable
    elif len(sides) == 2:
        first, second = individual.match_sides(sides)
        home, away = _side(first, no_score), _side(second, no_score)
        won = (
            individual.sets_won(first, second, game_state == "post") if sport == "tennis" else None
        )
        if won is not None and not no_score:
            home, away = replace(home, score=won[0]), replace(away, score=won[1])
        situation = read_situation(comp, sport, game_state, _id(first), _id(second)) or {}
        _match_situation(situation, comp, first, second, game_state, status, sport)
        fmt = "match"
    else:
        top = individual.field_top(sides)
        home = individual.field_team(top[0] if top else None)
        away = individual.field_team(top[1] if len(top) > 1 else None)
        situation = read_situation(comp, sport, game_state, "", "") or {}
        if top:
            situation["field"] = top
        fmt = "field"
        clock = None
    if fmt != "teams" or sport == "cricket":
        _about(situation, ev, comp, group)
    if sport == "cricket" and fmt == "teams":
        _cricket(situation, home_raw, away_raw, status)
    winner: Side | None = None
    if fmt == "teams" and home_raw is not None and away_raw is not None:
        winner = result.winner(home_raw, away_raw, home, away, finished, sport != "cricket")
        told = result.series(comp)
        if told:
            situation["series"] = told
    elif fmt == "match" and finished:
        winner = situation.get("winner")
    return Game(
        source="espn",
        league=league.alias,
        sport=sport,
        id=game_id,
        state=game_state,
        detail=detail,
        home=home,
        away=away,
        period=period,
        clock=clock,
        start=start,
        phase=name,
        situation=situation or None,
        format=fmt,
        winner=winner,
    )


# ESPN's sport ids, as in uids ("s:850~l:900~e:..."): for answers that mix sports
_SPORT_IDS = {
    "1": "baseball", "20": "football", "40": "basketball", "70": "hockey", "200": "cricket",
    "400": "volleyball", "600": "soccer", "850": "tennis", "1100": "golf", "2000": "racing",
    "3301": "mma",
}  # fmt: skip


def _sport(ev: Mapping[str, Any], league: League) -> str:
    uid = ev.get("uid")
    if isinstance(uid, str) and uid.startswith("s:"):
        found = _SPORT_IDS.get(uid[2:].split("~", 1)[0])
        if found:
            return found
    return league.sport


def _paired(competitor: Mapping[str, Any]) -> bool:
    return competitor.get("homeAway") in ("home", "away")


def _id(item: Mapping[str, Any]) -> str:
    value = item.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return clean(str(value), 40)


def _side(raw: Mapping[str, Any], no_score: bool) -> Team:
    name, abbr, short = individual.side_name(raw)
    score = None if no_score else _score(raw.get("score"))
    return Team(name=name, abbr=abbr, score=score, short=short)


def _match_situation(
    situation: dict[str, Any],
    comp: Mapping[str, Any],
    first: Mapping[str, Any],
    second: Mapping[str, Any],
    state: str,
    status: Mapping[str, Any],
    sport: str,
) -> None:
    won = individual.winner(first, second)
    if won and state == "post":
        situation["winner"] = won
    if sport not in ("mma", "boxing"):
        played = individual.sets(first, second)
        if played and state != "pre":
            situation["sets"] = played
        return
    kind = comp.get("type")
    label = clean(kind.get("abbreviation"), 40) if isinstance(kind, dict) else ""
    if label:
        situation["class"] = label  # the weight class
    rounds = _int(status.get("period"))
    if rounds and state != "pre":
        situation["round"] = rounds
        time = clean(status.get("displayClock"), 10)
        if time:
            situation["time"] = time


def _about(
    situation: dict[str, Any], ev: Mapping[str, Any], comp: Mapping[str, Any], group: str
) -> None:
    """What an individual event is part of: the card, tournament or weekend, and the round,
    draw or session (F1's FP1, a golf round)."""
    event_name = clean(ev.get("shortName") or ev.get("name"), 80)
    if event_name:
        situation["event"] = event_name
    kind = comp.get("type")
    session = clean(kind.get("abbreviation"), 30) if isinstance(kind, dict) else ""
    notes = comp.get("notes")
    if not session and isinstance(notes, list) and notes and isinstance(notes[0], dict):
        session = clean(notes[0].get("headline") or notes[0].get("text"), 60)
    if group:
        session = f"{group} · {session}" if session else group
    if session and "class" not in situation:
        situation["session"] = session


def _cricket(
    situation: dict[str, Any],
    home: Mapping[str, Any] | None,
    away: Mapping[str, Any] | None,
    status: Mapping[str, Any],
) -> None:
    """ESPN cricket scores are text ("155/6", "227 & 231", "125/3 (16/20 ov, target 156)"):
    kept whole per side as ``innings``; ``score`` is the runs of the latest innings."""
    innings: dict[str, str] = {}
    for side, raw in (("home", home), ("away", away)):
        text = clean(raw.get("score"), 60) if raw is not None else ""
        if text:
            innings[side] = text
    if innings:
        situation["innings"] = innings
    note = clean(status.get("summary"), 100)
    if note:
        situation["summary"] = note


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


def _team(raw: Mapping[str, Any], no_score: bool, sport: str = "") -> Team:
    team = raw.get("team")
    team = team if isinstance(team, dict) else {}
    name = ""
    for field in ("displayName", "shortDisplayName", "name", "location"):
        name = clean(team.get(field), 80)
        if name:
            break
    if not name and not team and ("athlete" in raw or "roster" in raw):  # no team: athletes
        name, abbr, short = individual.side_name(raw)
        score = None if no_score else _score(raw.get("score"))
        return Team(name=name, abbr=abbr, score=score, short=short)
    abbr = clean(team.get("abbreviation"), 12) or (name[:3].upper() if name else "TBD")
    value = raw.get("score")
    score = None if no_score else (_runs(value) if sport == "cricket" else _score(value))
    short = clean(team.get("shortDisplayName"), 40)
    return Team(
        name=name or "TBD",
        abbr=abbr,
        score=score,
        short=short,
        record=result.record(raw),
        shootout=None if no_score else result.goals(raw.get("shootoutScore")),
        aggregate=None if no_score else result.goals(raw.get("aggregateScore")),
    )


def _runs(value: object) -> int | None:
    """Cricket: the runs of the latest innings in "227 & 231/4 (45 ov)" (231)."""
    if not isinstance(value, str):
        return _score(value)
    latest = value.split("&")[-1].strip()
    digits = ""
    for ch in latest:
        if not ch.isdigit():
            break
        digits += ch
    return _score(digits) if digits else None


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
