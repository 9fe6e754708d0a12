"""ESPN's game summary (``/summary?event=ID``) → ``Detail``. Pure: no I/O, no clocks.

The game itself comes from ``header`` (the source of truth for score and status, read by the
scoreboard's own parser: the same ``Game`` the board knows); the rest from the sections each
sport has (shared/reference/espn-detail.md). A section that is missing or unreadable is
empty; only a summary without a readable header is a ``ParseError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from livescore.core.errors import ParseError
from livescore.core.leagues import League
from livescore.core.model import Side
from livescore.core.sanitize import clean
from livescore.espn.detail import box, plays
from livescore.espn.detail.model import Detail, Odds
from livescore.espn.detail.plays import PlayCache
from livescore.espn.detail.read import chance, items, number, obj, whole
from livescore.espn.parse import parse_event


def parse_summary(data: object, league: League, cache: PlayCache | None = None) -> Detail:
    """Raises ParseError, and only that, when the summary has no readable game. ``cache``:
    the game's plays as last read, when the same game is polled again."""
    try:
        return _parse(data, league, cache)
    except ParseError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError) as exc:
        raise ParseError(f"unreadable summary ({type(exc).__name__})") from None


def _parse(data: object, league: League, cache: PlayCache | None) -> Detail:
    if not isinstance(data, dict):
        raise ParseError("the summary is not an object")
    header = obj(data.get("header"))
    comp = next(iter(items(header.get("competitions"), 1)), None)
    if comp is None:
        raise ParseError("the summary has no header competition")
    competitors = items(comp.get("competitors"), 4)
    # the header's competitors name their season record ``record`` (the scoreboard: records)
    named = [{**c, "records": c.get("records", c.get("record"))} for c in competitors]
    event = {
        "id": header.get("id"),
        "date": comp.get("date"),
        "competitions": [{**comp, "competitors": named}],
    }
    game = parse_event(event, league)
    sides: dict[str, Side] = {}
    by_side: dict[Side, Mapping[str, Any]] = {}
    for raw in competitors:
        side = raw.get("homeAway")
        if side in ("home", "away"):
            by_side[side] = raw
            for key in (raw.get("id"), obj(raw.get("team")).get("id")):
                if isinstance(key, (str, int)):
                    sides[str(key)] = side
    every = plays.read_plays(data, sides, game.sport, cache)
    boxscore = obj(data.get("boxscore"))
    return Detail(
        game=game,
        linescore=(box.linescore(by_side.get("home", {})), box.linescore(by_side.get("away", {}))),
        teams=box.team_stats(boxscore, sides),
        players=box.player_groups(boxscore, sides),
        leaders=box.leaders(data, sides),
        plays=every,
        scoring=plays.scoring_plays(every),
        drives=plays.read_drives(data, sides),
        commentary=plays.read_commentary(data),
        odds=_odds(data),
        predictor=_predictor(obj(data.get("predictor")), sides),
        win=plays.win_now(data) if game.state == "in" or every else None,
        hits_errors=_hits_errors(by_side) if game.sport == "baseball" else None,
    )


def _odds(data: Mapping[str, Any]) -> tuple[Odds, ...]:
    """The game's lines: ``pickcenter`` (or ``odds``), one per provider, at most five."""
    out: dict[str, Odds] = {}
    for raw in [*items(data.get("pickcenter"), 10), *items(data.get("odds"), 10)]:
        provider = clean(obj(raw.get("provider")).get("name"), 40)
        details = clean(raw.get("details"), 40)
        if provider and provider not in out and (details or raw.get("overUnder") is not None):
            out[provider] = Odds(
                provider, details, number(raw.get("overUnder")), number(raw.get("spread"))
            )
    return tuple(out.values())[:5]


def _predictor(raw: Mapping[str, Any], sides: Mapping[str, Side]) -> tuple[float, float] | None:
    """ESPN's matchup predictor as (home, away) chances; its percentages are strings, and
    sometimes only one team has them (its chance of losing is the other's chance)."""
    if not raw:
        return None
    home, away = obj(raw.get("homeTeam")), obj(raw.get("awayTeam"))
    h = _percent(home.get("gameProjection")) or _percent(away.get("teamChanceLoss"))
    a = _percent(away.get("gameProjection")) or _percent(home.get("teamChanceLoss"))
    if h is None and a is not None:
        h = round(1 - a, 3)
    if a is None and h is not None:
        a = round(1 - h, 3)
    return (h, a) if h is not None and a is not None else None


def _percent(value: object) -> float | None:
    found = number(value)
    return chance(found / 100) if found is not None else None


def _hits_errors(
    by_side: Mapping[Side, Mapping[str, Any]],
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    found = []
    for side in ("home", "away"):
        raw = by_side.get(side, {})
        hits, errors = whole(raw.get("hits"), 0, 200), whole(raw.get("errors"), 0, 50)
        if hits is None or errors is None:
            return None
        found.append((hits, errors))
    return found[0], found[1]
