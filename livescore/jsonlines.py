"""JSON lines v1 (README "JSON lines"): events to text, and text back to events.

Game events (``snapshot``, ``score``, ``status``, ``clock``), ``feed`` events (a feed went
stale or is ok again) and, on the bridge's wire only, ``error`` frames (a client sent
something the bridge cannot use). Bridge frames also carry the bridge run's ``epoch``.
Decoding treats its input as untrusted (it comes from a bridge): every string is cleaned again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from livescore.errors import ParseError
from livescore.model import STATES, Event, FeedEvent, Game, Team
from livescore.sanitize import clean
from livescore.timefmt import iso_ms

VERSION = 1
KINDS = ("snapshot", "score", "status", "clock")
# One encoder for every line; our dicts are built here and cannot hold cycles, so the
# circular-reference check is skipped (about 20% of the encoding time).
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def _team(team: Team) -> dict[str, Any]:
    return {"name": team.name, "abbr": team.abbr, "score": team.score}


@dataclass(frozen=True, slots=True)
class WireError:
    """An ``error`` frame from a bridge: what it could not use of what we sent."""

    message: str


Decoded = Event | FeedEvent | WireError


def event_dict(event: Event, epoch: str | None = None) -> dict[str, Any]:
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
    if epoch is not None:
        out["epoch"] = epoch
    return out


def event_json(event: Event, epoch: str | None = None) -> str:
    """One JSON lines v1 object, without the newline. Non-ASCII text stays as UTF-8."""
    return _ENCODER.encode(event_dict(event, epoch))


def _when(value: datetime | None) -> str | None:
    return iso_ms(value) if value is not None else None


def feed_dict(event: FeedEvent, epoch: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "v": VERSION,
        "seq": event.seq,
        "ts": iso_ms(event.ts),
        "event": "feed",
        "feed": event.feed,
        "state": event.state,
        "error": event.error,
        "since": iso_ms(event.since),
        "retry_at": _when(event.retry_at),
        "last_ok": _when(event.last_ok),
    }
    if epoch is not None:
        out["epoch"] = epoch
    return out


def feed_json(event: FeedEvent, epoch: str | None = None) -> str:
    return _ENCODER.encode(feed_dict(event, epoch))


def error_json(message: str, seq: int, ts: datetime, epoch: str) -> str:
    """A bridge's answer to a client message or query it cannot use."""
    frame = {"v": VERSION, "seq": seq, "ts": iso_ms(ts), "event": "error"}
    return _ENCODER.encode({**frame, "message": message, "epoch": epoch})


def decode(text: str | bytes) -> tuple[Decoded, str | None]:
    """One line or frame → (a game event, a feed event or a bridge's error frame; the
    bridge run's epoch it carried, if any)."""
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        raise ParseError("a frame that is not JSON") from None
    if not isinstance(obj, dict) or obj.get("v") != 1:
        raise ParseError("a frame that is not JSON lines v1")
    epoch = obj.get("epoch")
    if epoch is not None and not isinstance(epoch, str):
        raise ParseError("an event with a bad epoch")
    epoch = clean(epoch, 40) or None
    try:
        if obj.get("event") == "feed":
            return _feed(obj), epoch
        if obj.get("event") == "error":
            return WireError(clean(obj.get("message"), 200)), epoch
        return _event(obj), epoch
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise ParseError(f"an unreadable event ({type(exc).__name__})") from None


def decode_event(text: str | bytes) -> Event:
    """One game event; anything else (a feed event, an error frame) is a ParseError."""
    decoded, _ = decode(text)
    if not isinstance(decoded, Event):
        raise ParseError("not a game event")
    return decoded


def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _seq(obj: dict[str, Any]) -> int:
    seq = obj.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise ParseError("an event without a seq")
    return seq


def _feed(obj: dict[str, Any]) -> FeedEvent:
    state = obj.get("state")
    if state not in ("ok", "stale"):
        raise ParseError("a feed event of an unknown state")
    ts = _time(obj.get("ts")) or datetime.now(UTC)
    return FeedEvent(
        _seq(obj),
        ts,
        clean(obj.get("feed"), 80) or "feed",
        state,
        clean(obj.get("error"), 200) or None,
        _time(obj.get("since")) or ts,
        _time(obj.get("retry_at")),
        _time(obj.get("last_ok")),
    )


def _event(obj: dict[str, Any]) -> Event:
    seq = _seq(obj)
    kind = obj.get("event")
    state = obj.get("state")
    if kind not in KINDS or state not in STATES:
        raise ParseError("an event of an unknown kind or state")
    ts = _time(obj.get("ts")) or datetime.now(UTC)
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
