"""An ESPN-shaped server (scoreboards and game summaries) playing a script in (accelerated)
real time."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from livescore.sim import espn_games
from livescore.sim.http import Request, Response, serve

_PATH = re.compile(r"^/apis/site/v2/sports/([a-z0-9-]+)/([a-z0-9.\-]+)/(scoreboard|summary)$")


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

    def answer(request: Request) -> Response:
        match = _PATH.match(request.path)
        if not match or leagues.get(match.group(2)) != match.group(1):
            body = {"code": 404, "message": "Failed to get events endpoint."}
            return Response(404, json.dumps(body).encode())
        if match.group(3) == "summary":  # one game: ?event=ID
            wanted = request.query.get("event", [""])[0]
            game = next((g for g in games if g.id == wanted and g.league == match.group(2)), None)
            if game is None:
                body = {"code": 400, "message": "Failed to get summary."}
                return Response(400, json.dumps(body).encode())
            data = espn_games.summary(game, clock(), day)
        else:
            data = espn_games.scoreboard(games, match.group(2), clock(), day)
        return Response(200, json.dumps(data, separators=(",", ":")).encode())

    return answer


@contextmanager
def run(speed: float = 1.0, seed: int = 7) -> Iterator[tuple[str, list[espn_games.ScriptedGame]]]:
    """Serve the demo script on 127.0.0.1; yields (base URL, games)."""
    games = espn_games.schedule(seed)
    with serve(handler(games, ScriptClock(speed), espn_games.start_of_day())) as url:
        yield url, games
