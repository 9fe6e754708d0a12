"""Events → JSON lines v1 text (one object, no newline), through the contract's types."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from livescore.core.model import Event, FeedEvent, Team
from livescore.core.timefmt import iso_ms
from livescore.jsonlines.types import VERSION, ErrorV1, FeedEventV1, GameEventV1, TeamV1

_ENCODER = msgspec.json.Encoder()


def team_v1(team: Team) -> TeamV1:
    return TeamV1(team.name, team.abbr, team.score, team.record, team.shootout, team.aggregate)


def game_event(event: Event, epoch: str | None = None) -> GameEventV1:
    game = event.game
    extra = game.extra
    return GameEventV1(
        VERSION,
        event.seq,
        iso_ms(event.ts),
        event.kind,
        list(event.changed),
        game.source,
        game.league,
        game.sport,
        game.id,
        game.state,
        game.detail,
        game.period,
        game.clock,
        game.start,
        team_v1(game.home),
        team_v1(game.away),
        _plain(extra),
        game.format,
        _plain(game.situation),
        event.resync,
        epoch,
        game.winner,
    )


def _plain(value: Any) -> dict[str, Any] | None:
    return value if value is None or isinstance(value, dict) else dict(value)


def event_bytes(event: Event, epoch: str | None = None) -> bytes:
    """One JSON lines v1 object as UTF-8 bytes (non-ASCII text stays as it is)."""
    return _ENCODER.encode(game_event(event, epoch))


def event_json(event: Event, epoch: str | None = None) -> str:
    return event_bytes(event, epoch).decode()


def event_dict(event: Event, epoch: str | None = None) -> dict[str, Any]:
    """The same object as Python values (for tests and tools)."""
    out: dict[str, Any] = msgspec.to_builtins(game_event(event, epoch))
    return out


def _when(value: datetime | None) -> str | None:
    return iso_ms(value) if value is not None else None


def feed_json(event: FeedEvent, epoch: str | None = None) -> str:
    line = FeedEventV1(
        VERSION,
        event.seq,
        iso_ms(event.ts),
        "feed",
        event.feed,
        event.state,
        event.error,
        iso_ms(event.since),
        _when(event.retry_at),
        _when(event.last_ok),
        epoch,
    )
    return _ENCODER.encode(line).decode()


def error_json(message: str, seq: int, ts: datetime, epoch: str) -> str:
    """A bridge's answer to a client message or query it cannot use."""
    return _ENCODER.encode(ErrorV1(VERSION, seq, iso_ms(ts), "error", message, epoch)).decode()
