"""Events as one human line each, for tailing and logs."""

from __future__ import annotations

from datetime import datetime, tzinfo

from livescore.core.model import Event, FeedEvent, Game, Team
from livescore.core.timefmt import local_hms, local_start, projected_clock
from livescore.render.scores import decider, home_first, ordered, score_text, won_note
from livescore.render.situation import summary


def matchup(game: Game) -> str:
    """``PHI 95 @ BOS 98``; soccer shows the home side first: ``ARS 1-0 CHE``, and what
    settled a level game: ``GER 1-1 PAR (3-4 pens)``; cricket each side's innings: ``BAN 227
    & 231 v IND 314 & 145/7``; a field its leader: ``ZOZO CHAMPIONSHIP: 1. R. Fowler -14``;
    before the start the records, where ESPN gives them: ``GS (30-12) @ MIA (20-22)``."""
    if game.format == "field":
        return field_line(game)
    left, right = ordered(game)
    between = "v" if home_first(game) else "@"
    if left.score is None and right.score is None and game.state == "pre":  # every sport alike
        return f"{_with_record(left)} {between} {_with_record(right)}"
    lt, rt = score_text(game, left), score_text(game, right)
    if home_first(game) and lt and rt and game.sport != "cricket":
        line = f"{left.abbr} {lt}-{rt} {right.abbr}"
    else:  # US sports; cricket, where a side may not have batted yet
        line = f"{_side(left.abbr, lt)} {between} {_side(right.abbr, rt)}"
    settled = decider(game)
    return f"{line} ({settled})" if settled else line


def _with_record(team: Team) -> str:
    return f"{team.abbr} ({team.record})" if team.record else team.abbr


def _side(abbr: str, score: str) -> str:
    return f"{abbr} {score}" if score else abbr


def field_line(game: Game) -> str:
    """A golf or racing field in a line: its event, then the leader."""
    situation = game.situation or {}
    name = str(situation.get("event") or situation.get("session") or game.league.upper())
    return f"{name}: {leader(game)}" if leader(game) else name


def leader(game: Game) -> str:
    field = (game.situation or {}).get("field")
    if not isinstance(field, list) or not field or not isinstance(field[0], dict):
        return ""
    first = field[0]
    who = first.get("short") or first.get("name") or ""
    score = f" {first['score']}" if first.get("score") else ""
    return f"1. {who}{score}"


# ESPN's states of a break: the clock it still sends (``0.0``, ``45'+4'``) means nothing then.
BREAKS = frozenset(
    {"STATUS_HALFTIME", "STATUS_END_PERIOD", "STATUS_END_OF_REGULATION", "STATUS_END_OF_EXTRATIME"}
)
_BREAK_WORDS = ("halftime", "half time", "end of ", "mid ", "end ", "between ")


def in_break(game: Game) -> bool:
    """Between periods, halves or innings (half time, end of the 3rd, mid 5th): no clock, no
    count of balls and outs, only what ESPN says of the break."""
    if game.state != "in":
        return False
    detail = game.detail.lower()
    return game.phase in BREAKS or detail == "ht" or detail.startswith(_BREAK_WORDS)


def status_text(game: Game, now: datetime | None = None) -> str:
    """The status column; a running Sportrix clock is advanced to ``now`` when given. At a
    break the stopped clock is left out (``Halftime``, not ``0.0 Halftime``)."""
    if in_break(game):
        return game.detail
    clock = game.clock
    if game.clock_running and game.clock_seconds is not None and now is not None:
        clock = projected_clock(game.clock_seconds, game.clock_at, now)
    elif not clock or clock in game.detail:
        return game.detail
    return f"{clock} {game.detail}".strip()


def shown_status(game: Game, now: datetime, zone: tzinfo | None = None) -> str:
    """``status_text``, but before the start the start time in ``zone`` (None: the system's):
    ESPN's own text names US-Eastern time. A delayed or undecided start keeps ESPN's text."""
    if game.state == "pre" and game.start:
        detail = game.detail.lower()
        if "delay" not in detail and "tbd" not in detail and "postpone" not in detail:
            start = local_start(game.start, zone, now)
            if start:
                return start
    return status_text(game, now)


def full_status(game: Game, now: datetime, zone: tzinfo | None = None) -> str:
    """``shown_status``, what settled a level game (``FT-Pens (3-4 pens)``: the table's score
    columns hold the score only) and, when ESPN says more, the situation: ``Top 7th · 1-2, 2
    out``."""
    shown = shown_status(game, now, zone)
    settled = decider(game)
    if settled:
        shown = f"{shown} ({settled})"
    more = _more(game)
    return f"{shown} · {more}" if more else shown


def _more(game: Game) -> str:
    """The situation in a few words (none at a break), the win probability while live, and
    who won when the numbers do not say it."""
    parts = (
        "" if in_break(game) else summary(game.situation, game.sport),
        win_text(game),
        won_note(game),
    )
    return " · ".join(part for part in parts if part)


def win_text(game: Game) -> str:
    """``MIN 85%``: the favourite's chance of winning, while live, where ESPN gives it."""
    chances = (game.situation or {}).get("win_probability")
    if game.state != "in" or not isinstance(chances, dict):
        return ""
    home, away = chances.get("home"), chances.get("away")
    if not isinstance(home, float | int) or not isinstance(away, float | int):
        return ""
    team, share = (game.home, home) if home >= away else (game.away, away)
    return f"{team.abbr} {share * 100:.0f}%"


def event_line(event: Event) -> str:
    game = event.game
    what = event.kind if not event.resync else f"{event.kind}, resync"
    more = _more(game)
    status = f"{status_text(game)} · {more}" if more else status_text(game)
    head = f"{local_hms(event.ts)}  {league_label(game.league)}"
    return f"{head} {matchup(game)}  {status}  ({what})"


LABEL = 10  # the league column of the lines: FIFA.WORLD fits, longer names are cut


def league_label(league: str) -> str:
    """The league, upper case, padded or cut (with an ellipsis) to one width, so the games of
    every league line up: ``NBA       ``, ``PREMIER L…``."""
    name = league.upper()
    if len(name) > LABEL:
        name = name[: LABEL - 1] + "…"
    return f"{name:<{LABEL}}"


def feed_line(event: FeedEvent) -> str:
    """``23:58:41  FEED     espn nba stale: HTTP 503 (next try 23:58:45)``, or ``... ok``."""
    head = f"{local_hms(event.ts)}  {league_label('FEED')} {event.feed}"
    if event.state == "ok":
        return f"{head} ok"
    retry = f" (next try {local_hms(event.retry_at)})" if event.retry_at else ""
    return f"{head} stale: {event.error or 'failing'}{retry}"
