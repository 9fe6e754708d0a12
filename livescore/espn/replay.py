"""Recorded ESPN answers → what livescore made of them when they came: a scoreboard's games
(as the poller), a game summary's game and its new plays (as ``livescore game``). Pure."""

from __future__ import annotations

from datetime import datetime

from livescore.core.leagues import resolve
from livescore.core.model import Game, Plays, Problem, SourceItem, Update
from livescore.espn.detail.changes import PlayTracker
from livescore.espn.response import FetchError, read_response, read_summary


class EspnReplay:
    """One replay: a recorded 304 (unchanged) repeats that league's last games, as the
    poller did."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[Game, ...]] = {}
        self._trackers: dict[str, PlayTracker] = {}

    def answer(self, league_path: str, status: object, body: str, at: datetime) -> SourceItem:
        """One recorded answer (``league`` is the ESPN path, ``status`` the HTTP status)."""
        league = resolve(league_path)
        feed = f"espn {league.alias}"
        code = status if isinstance(status, int) and not isinstance(status, bool) else 200
        if code == 304 and league_path in self._last:
            return Update(feed, self._last[league_path], at)
        try:
            games, _ = read_response(code, body.encode(), None, league)
        except FetchError as exc:
            return Problem(feed, f"{exc} (recorded)", at)
        self._last[league_path] = tuple(games)
        return Update(feed, tuple(games), at)

    def summary(self, where: str, status: object, body: str, at: datetime) -> list[SourceItem]:
        """One recorded game summary (``where``: ``basketball/nba/summary?event=ID``): the
        game, then its plays new since the last summary of it (the first: every play)."""
        path, _, query = where.partition("/summary?event=")
        league = resolve(path)
        code = status if isinstance(status, int) and not isinstance(status, bool) else 200
        feed = f"espn detail {league.alias}"
        try:
            detail = read_summary(code, body.encode(), None, league, query)
        except FetchError as exc:
            return [Problem(feed, f"{exc} (recorded)", at)]
        tracker = self._trackers.setdefault(where, PlayTracker())
        shown, changes = tracker.update(detail)
        game = shown.game
        return [Update(f"espn {league.alias}", (game,), at), Plays(feed, game, tuple(changes), at)]
