"""The demo leagues' season around the scripted day, in ESPN's shapes: the teams
(``/teams``), each team's schedule (``/teams/{id}/schedule``), the scoreboards of other
days (``?dates=``) and the standings (``/apis/v2/.../standings``), all from one seeded
fixture list so they agree with each other: results on the days before, today's scripted
games (``espn_games``), games to come on the days after.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from livescore.espn.sportsday import us_eastern
from livescore.sim import espn_games
from livescore.sim.espn_games import SPORT, TEAMS, UID, ScriptedGame

DAYS = 14  # days of results before the scripted day, and of games to come after it
CONFERENCES = {"nba": ("Eastern Conference", "East"), "eng.1": ("Premier League", "EPL")}


def team_id(league: str, abbr: str) -> str:
    return str(100 * (1 + list(SPORT).index(league)) + [t[0] for t in TEAMS[league]].index(abbr))


@dataclass(frozen=True)
class Fixture:
    id: str
    league: str
    day: date  # ESPN's day (US Eastern)
    home: tuple[str, str]
    away: tuple[str, str]
    score: tuple[int, int] | None  # (home, away) of a result; None: to come


class Season:
    """The fixtures of the demo's leagues, from ``DAYS`` before ``today`` to ``DAYS`` after;
    ``today``'s are the scripted games."""

    def __init__(self, games: list[ScriptedGame], today: date, seed: int = 7) -> None:
        self.games = games
        self.today = today
        self.fixtures: list[Fixture] = []
        rng = random.Random(seed * 31 + 5)
        for league in SPORT:
            teams = TEAMS[league]
            for offset in (*range(-DAYS, 0), *range(1, DAYS + 1)):
                if offset % 2:  # a game day every other day
                    continue
                order = teams[:]
                random.Random(seed * 1000 + offset + len(league)).shuffle(order)
                day = today + timedelta(days=offset)
                for n in range(len(order) // 2):
                    home, away = order[2 * n], order[2 * n + 1]
                    score = None
                    if offset < 0:
                        score = _result(rng, league)
                    number = (offset + DAYS) * 10 + n + list(SPORT).index(league) * 500
                    self.fixtures.append(Fixture(f"8{number:05d}{seed:02d}", league, day,
                                                 home, away, score))  # fmt: skip

    def day(self, league: str, day: date) -> list[Fixture]:
        return [f for f in self.fixtures if f.league == league and f.day == day]

    def of_team(self, league: str, abbr: str) -> list[Fixture]:
        return [f for f in self.fixtures if f.league == league and abbr in (f.home[0], f.away[0])]


def _result(rng: random.Random, league: str) -> tuple[int, int]:
    if league == "nba":
        home, away = rng.randint(92, 128), rng.randint(90, 125)
        return (home, away + 1) if home == away else (home, away)
    return rng.choice((0, 0, 1, 1, 2, 3)), rng.choice((0, 0, 1, 1, 2))


def _start(fixture: Fixture) -> str:
    """7:30 PM US Eastern (00:30 UTC the next day in winter, 23:30 in summer)."""
    noon = datetime(fixture.day.year, fixture.day.month, fixture.day.day, 12)
    offset = noon - us_eastern(noon.replace(tzinfo=UTC))  # 4 or 5 hours
    start = datetime(fixture.day.year, fixture.day.month, fixture.day.day, 19, 30) + offset
    return start.strftime("%Y-%m-%dT%H:%MZ")


def _status(fixture: Fixture) -> dict[str, Any]:
    soccer = SPORT[fixture.league] == "soccer"
    if fixture.score is not None:
        if soccer:
            return espn_games._st(28, "STATUS_FULL_TIME", "post", True, "Full Time", "FT", 2,
                                  "90'+3'")  # fmt: skip
        return espn_games._st(3, "STATUS_FINAL", "post", True, "Final", "Final", 4, "0.0")
    return espn_games._st(1, "STATUS_SCHEDULED", "pre", False, "Scheduled", "Scheduled",
                          None if soccer else 0, "0'" if soccer else "0:00")  # fmt: skip


def _competitor(fixture: Fixture, side: str, score_object: bool) -> dict[str, Any]:
    team = fixture.home if side == "home" else fixture.away
    out: dict[str, Any] = {
        "id": team_id(fixture.league, team[0]),
        "homeAway": side,
        "team": {"id": team_id(fixture.league, team[0]), "abbreviation": team[0],
                 "displayName": team[1]},
    }  # fmt: skip
    if fixture.score is not None:
        points = fixture.score[0 if side == "home" else 1]
        other = fixture.score[1 if side == "home" else 0]
        out["score"] = {"value": float(points), "displayValue": str(points)} if score_object \
            else str(points)  # fmt: skip
        out["winner"] = points > other
    return out


def event(fixture: Fixture, score_object: bool = False) -> dict[str, Any]:
    """The fixture as an ESPN event: a scoreboard's (scores as strings) or a schedule's
    (score objects, status on the competition only)."""
    status = _status(fixture)
    competitors = [_competitor(fixture, "home", score_object),
                   _competitor(fixture, "away", score_object)]  # fmt: skip
    comp: dict[str, Any] = {
        "id": fixture.id,
        "date": _start(fixture),
        "competitors": competitors,
        "status": status,
        "broadcasts": [{"type": {"shortName": "TV"}, "market": {"type": "National"},
                        "media": {"shortName": "ESPN" if fixture.league == "nba" else "NBC"}}],
        "venue": {"fullName": f"{fixture.home[1]} Arena"},
    }  # fmt: skip
    out: dict[str, Any] = {
        "id": fixture.id,
        "uid": f"{UID[fixture.league]}~e:{fixture.id}",
        "date": _start(fixture),
        "name": f"{fixture.away[1]} at {fixture.home[1]}",
        "shortName": f"{fixture.away[0]} @ {fixture.home[0]}",
        "seasonType": {"id": "2", "type": 2, "name": "Regular Season"},
        "timeValid": True,
        "competitions": [comp],
    }
    if not score_object:
        out["status"] = status
    return out


def scoreboard(season: Season, league: str, day: date) -> dict[str, Any]:
    return {"leagues": [{"slug": league}], "events": [event(f) for f in season.day(league, day)]}


def teams(league: str) -> dict[str, Any]:
    listed = [{"team": {"id": team_id(league, abbr), "abbreviation": abbr, "displayName": name,
                        "shortDisplayName": name.split()[-1], "name": name.split()[-1],
                        "location": " ".join(name.split()[:-1]) or name}}
              for abbr, name in TEAMS[league]]  # fmt: skip
    return {"sports": [{"slug": SPORT[league], "leagues": [{"slug": league, "teams": listed}]}]}


def _table(season: Season, league: str) -> list[tuple[str, str, dict[str, int]]]:
    rows = {abbr: {"w": 0, "d": 0, "l": 0, "f": 0, "a": 0} for abbr, _ in TEAMS[league]}
    for fixture in season.fixtures:
        if fixture.league != league or fixture.score is None:
            continue
        for side, team in (("home", fixture.home), ("away", fixture.away)):
            mine, theirs = fixture.score if side == "home" else fixture.score[::-1]
            row = rows[team[0]]
            row["f"] += mine
            row["a"] += theirs
            row["w" if mine > theirs else "l" if mine < theirs else "d"] += 1
    names = dict(TEAMS[league])
    return [(abbr, names[abbr], row) for abbr, row in rows.items()]


def standings(season: Season, league: str) -> dict[str, Any]:
    """One group of the league's teams, entries deliberately out of rank order (as ESPN's)."""
    soccer = SPORT[league] == "soccer"
    table = _table(season, league)

    def points(row: dict[str, int]) -> float:
        if soccer:
            return 3.0 * row["w"] + row["d"]
        return row["w"] / max(1, row["w"] + row["l"])

    ranked = sorted(table, key=lambda t: (-points(t[2]), t[2]["a"] - t[2]["f"], t[0]))
    entries = []
    for rank, (abbr, name, row) in enumerate(ranked, 1):
        played = row["w"] + row["d"] + row["l"]

        def stat(key: str, value: float, shown: str | None = None) -> dict[str, Any]:
            return {"name": key, "value": value, "displayValue": shown or f"{value:g}"}

        diff = row["f"] - row["a"]
        stats = [stat("wins", row["w"]), stat("losses", row["l"]),
                 stat("pointsFor", row["f"]), stat("pointsAgainst", row["a"]),
                 stat("pointDifferential", diff, f"{diff:+d}" if diff else "0")]  # fmt: skip
        if soccer:
            stats += [stat("gamesPlayed", played), stat("ties", row["d"]),
                      stat("points", points(row)), stat("rank", rank)]  # fmt: skip
        else:
            pct = points(row)
            stats += [stat("winPercent", pct, f"{pct:.3f}".lstrip("0")),
                      stat("playoffSeed", rank)]  # fmt: skip
        team = {"id": team_id(league, abbr), "abbreviation": abbr, "displayName": name,
                "shortDisplayName": name.split()[-1]}  # fmt: skip
        entries.append({"team": team, "stats": stats})
    entries.reverse()  # not in rank order: readers sort
    name, short = CONFERENCES[league]
    return {
        "name": "National Basketball Association" if league == "nba" else "Premier League",
        "children": [{"name": name, "abbreviation": short,
                      "standings": {"seasonDisplayName": "2026-27", "entries": entries}}],
    }  # fmt: skip


def team_schedule(
    season: Season, league: str, team: str, t: float, day: datetime, fixture: bool = False
) -> dict[str, Any] | None:
    """``team`` (its id or abbreviation, any case) → its schedule, today's scripted game in
    its place (no score while live, as ESPN); None for a team the league does not have. A
    soccer team's, as ESPN's: its results, or with ``fixture`` its games to come."""
    found = next(((abbr, name) for abbr, name in TEAMS[league]
                  if team.upper() in (abbr, team_id(league, abbr))), None)  # fmt: skip
    if found is None:
        return None
    abbr, name = found
    soccer = SPORT[league] == "soccer"
    events = [event(f, score_object=True) for f in season.of_team(league, abbr)
              if not soccer or (f.score is None) == fixture]  # fmt: skip
    for game in season.games if not soccer or fixture else ():
        if game.league == league and abbr in (game.home[0], game.away[0]):
            today = espn_games.event_json(game, t, day)
            comp = today["competitions"][0]
            for competitor in comp["competitors"]:
                value = competitor.pop("score", None)
                if today["status"]["type"]["state"] == "post" and value is not None:
                    competitor["score"] = {"value": float(value), "displayValue": value}
            comp["date"] = today["date"]
            del today["status"]
            events.append(today)
    row = next(r for a, _, r in _table(season, league) if a == abbr)
    record = f"{row['w']}-{row['d']}-{row['l']}" if SPORT[league] == "soccer" else \
        f"{row['w']}-{row['l']}"  # fmt: skip
    return {
        "status": "success",
        "season": {"year": 2027, "type": 2, "name": "Regular Season", "displayName": "2026-27"},
        "requestedSeason": {"year": 2027, "type": 2, "name": "Regular Season",
                            "displayName": "2026-27"},
        "team": {"id": team_id(league, abbr), "abbreviation": abbr, "displayName": name,
                 "recordSummary": record, "standingSummary": ""},
        "events": events,
    }  # fmt: skip
