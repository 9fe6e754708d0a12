"""Sportrix live snapshots → ``Game`` values, by sport. Pure: the caller passes the time.

Soccer has the full documented shape (``soccer``); cricket is only partly documented, so it
is read defensively (``cricket``); any other sport becomes a generic game from
``home``/``away``/``score`` with every field cleaned into ``extra`` (``generic``). Unknown
ops and fields are ignored (shared/reference/sportrix-api.md §3, §4, §7). Frames are
decoded by ``frames``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from livescore.core.errors import ParseError
from livescore.core.model import Game, Team
from livescore.core.sanitize import clean
from livescore.sportrix.cricket import parse_cricket
from livescore.sportrix.generic import parse_generic
from livescore.sportrix.shapes import Soccer, soccer_unchecked
from livescore.sportrix.soccer import parse_soccer


def parse_snapshot(data: object, match_id: str, received_at: datetime, ascii: bool = False) -> Game:
    """A live snapshot (WebSocket ``data`` or REST ``/live``) → Game. Raises only ParseError.
    ``ascii``: every string in ``data`` is printable ASCII already (``frames.plain_text``)."""
    if isinstance(data, Soccer):
        return parse_soccer(data, match_id, received_at)
    if not isinstance(data, dict):
        raise ParseError("snapshot is not an object")
    try:
        sport = clean(data.get("sport"), 30).lower() or "unknown"
        if sport == "soccer":
            return parse_soccer(soccer_unchecked(data), match_id, received_at, typed=False)
        if sport == "cricket":
            return parse_cricket(data, match_id)
        return parse_generic(data, match_id, sport, ascii)
    except ParseError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError) as exc:
        raise ParseError(f"unreadable snapshot ({type(exc).__name__})") from None


def keep_teams(before: Game | None, game: Game) -> Game:
    """A frame that does not name a side (cricket sends only the batting side) keeps the
    name the match had; in cricket the side not batting keeps the runs it made (the side
    that batted first, while the other chases)."""
    if before is None or before.id != game.id:
        return game
    home, away = game.home, game.away
    carry = game.sport == "cricket" and game.state != "pre"
    if home.name == "TBD" and before.home.name != "TBD":
        home = Team(before.home.name, before.home.abbr, home.score)
    if away.name == "TBD" and before.away.name != "TBD":
        away = Team(before.away.name, before.away.abbr, away.score)
    if carry and home.score is None and before.home.score is not None:
        home = replace(home, score=before.home.score)
    if carry and away.score is None and before.away.score is not None:
        away = replace(away, score=before.away.score)
    if home is game.home and away is game.away:
        return game
    return replace(game, home=home, away=away)
