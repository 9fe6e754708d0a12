"""A recorded ESPN scoreboard answer → what the poller made of it when it came. Pure."""

from __future__ import annotations

from datetime import datetime

from livescore.core.leagues import resolve
from livescore.core.model import Problem, SourceItem, Update
from livescore.espn.response import FetchError, read_response


def replayed_answer(league_path: str, status: object, body: str, at: datetime) -> SourceItem:
    """One recorded answer (``league`` is the ESPN path, ``status`` the HTTP status)."""
    league = resolve(league_path)
    feed = f"espn {league.alias}"
    code = status if isinstance(status, int) and not isinstance(status, bool) else 200
    try:
        games, _ = read_response(code, body.encode(), None, league)
    except FetchError as exc:
        return Problem(feed, f"{exc} (recorded)", at)
    return Update(feed, tuple(games), at)
