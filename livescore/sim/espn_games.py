"""Scripted games in ESPN's scoreboard shape, for the demo and the tests.

Each game is generated from a seed: a start time and a list of scoring plays. ``scoreboard``
returns the JSON ESPN would serve at a given moment of the script. Competitor order is
shuffled on purpose: clients must use ``homeAway``, as with the real API.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from livescore.sim.halftime import played

TEAMS = {
    "nba": [
        ("BOS", "Boston Celtics"),
        ("PHI", "Philadelphia 76ers"),
        ("LAL", "Los Angeles Lakers"),
        ("GS", "Golden State Warriors"),
        ("NY", "New York Knicks"),
        ("MIA", "Miami Heat"),
    ],
    "eng.1": [
        ("ARS", "Arsenal"),
        ("CHE", "Chelsea"),
        ("LIV", "Liverpool"),
        ("MNC", "Manchester City"),
        ("TOT", "Tottenham Hotspur"),
        ("NEW", "Newcastle United"),
    ],
}
SPORT = {"nba": "basketball", "eng.1": "soccer"}
UID = {"nba": "s:40~l:46", "eng.1": "s:600~l:700"}  # ESPN's sport and league ids


@dataclass(frozen=True)
class ScriptedGame:
    id: str
    league: str  # ESPN slug
    home: tuple[str, str]
    away: tuple[str, str]
    start: float  # seconds into the script
    length: float  # seconds of play in the script
    plays: tuple[tuple[float, str, int], ...]  # (fraction of the game, "home"/"away", points)
    postponed: bool = False

    def score_at(self, fraction: float) -> tuple[int, int]:
        home = sum(p for f, side, p in self.plays if f <= fraction and side == "home")
        away = sum(p for f, side, p in self.plays if f <= fraction and side == "away")
        return home, away


def schedule(seed: int = 7, length: float = 40.0) -> list[ScriptedGame]:
    """Two NBA games and two Premier League games (one postponed), over about a minute."""
    rng = random.Random(seed)
    games: list[ScriptedGame] = []
    for league, starts in (("nba", (4.0, 12.0)), ("eng.1", (6.0, 14.0, 20.0))):
        teams = TEAMS[league][:]
        rng.shuffle(teams)
        for i, start in enumerate(starts):
            home, away = teams[2 * i], teams[2 * i + 1]
            if league == "nba":
                plays = tuple(
                    (rng.random(), rng.choice(("home", "away")), rng.choice((2, 2, 2, 3, 1)))
                    for _ in range(rng.randint(95, 115))
                )
            else:
                plays = tuple(  # never at half time (0.45 to 0.55 of the game)
                    (played(rng.random()), rng.choice(("home", "away")), 1)
                    for _ in range(rng.randint(1, 5))
                )
            games.append(
                ScriptedGame(
                    id=f"9{len(games) + 1:02d}{seed:04d}",
                    league=league,
                    home=home,
                    away=away,
                    start=start,
                    length=length,
                    plays=tuple(sorted(plays)),
                    postponed=(league == "eng.1" and i == 2),
                )
            )
    return games


def _minute(fraction: float) -> int:
    """The soccer minute at a fraction of the game (0.45 to 0.55 is half time)."""
    second = fraction >= 0.55
    part = (fraction - 0.55) / 0.45 if second else fraction / 0.45
    return min(90, int(part * 45) + 1 + (45 if second else 0))


def _status(game: ScriptedGame, t: float) -> tuple[dict[str, Any], float]:
    """ESPN ``status`` for the game at script time ``t``; also the fraction of play done."""
    soccer = SPORT[game.league] == "soccer"
    if game.postponed:
        return _st(6, "STATUS_POSTPONED", "post", False, "Postponed", "Postponed", None, "0'"), 0.0
    if t < game.start:
        return _st(
            1,
            "STATUS_SCHEDULED",
            "pre",
            False,
            "Scheduled",
            "Scheduled",
            None if soccer else 0,
            "0'" if soccer else "0:00",
        ), 0.0
    fraction = (t - game.start) / game.length
    if fraction >= 1.0:
        if soccer:
            return _st(28, "STATUS_FULL_TIME", "post", True, "Full Time", "FT", 2, "90'+3'"), 1.0
        return _st(3, "STATUS_FINAL", "post", True, "Final", "Final", 4, "0.0"), 1.0
    if soccer:
        # 0-0.45 first half, 0.45-0.55 half time, 0.55-1.0 second half
        if 0.45 <= fraction < 0.55:
            return _st(23, "STATUS_HALFTIME", "in", False, "Halftime", "HT", 1, "45'+2'"), fraction
        second = fraction >= 0.55
        minute = _minute(fraction)
        clock = f"{minute}'"
        name = "STATUS_SECOND_HALF" if second else "STATUS_FIRST_HALF"
        desc = "Second Half" if second else "First Half"
        return _st(
            26 if second else 25,
            name,
            "in",
            False,
            desc,
            clock,
            2 if second else 1,
            clock,
            minute * 60.0,
        ), fraction
    quarter = min(3, int(fraction * 4))
    left = 720 * (1 - (fraction * 4 - quarter))
    clock = f"{int(left // 60)}:{int(left % 60):02d}"
    ordinal = ("1st", "2nd", "3rd", "4th")[quarter]
    return _st(
        2,
        "STATUS_IN_PROGRESS",
        "in",
        False,
        "In Progress",
        f"{clock} - {ordinal}",
        quarter + 1,
        clock,
        left,
    ), fraction


def _st(
    sid: int,
    name: str,
    state: str,
    completed: bool,
    description: str,
    short: str,
    period: int | None,
    display: str,
    clock: float = 0.0,
) -> dict[str, Any]:
    status: dict[str, Any] = {
        "clock": clock,
        "displayClock": display,
        "type": {
            "id": str(sid),
            "name": name,
            "state": state,
            "completed": completed,
            "description": description,
            "detail": short,
            "shortDetail": short,
        },
    }
    if period is not None:
        status["period"] = period
    return status


def event_json(game: ScriptedGame, t: float, day: datetime) -> dict[str, Any]:
    status, fraction = _status(game, t)
    home_score, away_score = game.score_at(fraction)
    start = day + timedelta(seconds=game.start)
    competitors = [
        {
            "id": game.home[0],
            "homeAway": "home",
            "order": 0,
            "score": str(home_score),
            "team": {"abbreviation": game.home[0], "displayName": game.home[1]},
        },
        {
            "id": game.away[0],
            "homeAway": "away",
            "order": 1,
            "score": str(away_score),
            "team": {"abbreviation": game.away[0], "displayName": game.away[1]},
        },
    ]
    if int(game.id) % 2:
        competitors.reverse()  # order is not meaning: use homeAway
    return {
        "id": game.id,
        "uid": f"{UID[game.league]}~e:{game.id}",
        "date": start.strftime("%Y-%m-%dT%H:%MZ"),
        "name": f"{game.away[1]} at {game.home[1]}",
        "shortName": f"{game.away[0]} @ {game.home[0]}",
        "competitions": [
            {"id": game.id, "competitors": competitors, "status": status, "odds": [None]}
        ],
        "status": status,
    }


def scoreboard(games: list[ScriptedGame], league: str, t: float, day: datetime) -> dict[str, Any]:
    return {
        "leagues": [{"slug": league}],
        "events": [event_json(g, t, day) for g in games if g.league == league],
    }


def start_of_day(now: datetime | None = None) -> datetime:
    now = now or datetime.now(UTC)
    return now.replace(second=0, microsecond=0)


def summary(game: ScriptedGame, t: float, day: datetime) -> dict[str, Any]:
    """The game's summary (``/summary?event=ID``) at script time ``t``: the header, the
    plays so far with the score after each (basketball: ``plays`` and win probability;
    soccer: ``keyEvents``), and a box score of the points."""
    event = event_json(game, t, day)
    status, fraction = _status(game, t)
    soccer = SPORT[game.league] == "soccer"
    so_far = [p for p in game.plays if p[0] <= fraction] if not game.postponed else []
    home = away = 0
    plays, win = [], []
    for n, (at, side, points) in enumerate(so_far, start=1):
        home, away = (home + points, away) if side == "home" else (home, away + points)
        team = game.home if side == "home" else game.away
        play_id = f"{game.id}{n:04d}"
        if soccer:
            minute = _minute(at)
            plays.append({
                "id": play_id,
                "type": {"id": "70", "text": "Goal", "type": "goal"},
                "text": f"Goal! {game.home[1]} {home}, {game.away[1]} {away}. ({team[1]})",
                "shortText": f"{team[1]} Goal",
                "period": {"number": 1 if at < 0.45 else 2},
                "clock": {"value": minute * 60.0, "displayValue": f"{minute}'"},
                "scoringPlay": True,
                "team": {"id": team[0], "displayName": team[1]},
                "shootout": False,
            })  # fmt: skip
            continue
        quarter = min(3, int(at * 4))
        left = 720 * (1 - (at * 4 - quarter))
        kind = {1: "Free Throw", 2: "Jump Shot", 3: "Three Point Jumper"}[points]
        plays.append({
            "id": play_id,
            "sequenceNumber": str(n),
            "type": {"id": str(points), "text": kind},
            "text": f"{team[1]} {kind.lower()} ({points} pt)",
            "awayScore": away,
            "homeScore": home,
            "period": {"number": quarter + 1, "displayValue": f"Q{quarter + 1}"},
            "clock": {"displayValue": f"{int(left // 60)}:{int(left % 60):02d}"},
            "scoringPlay": True,
            "scoreValue": points,
            "team": {"id": team[0]},
        })  # fmt: skip
        lead = (home - away) / max(1.0, 12 * (1.0 - at) + 2)
        win.append({"homeWinPercentage": round(1 / (1 + 2.718 ** (-lead)), 3), "playId": play_id})
    comp = event["competitions"][0]
    data: dict[str, Any] = {
        "header": {
            "id": game.id,
            "competitions": [{**comp, "date": event["date"], "status": status}],
            "league": {"slug": game.league},
        },
        "boxscore": {
            "teams": [
                {"homeAway": s, "team": {"id": team[0], "abbreviation": team[0]},
                 "statistics": [{"name": "points", "label": "PTS",
                                 "displayValue": str(home if s == "home" else away)}]}
                for s, team in (("home", game.home), ("away", game.away))
            ]
        },
    }  # fmt: skip
    if soccer:
        data["keyEvents"] = plays
    else:
        data["plays"] = plays
        data["winprobability"] = win
    return data
