"""An ESPN-shaped server playing a script in (accelerated) real time: the scoreboards and
game summaries of the scripted day, and around it (``espn_season``) the teams, their
schedules, the scoreboards of other days and the standings."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime

from livescore.espn.sportsday import us_eastern
from livescore.sim import espn_games, espn_season
from livescore.sim.http import Request, Response, serve

_PATH = re.compile(
    r"^/apis/(?:site/)?v2/sports/([a-z0-9-]+)/([a-z0-9.\-]+)/"
    r"(scoreboard|summary|teams|standings|teams/([A-Za-z0-9]+)/schedule)$"
)


class ScriptClock:
    """Script time in seconds: wall time since start, times ``speed``."""

    def __init__(self, speed: float = 1.0, now: Callable[[], float] = time.monotonic) -> None:
        self.speed, self._now, self._t0 = speed, now, now()

    def __call__(self) -> float:
        return (self._now() - self._t0) * self.speed


def handler(
    games: list[espn_games.ScriptedGame], clock: Callable[[], float], day: datetime
) -> Callable[[Request], Response]:
    leagues = {g.league: espn_games.SPORT[g.league] for g in games}
    today = us_eastern(day).date()
    season = espn_season.Season(games, today)

    def answer(request: Request) -> Response:
        match = _PATH.match(request.path)
        if not match or leagues.get(match.group(2)) != match.group(1):
            return _error(404, "Failed to get events endpoint.")
        league, what = match.group(2), match.group(3)
        standings = what == "standings"
        if standings != request.path.startswith("/apis/v2/"):  # ESPN's two roots
            return _error(404, "Not found.")
        data: dict[str, object] | None
        if what == "summary":  # one game: ?event=ID
            wanted = request.query.get("event", [""])[0]
            game = next((g for g in games if g.id == wanted and g.league == league), None)
            if game is None:
                return _error(400, "Failed to get summary.")
            data = espn_games.summary(game, clock(), day)
        elif what == "scoreboard":
            asked = request.query.get("dates", [""])[0]
            other = _day(asked)
            if asked and other is None:
                return _error(400, "Invalid dates parameter.")
            if other is not None and other != today:
                data = espn_season.scoreboard(season, league, other)
            else:
                data = espn_games.scoreboard(games, league, clock(), day)
        elif what == "teams":
            data = espn_season.teams(league)
        elif standings:
            data = espn_season.standings(season, league)
        else:
            fixture = request.query.get("fixture", [""])[0] == "true"
            data = espn_season.team_schedule(season, league, match.group(4), clock(), day,
                                             fixture)  # fmt: skip
            if data is None:
                return _error(400, "Failed to get team schedule.")
        return Response(200, json.dumps(data, separators=(",", ":")).encode())

    return answer


def _error(status: int, message: str) -> Response:
    return Response(status, json.dumps({"code": status, "message": message}).encode())


def _day(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%Y%m%d").date() if len(text) == 8 else None
    except ValueError:
        return None


@contextmanager
def run(
    speed: float = 1.0, seed: int = 7, port: int = 0
) -> Iterator[tuple[str, list[espn_games.ScriptedGame]]]:
    """Serve the demo script on 127.0.0.1; yields (base URL, games)."""
    games = espn_games.schedule(seed)
    with serve(handler(games, ScriptClock(speed), espn_games.start_of_day()), port=port) as url:
        yield url, games
