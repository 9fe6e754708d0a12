"""Scripted Sportrix matches (soccer and cricket) as live snapshots at any moment of a script."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from livescore.sim.halftime import played

PHASES = ("Safe possession", "Attack", "Dangerous attack", "Throw-in", "Goal kick", "Free kick")
# what a ball does, about as often as in a T20 innings (a wicket every 18 balls or so)
BALLS = (
    *("dot ball",) * 6,
    *("1 run",) * 6,
    "2 runs",
    "2 runs",
    "FOUR",
    "FOUR",
    "SIX",
    "WICKET",
)
OVERS = 20  # balls of an innings: 120
BREAK = (0.48, 0.52)  # the innings break, as fractions of the match


@dataclass(frozen=True)
class ScriptedMatch:
    id: int
    sport: str  # "soccer" | "cricket"
    competition: str
    home: str
    away: str
    start: float  # script seconds
    length: float
    goals: tuple[tuple[float, str], ...] = ()  # soccer: (fraction, side), never at half time
    balls: tuple[str, ...] = ()  # cricket: what each ball of the two innings did, 120 each
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
                    (played(rng.random()), rng.choice(("home", "away")))
                    for _ in range(rng.randint(1, 4))
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
            balls=tuple(rng.choice(BALLS) for _ in range(2 * OVERS * 6)),
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
    progress = 0.45 if status == "ht" else min(1.0, max(0.0, fraction))  # no corners at half time
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
                "home": int(progress * 7),
                "away": int(progress * 4),
            },
            "possession": {"home": 52, "away": 48},
        },
        "events": None,
    }


def _cricket(m: ScriptedMatch, t: float) -> dict[str, Any]:
    """Home bats first, away chases: each innings ends all out, at 20 overs, or (the chase)
    once past the target; the match ends with the chase."""
    fraction = min(1.0, max(0.0, (t - m.start) / m.length))
    per = OVERS * 6
    first = _innings(m.balls[:per], int(fraction / BREAK[0] * per), None)
    if t < m.start:
        status, batting, (runs, wickets, bowled, last) = "not_started", m.home, (0, 0, 0, "-")
    elif fraction < BREAK[1]:
        status, batting, (runs, wickets, bowled, last) = "live", m.home, first
        if fraction >= BREAK[0]:
            status = "innings_break"
    else:
        chased = int((fraction - BREAK[1]) / (1 - BREAK[1]) * per)
        runs, wickets, bowled, last = _innings(m.balls[per:], chased, first[0] + 1)
        done = fraction >= 1 or wickets == 10 or bowled == per or runs > first[0]
        status, batting = ("finished" if done else "live"), m.away
    return {
        "match_id": m.id,
        "sport": "cricket",
        "competition": m.competition,
        "home": m.home,
        "away": m.away,
        "status": status,
        "batting": batting,
        "score": {"runs": runs, "wickets": wickets, "overs": float(f"{bowled // 6}.{bowled % 6}")},
        "last_event": {"label": last},
    }


def _innings(balls: tuple[str, ...], upto: int, target: int | None) -> tuple[int, int, int, str]:
    """Runs, wickets, balls bowled and the last ball's label after ``upto`` balls: an
    innings stops all out or once it reaches ``target``."""
    runs = wickets = bowled = 0
    last = "-"
    for ball in balls[: max(0, upto)]:
        if wickets == 10 or (target is not None and runs >= target):
            break
        bowled += 1
        last = ball
        if ball == "WICKET":
            wickets += 1
        elif ball == "FOUR":
            runs += 4
        elif ball == "SIX":
            runs += 6
        elif ball[0].isdigit():
            runs += int(ball[0])
    return runs, wickets, bowled, last


def is_over(match: ScriptedMatch, t: float) -> bool:
    """The match has ended (a chase can end it early)."""
    if t >= match.start + match.length:
        return True
    return match.sport == "cricket" and snapshot(match, t)["status"] == "finished"
