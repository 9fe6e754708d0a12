"""Events as JSON lines v1 (see README "JSON lines")."""

from __future__ import annotations

import json
from typing import Any

from livescore.model import Event, Game, Team
from livescore.timefmt import iso_ms

VERSION = 1
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
