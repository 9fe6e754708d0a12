"""What ESPN says about a game beyond the score, as a small dict of documented keys (JSON
lines' ``situation`` object; ``jsonlines/types.py`` SituationV1 lists them):

- baseball, live: ``balls``, ``strikes``, ``outs``, ``on_first``/``on_second``/``on_third``,
  ``batter``, ``pitcher``;
- football, live: ``down``, ``distance``, ``down_distance`` ("3rd & 7 at NO 47"),
  ``possession`` ("home"/"away"), ``red_zone``;
- any sport, live: ``last_play`` (the play's text) and, where ESPN sends it,
  ``win_probability`` (each side's chance after it);
- soccer: ``red_cards`` {"home": n, "away": n} once there is one, ``last_goal`` {"minute",
  "side", "scorer", "penalty", "own_goal"};
- any sport: ``broadcast`` ("TNT, truTV"), the national broadcasters ESPN lists.

Pure; every string cleaned; anything of an unexpected type is left out, never an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from livescore.core.sanitize import clean


def read_situation(
    comp: Mapping[str, Any], sport: str, state: str, home_id: str, away_id: str
) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    raw = comp.get("situation")
    sit: Mapping[str, Any] = raw if isinstance(raw, dict) else {}
    if state == "in" and sit:
        if sport == "baseball":
            _baseball(sit, out)
        elif sport == "football":
            _football(sit, out, home_id, away_id)
        play = sit.get("lastPlay")
        if isinstance(play, dict):
            text = clean(play.get("text"), 160)
            if text:
                out["last_play"] = text
            chances = _win_probability(play.get("probability"))
            if chances is not None:
                out["win_probability"] = chances
    if sport == "soccer":
        _soccer(comp.get("details"), out, home_id, away_id)
    broadcast = _broadcast(comp.get("broadcasts"))
    if broadcast:
        out["broadcast"] = broadcast
    return out or None


def _win_probability(value: object) -> dict[str, float] | None:
    """``lastPlay.probability`` as ``{"home": 0.364, "away": 0.636}``: each side's chance
    of winning after the last play (rounded: ESPN's floats carry noise)."""
    if not isinstance(value, dict):
        return None
    out = {}
    for side, key in (("home", "homeWinPercentage"), ("away", "awayWinPercentage")):
        found = value.get(key)
        if isinstance(found, bool) or not isinstance(found, int | float):
            return None
        if not 0.0 <= found <= 1.0:
            return None
        out[side] = round(float(found), 3)
    return out


def _count(value: object, most: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = int(value)
    return number if 0 <= number <= most and number == value else None


def _baseball(sit: Mapping[str, Any], out: dict[str, Any]) -> None:
    for key, most in (("balls", 4), ("strikes", 3), ("outs", 3)):
        value = _count(sit.get(key), most)
        if value is not None:
            out[key] = value
    for key, name in (("onFirst", "on_first"), ("onSecond", "on_second"), ("onThird", "on_third")):
        if isinstance(sit.get(key), bool):
            out[name] = sit[key]
    for key in ("batter", "pitcher"):
        person = sit.get(key)
        athlete = person.get("athlete") if isinstance(person, dict) else None
        if isinstance(athlete, dict):
            name = clean(athlete.get("shortName") or athlete.get("displayName"), 40)
            if name:
                out[key] = name


def _football(sit: Mapping[str, Any], out: dict[str, Any], home: str, away: str) -> None:
    down = _count(sit.get("down"), 4)
    if down:
        out["down"] = down
        distance = _count(sit.get("distance"), 100)
        if distance is not None:
            out["distance"] = distance
    text = clean(sit.get("downDistanceText") or sit.get("shortDownDistanceText"), 60)
    if text:
        out["down_distance"] = text
    has = sit.get("possession")
    if isinstance(has, str | int) and not isinstance(has, bool) and str(has):
        side = "home" if str(has) == home else "away" if str(has) == away else None
        if side:
            out["possession"] = side
    if isinstance(sit.get("isRedZone"), bool):
        out["red_zone"] = sit["isRedZone"]


def _soccer(details: object, out: dict[str, Any], home: str, away: str) -> None:
    if not isinstance(details, list):
        return
    cards = {"home": 0, "away": 0}
    last_goal: dict[str, Any] | None = None
    for item in details:
        if not isinstance(item, dict):
            continue
        team = item.get("team")
        team_id = str(team.get("id")) if isinstance(team, dict) else ""
        side = "home" if team_id == home else "away" if team_id == away else None
        if item.get("redCard") is True and side:
            cards[side] += 1
        if item.get("scoringPlay") is True and item.get("shootout") is not True:
            clock = item.get("clock")
            minute = clean(clock.get("displayValue"), 12) if isinstance(clock, dict) else ""
            people = item.get("athletesInvolved")
            first = people[0] if isinstance(people, list) and people else None
            scorer = clean(first.get("displayName"), 60) if isinstance(first, dict) else ""
            last_goal = {
                "minute": minute or None,
                "side": side,
                "scorer": scorer or None,
                "penalty": item.get("penaltyKick") is True,
                "own_goal": item.get("ownGoal") is True,
            }
    if cards["home"] or cards["away"]:
        out["red_cards"] = cards
    if last_goal is not None:
        out["last_goal"] = last_goal


def _broadcast(value: object) -> str:
    if not isinstance(value, list):
        return ""
    names: list[str] = []
    for item in value:
        if not isinstance(item, dict) or item.get("market") not in (None, "national"):
            continue
        listed = item.get("names")
        for name in listed if isinstance(listed, list) else []:
            text = clean(name, 30)
            if text and text not in names:
                names.append(text)
    return ", ".join(names[:4])
