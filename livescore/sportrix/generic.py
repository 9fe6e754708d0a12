"""A sport without a parser of its own → a generic ``Game``. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from livescore.core.model import Game
from livescore.core.sanitize import clean
from livescore.sportrix.fields import cache_text, league_name, score_of, state_of, team_of
from livescore.sportrix.plain import plain_object


def parse_generic(data: Mapping[str, Any], match_id: str, sport: str, ascii: bool = False) -> Game:
    """A sport without a parser of its own: the usual fields where they are, and every field
    of ``data`` (cleaned, bounded) in ``extra``, so that any change is an event. ``ascii``:
    every string in ``data`` is printable ASCII already (``frames.plain_text``)."""
    status = clean(data.get("status"), 30).lower()
    state = state_of(status, "in")
    extra = plain_object(data, 0, ("match_id", "sport"), ascii)
    extra["status"] = status
    return Game(  # positionally, in GAME_FIELDS' order: once per frame
        "sportrix",
        league_name(cache_text(data.get("competition"))),
        sport,
        match_id,
        state,
        status.upper() or "Live",
        team_of(data.get("home"), score_of(data, "home") if state != "pre" else None),
        team_of(data.get("away"), score_of(data, "away") if state != "pre" else None),
        None,
        None,
        None,
        status,
        extra,
    )
