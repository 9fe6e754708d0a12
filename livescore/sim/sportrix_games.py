"""Scripted Sportrix matches (soccer and cricket) as live snapshots at any moment of a script."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

PHASES = ("Safe possession", "Attack", "Dangerous attack", "Throw-in", "Goal kick", "Free kick")
BALLS = ("dot ball", "1 run", "2 runs", "FOUR", "SIX", "1 run", "dot ball", "WICKET")


@dataclass(frozen=True)
class ScriptedMatch:
    id: int
    sport: str  # "soccer" | "cricket"
    competition: str
    home: str
    away: str
    start: float  # script seconds
    length: float
    goals: tuple[tuple[float, str], ...] = ()  # soccer: (fraction, side)
    balls: tuple[str, ...] = ()  # cricket: what each ball did
    seed: int = 0


def schedule(seed: int = 11, length: float = 40.0) -> list[ScriptedMatch]:
    rng = random.Random(seed)
    soccer = [
        ("USA MLS Next Pro League", "Vancouver Whitecaps II", "The Town", 3.0),
        ("Sweden Division 2", "FC Arlanda", "IFK Stocksund", 9.0),
    ]
    matches = [
        ScriptedMatch(
            id=41282 + i,
            sport="soccer",
            competition=comp,
            home=home,
            away=away,
            start=start,
            length=length,
            goals=tuple(
                sorted(
                    (rng.random(), rng.choice(("home", "away"))) for _ in range(rng.randint(1, 4))
                )
            ),
            seed=seed + i,
        )
        for i, (comp, home, away, start) in enumerate(soccer)
    ]
    matches.append(
        ScriptedMatch(
            id=51001,
            sport="cricket",
            competition="T20 Blast",
            home="Surrey",
            away="Kent",
            start=5.0,
            length=length,
            balls=tuple(rng.choice(BALLS) for _ in range(120)),
            seed=seed,
        )
    )
    return matches


def snapshot(match: ScriptedMatch, t: float) -> dict[str, Any]:
    """The live snapshot of ``match`` at script time ``t`` (a full snapshot, as v1 sends)."""
    if match.sport == "cricket":
        return _cricket(match, t)
    return _soccer(match, t)


def _soccer(m: ScriptedMatch, t: float) -> dict[str, Any]:
    fraction = (t - m.start) / m.length
    rng = random.Random(m.seed * 100003 + int(t * 4))
    home = sum(1 for f, side in m.goals if f <= fraction and side == "home")
    away = sum(1 for f, side in m.goals if f <= fraction and side == "away")
    if fraction < 0:
        status, minute, second, period, running = "not_started", 0, 0, "1H", False
    elif fraction >= 1:
        status, minute, second, period, running = "ft", 90, 0, "FT", False
    elif 0.45 <= fraction < 0.55:
        status, minute, second, period, running = "ht", 45, 0, "HT", False
    else:
        second_half = fraction >= 0.55
        part = (fraction - 0.55) / 0.45 if second_half else fraction / 0.45
        elapsed = int(part * 45 * 60) + (45 * 60 if second_half else 0)
        status, minute, second = "live", elapsed // 60, elapsed % 60
        period, running = ("2H" if second_half else "1H"), True
    label = rng.choice(PHASES) if status == "live" else ""
    return {
        "v": 1,
        "match_id": m.id,
        "sport": "soccer",
        "competition": m.competition,
        "home": m.home,
        "away": m.away,
        "status": status,
        "clock": {
            "minute": minute,
            "second": second,
            "period": period,
            "running": running,
            "added": 0,
        },
        "score": {"home": home, "away": away},
        "phase": {
            "vc": "0",
            "code": "0",
            "label": label,
            "team": rng.choice(("home", "away")) if label else "",
        },
        "stats": {
            "corners": {
                "home": int(min(1, max(0, fraction)) * 7),
                "away": int(min(1, max(0, fraction)) * 4),
            },
            "possession": {"home": 52, "away": 48},
        },
        "events": None,
    }


def _cricket(m: ScriptedMatch, t: float) -> dict[str, Any]:
    fraction = min(1.0, max(0.0, (t - m.start) / m.length))
    bowled = int(fraction * len(m.balls))
    runs = wickets = 0
    for ball in m.balls[:bowled]:
        if ball == "WICKET":
            wickets = min(10, wickets + 1)
        elif ball == "FOUR":
            runs += 4
        elif ball == "SIX":
            runs += 6
        elif ball[0].isdigit():
            runs += int(ball[0])
    status = "not_started" if t < m.start else ("finished" if fraction >= 1 else "live")
    return {
        "match_id": m.id,
        "sport": "cricket",
        "competition": m.competition,
        "home": m.home,
        "away": m.away,
        "status": status,
        "batting": m.home,
        "score": {"runs": runs, "wickets": wickets, "overs": float(f"{bowled // 6}.{bowled % 6}")},
        "last_event": {"label": m.balls[bowled - 1] if bowled else "-"},
    }


def is_over(match: ScriptedMatch, t: float) -> bool:
    return t >= match.start + match.length
