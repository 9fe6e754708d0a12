"""Recorded ESPN scoreboard answers → what the poller made of them when they came. Pure."""

from __future__ import annotations

from datetime import datetime

from livescore.core.leagues import resolve
from livescore.core.model import Game, Problem, SourceItem, Update
from livescore.espn.response import FetchError, read_response


class EspnReplay:
    """One replay: a recorded 304 (unchanged) repeats that league's last games, as the
    poller did."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[Game, ...]] = {}

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
