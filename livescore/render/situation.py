"""A game's situation (count and bases, down and distance, red cards, last goal, last play,
broadcast) in a few words, for the table and the human lines."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def summary(situation: Mapping[str, Any] | None, sport: str) -> str:
    """A few words for the table and the lines: ``2-1, 2 out, 1st & 3rd``, ``3rd & 7 at NO
    47 · red zone``, ``RC 1-0 · goal 54' N. Saliba``, ``on TNT``; "" when nothing."""
    if not situation:
        return ""
    parts: list[str] = []
    if sport == "baseball" and "outs" in situation:
        count = ""
        if "balls" in situation and "strikes" in situation:
            count = f"{situation['balls']}-{situation['strikes']}, "
        parts.append(f"{count}{situation['outs']} out")
        bases = [n for n, k in (("1st", "on_first"), ("2nd", "on_second"), ("3rd", "on_third"))
                 if situation.get(k)]  # fmt: skip
        if len(bases) == 3:
            parts.append("bases loaded")
        elif bases:
            parts.append("on " + " & ".join(bases))
    if situation.get("down_distance"):
        parts.append(str(situation["down_distance"]))
        if situation.get("red_zone"):
            parts.append("red zone")
    cards = situation.get("red_cards")
    if isinstance(cards, dict):
        parts.append(f"RC {cards.get('home', 0)}-{cards.get('away', 0)}")
    goal = situation.get("last_goal")
    if isinstance(goal, dict) and goal.get("minute"):
        who = f" {goal['scorer']}" if goal.get("scorer") else ""
        parts.append(f"goal {goal['minute']}{who}")
    played = situation.get("sets")
    if isinstance(played, list) and played:
        parts.append(" ".join(f"{s.get('home')}-{s.get('away')}" for s in played
                              if isinstance(s, dict)))  # fmt: skip
    if situation.get("round") and situation.get("winner"):  # live, the status says it
        time = f" {situation['time']}" if situation.get("time") else ""
        parts.append(f"R{situation['round']}{time}")
    innings = situation.get("innings")
    if isinstance(innings, dict) and innings:  # the runs are in the score column: the rest
        parts += [_bracket(str(innings[k])) for k in ("home", "away") if "(" in str(innings.get(k))]
    if situation.get("summary"):
        parts.append(str(situation["summary"]))
    for key in ("class", "session"):
        if situation.get(key):
            parts.append(str(situation[key]))
    if not parts and situation.get("last_play") and sport in ("basketball", "hockey"):
        parts.append(str(situation["last_play"]))
    if not parts and situation.get("broadcast"):
        parts.append(f"on {situation['broadcast']}")
    if situation.get("series"):
        parts.append(str(situation["series"]))
    return " · ".join(parts)


def _bracket(text: str) -> str:
    """What ESPN adds to an innings in brackets: ``16/20 ov, target 156``."""
    return text.split("(", 1)[1].rstrip(")").strip()
