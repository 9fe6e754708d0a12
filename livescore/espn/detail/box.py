"""The box score of a summary: the teams' stats (looked up by name, as ESPN names them),
the players' lines (mapped by each group's ``keys``), the leaders, the line score. Pure.

Pre-game, ESPN's team statistics are season averages and there are no player lines
(shared/reference/espn-detail.md §3.3): they are passed on as ESPN gives them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from livescore.core.model import Side
from livescore.core.sanitize import clean
from livescore.espn.detail.model import Leader, PlayerGroup, PlayerLine, Stat
from livescore.espn.detail.read import Sides, items, obj, side_of

MAX_STATS = 80
MAX_PLAYERS = 60
MAX_GROUPS = 24
VALUE = 40  # a stat's text is cut here


def team_stats(box: Mapping[str, Any], sides: Sides) -> tuple[tuple[Side, tuple[Stat, ...]], ...]:
    out = []
    for raw in items(box.get("teams"), 4):
        side = _side(raw, sides)
        if side is None:
            continue
        stats: list[Stat] = []
        for stat in items(raw.get("statistics"), MAX_STATS):
            if isinstance(stat.get("stats"), list):  # baseball: grouped (batting, pitching...)
                group = clean(stat.get("name"), 30)
                stats += [_stat(s, group) for s in items(stat["stats"], MAX_STATS)]
            else:
                stats.append(_stat(stat, ""))
        out.append((side, tuple(s for s in stats if s.name and s.value)))
    return tuple(out)


def player_groups(box: Mapping[str, Any], sides: Sides) -> tuple[PlayerGroup, ...]:
    groups = []
    for raw in items(box.get("players"), 4):
        side = _side(raw, sides)
        if side is None:
            continue
        for group in items(raw.get("statistics"), MAX_GROUPS):
            keys = _texts(group.get("keys"), 80)
            labels = _texts(group.get("labels") or group.get("names"), 12)
            players = tuple(
                line
                for line in (
                    _player(a, len(keys)) for a in items(group.get("athletes"), MAX_PLAYERS)
                )
                if line is not None
            )
            name = clean(group.get("name") or group.get("type"), 30)
            if players:
                totals = _texts(group.get("totals"), 20)
                groups.append(PlayerGroup(side, name, keys, labels, players, totals))
    return tuple(groups)


def leaders(data: Mapping[str, Any], sides: Sides) -> tuple[Leader, ...]:
    out = []
    for team in items(data.get("leaders"), 4):
        side = side_of(team.get("team"), sides)
        if side is None:
            continue
        for category in items(team.get("leaders"), 20):
            best = next(iter(items(category.get("leaders"), 1)), None)
            if best is None:
                continue
            name = clean(obj(best.get("athlete")).get("displayName"), 60)
            shown = clean(category.get("displayName") or category.get("name"), 40)
            value = clean(best.get("displayValue"), 60)
            if name and value:
                out.append(Leader(side, shown, name, value))
    return tuple(out)


def linescore(competitor: Mapping[str, Any]) -> tuple[str, ...]:
    """Each period's score ("16", "30", ...), as the summary's header gives it."""
    out = []
    for period in items(competitor.get("linescores"), 40):
        value = period.get("displayValue", period.get("value"))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out.append(clean(str(value), 8) if isinstance(value, (str, int)) else "")
    return tuple(out)


def _side(raw: Mapping[str, Any], sides: Sides) -> Side | None:
    home_away = raw.get("homeAway")
    if home_away in ("home", "away"):
        return "home" if home_away == "home" else "away"
    return side_of(raw.get("team"), sides)


def _stat(raw: Mapping[str, Any], group: str) -> Stat:
    name = clean(raw.get("name"), 60)
    label = clean(raw.get("abbreviation") or raw.get("label") or raw.get("displayName"), 30)
    value = clean(raw.get("displayValue"), VALUE)
    return Stat(f"{group}.{name}" if group and name else name, label, value)


def _player(raw: Mapping[str, Any], width: int) -> PlayerLine | None:
    athlete = obj(raw.get("athlete"))
    name = clean(athlete.get("displayName"), 60)
    if not name:
        return None
    stats = _texts(raw.get("stats"), 20)[:width] if width else _texts(raw.get("stats"), 20)
    note = ""
    if not stats and raw.get("didNotPlay") is True:
        note = "DNP" + (f"-{clean(raw.get('reason'), 40)}" if raw.get("reason") else "")
    return PlayerLine(
        name=name,
        short=clean(athlete.get("shortName"), 40) or name,
        position=clean(obj(athlete.get("position")).get("abbreviation"), 6),
        starter=raw.get("starter") is True,
        stats=stats,
        note=note,
    )


def _texts(value: object, limit: int) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        clean(str(v), limit) if isinstance(v, (str, int, float)) else "" for v in value[:60]
    )
