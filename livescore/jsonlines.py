"""JSON lines v1 (README "JSON lines"): ``Event`` values to text, and text back to events.

Decoding treats its input as untrusted (it comes from a bridge): every string is cleaned again.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from livescore.errors import ParseError
from livescore.model import STATES, Event, Game, Team
from livescore.sanitize import clean
from livescore.timefmt import iso_ms

VERSION = 1
KINDS = ("snapshot", "score", "status", "clock")
# One encoder for every line; our dicts are built here and cannot hold cycles, so the
# circular-reference check is skipped (about 20% of the encoding time).
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def _team(team: Team) -> dict[str, Any]:
    return {"name": team.name, "abbr": team.abbr, "score": team.score}


def event_dict(event: Event) -> dict[str, Any]:
    game: Game = event.game
    out: dict[str, Any] = {
        "v": VERSION,
        "seq": event.seq,
        "ts": iso_ms(event.ts),
        "event": event.kind,
        "changed": list(event.changed),
        "source": game.source,
        "league": game.league,
        "sport": game.sport,
        "id": game.id,
        "state": game.state,
        "detail": game.detail,
        "period": game.period,
        "clock": game.clock,
        "start": game.start,
        "home": _team(game.home),
        "away": _team(game.away),
    }
    if game.extra is not None:
        out[game.source] = game.extra
    if event.resync:
        out["resync"] = True
    return out


def event_json(event: Event) -> str:
    """One JSON lines v1 object, without the newline. Non-ASCII text stays as UTF-8."""
    return _ENCODER.encode(event_dict(event))


def decode_event(text: str | bytes) -> Event:
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        raise ParseError("a frame that is not JSON") from None
    if not isinstance(obj, dict) or obj.get("v") != 1:
        raise ParseError("a frame that is not JSON lines v1")
    try:
        return _event(obj)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise ParseError(f"an unreadable event ({type(exc).__name__})") from None


def _event(obj: dict[str, Any]) -> Event:
    seq = obj.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise ParseError("an event without a seq")
    kind = obj.get("event")
    state = obj.get("state")
    if kind not in KINDS or state not in STATES:
        raise ParseError("an event of an unknown kind or state")
    try:
        ts = datetime.fromisoformat(str(obj.get("ts")).replace("Z", "+00:00"))
    except ValueError:
        ts = datetime.now(UTC)
    source = clean(obj.get("source"), 20) or "bridge"
    extra = obj.get(source) if source in ("sportrix",) else None
    game = Game(
        source=source,
        league=clean(obj.get("league"), 80),
        sport=clean(obj.get("sport"), 30),
        id=clean(str(obj.get("id", "")), 40),
        state=state,
        detail=clean(obj.get("detail"), 80),
        home=_read_team(obj.get("home")),
        away=_read_team(obj.get("away")),
        period=_int(obj.get("period")),
        clock=clean(obj.get("clock"), 20) or None,
        start=clean(obj.get("start"), 40) or None,
        extra=_cleaned(extra) if isinstance(extra, dict) else None,
    )
    changed = tuple(clean(c, 20) for c in obj.get("changed") or () if isinstance(c, str))
    return Event(seq, ts, kind, changed, game, obj.get("resync") is True)


def _read_team(value: object) -> Team:
    if not isinstance(value, dict):
        return Team("TBD", "TBD", None)
    return Team(
        clean(value.get("name"), 80) or "TBD",
        clean(value.get("abbr"), 12) or "TBD",
        _int(value.get("score")),
    )


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _cleaned(value: Any, depth: int = 0) -> Any:
    if depth > 6:
        return None
    if isinstance(value, str):
        return clean(value, 200)
    if isinstance(value, dict):
        return {clean(str(k), 40): _cleaned(v, depth + 1) for k, v in list(value.items())[:50]}
    if isinstance(value, list):
        return [_cleaned(v, depth + 1) for v in value[:50]]
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return None
