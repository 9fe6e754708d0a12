"""Cricket, only partly documented: read defensively → ``Game``. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from livescore.core.model import Game
from livescore.core.sanitize import clean
from livescore.sportrix.fields import (
    BREAKS,
    bounded_int,
    cache_text,
    league_name,
    name_of,
    number_text,
    object_or_empty,
    state_of,
    team_of,
)


def parse_cricket(data: Mapping[str, Any], match_id: str) -> Game:
    status = clean(data.get("status"), 30).lower()
    score = object_or_empty(data.get("score"))
    batting = clean(data.get("batting"), 80)
    runs, wickets = bounded_int(score.get("runs")), bounded_int(score.get("wickets"))
    overs = score.get("overs")
    overs_text = clean(overs if isinstance(overs, str) else number_text(overs), 12)
    last = data.get("last_event")
    last_label = clean(object_or_empty(last).get("label") if isinstance(last, dict) else last, 120)
    home_name = name_of(data.get("home"))
    away_name = name_of(data.get("away"))
    home_score = away_score = None
    if batting and batting == away_name:
        away_score = runs
    elif batting and (batting == home_name or not home_name):
        home_score = runs
        home_name = home_name or batting
    state = state_of(status, "in")
    if state == "pre":  # no runs before the start, whatever the frame says
        home_score = away_score = None
    # the score column has the runs and wickets: the status says how far the innings is
    if state == "pre":
        detail = "Not started"
    elif state == "post":
        detail = status.replace("_", " ").capitalize() or "Finished"
    elif status in BREAKS:
        detail = BREAKS[status]
    else:
        detail = f"{overs_text} ov" if overs_text else "Live"
    extra = {
        "batting": batting,
        "runs": runs,
        "wickets": wickets,
        "overs": overs_text or None,
        "last_event": last_label or None,
    }
    return Game(  # positionally, in GAME_FIELDS' order: once per frame
        "sportrix",
        league_name(cache_text(data.get("competition"))),
        "cricket",
        match_id,
        state,
        detail,
        team_of(home_name, home_score),
        team_of(away_name, away_score),
        None,
        None,
        None,
        status,
        extra,
    )
