"""JSON lines v1 text (a bridge's frame, a Redis entry, a recorded line) → events.

Untrusted input: every string is cleaned again. A well-formed game event is decoded straight
into the contract's types (the fast path); anything else (a feed event, an error frame, a
line with a field of an unexpected type) is read field by field, leniently, as it always
was. Both paths give the same event for the same line (a property test holds them to it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import msgspec

from livescore.core.errors import ParseError
from livescore.core.model import STATES, Event, FeedEvent, Format, Game, Play, Plays, Side, Team
from livescore.core.sanitize import clean
from livescore.jsonlines.types import KINDS, GameEventV1, TeamV1

_GAME = msgspec.json.Decoder(GameEventV1)
_EXTRAS = ("sportrix",)  # sources whose lines carry an object of their own


@dataclass(frozen=True, slots=True)
class WireError:
    """An ``error`` frame from a bridge: what it could not use of what we sent."""

    message: str


Decoded = Event | FeedEvent | WireError | Plays


def decode(text: str | bytes) -> tuple[Decoded, str | None]:
    """One line or frame → (a game event, a feed event or a bridge's error frame; the
    bridge run's epoch it carried, if any)."""
    try:
        line = _GAME.decode(text)
    except (msgspec.DecodeError, RecursionError):
        return _lenient(text)
    return _from_typed(line), clean(line.epoch, 40) or None


def decode_event(text: str | bytes) -> Event:
    """One game event; anything else (a feed event, an error frame) is a ParseError."""
    decoded, _ = decode(text)
    if not isinstance(decoded, Event):
        raise ParseError("not a game event")
    return decoded


def _from_typed(line: GameEventV1) -> Event:
    source = clean(line.source, 20) or "bridge"
    extra = line.sportrix if source in _EXTRAS else None
    game = Game(
        source=source,
        league=clean(line.league, 80),
        sport=clean(line.sport, 30),
        id=clean(line.id, 40),
        state=line.state,
        detail=clean(line.detail, 80),
        home=_typed_team(line.home),
        away=_typed_team(line.away),
        period=line.period,
        clock=clean(line.clock, 20) or None,
        start=clean(line.start, 40) or None,
        extra=_cleaned(extra) if extra is not None else None,
        situation=_cleaned(line.situation) if line.situation is not None else None,
        format=line.format,
        winner=line.winner,
    )
    changed = tuple(clean(c, 20) for c in line.changed)
    return Event(
        line.seq, _time(line.ts) or datetime.now(UTC), line.event, changed, game, line.resync
    )


def _typed_team(team: TeamV1) -> Team:
    return Team(
        clean(team.name, 80) or "TBD",
        clean(team.abbr, 12) or "TBD",
        team.score,
        record=clean(team.record, 20),
        shootout=team.shootout,
        aggregate=team.aggregate,
    )


def _lenient(text: str | bytes) -> tuple[Decoded, str | None]:
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
        if obj.get("event") == "play":
            return _plays(obj), epoch
        return _event(obj), epoch
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise ParseError(f"an unreadable event ({type(exc).__name__})") from None


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
    extra = obj.get(source) if source in _EXTRAS else None
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
        situation=_cleaned(situation)
        if isinstance(situation := obj.get("situation"), dict)
        else None,
        format=_format(obj.get("format")),
        winner=_side(obj.get("winner")),
    )
    changed = tuple(clean(c, 20) for c in obj.get("changed") or () if isinstance(c, str))
    return Event(seq, ts, kind, changed, game, obj.get("resync") is True)


def _plays(obj: dict[str, Any]) -> Plays:
    """A play event (``watch --plays`` through a bridge or Redis) as a one-play item."""
    raw = obj.get("play")
    if not isinstance(raw, dict):
        raise ParseError("a play event without a play")
    ts = _time(obj.get("ts")) or datetime.now(UTC)
    score = _object(raw.get("score"))
    win = _object(raw.get("win"))
    home_win = win.get("home")
    play = Play(
        id=clean(str(raw.get("id", "")), 40),
        sequence=_count(raw.get("sequence")) or 0,
        period=_int(raw.get("period")),
        period_text=clean(raw.get("period_text"), 30),
        clock=clean(raw.get("clock"), 12) or None,
        text=clean(raw.get("text"), 300),
        type=clean(raw.get("type"), 60),
        side=_side(raw.get("side")),
        scoring=raw.get("scoring") is True,
        value=_count(raw.get("value")),
        home_score=_count(score.get("home")),
        away_score=_count(score.get("away")),
        win=float(home_win) if isinstance(home_win, float | int) and 0 <= home_win <= 1 else None,
        wallclock=clean(raw.get("wallclock"), 30) or None,
    )
    game = Game(
        source=clean(obj.get("source"), 20) or "espn",
        league=clean(obj.get("league"), 80),
        sport=clean(obj.get("sport"), 30),
        id=clean(str(obj.get("id", "")), 40),
        state="in",
        detail="",
        home=_read_team(obj.get("home")),
        away=_read_team(obj.get("away")),
    )
    change: Literal["new", "corrected", "removed"] = "new"
    if obj.get("corrected") is True:
        change = "corrected"
    if obj.get("removed") is True:
        change = "removed"
    return Plays(clean(obj.get("feed"), 80) or "plays", game, ((change, play),), ts)


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _format(value: object) -> Format:
    if value == "match":
        return "match"
    return "field" if value == "field" else "teams"


def _side(value: object) -> Side | None:
    if value == "home":
        return "home"
    return "away" if value == "away" else None


def _read_team(value: object) -> Team:
    if not isinstance(value, dict):
        return Team("TBD", "TBD", None)
    return Team(
        clean(value.get("name"), 80) or "TBD",
        clean(value.get("abbr"), 12) or "TBD",
        _int(value.get("score")),
        record=clean(value.get("record"), 20),
        shootout=_count(value.get("shootout")),
        aggregate=_count(value.get("aggregate")),
    )


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _count(value: object) -> int | None:
    """A score: a whole number, not negative (what the fast path's types also require)."""
    found = _int(value)
    return found if found is not None and found >= 0 else None


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
