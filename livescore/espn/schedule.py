"""ESPN schedules → fixtures: a team's season (``/teams/{team}/schedule``) and the games of
one day (a scoreboard with ``?dates=``). Pure: no I/O.

A fixture is the ``Game`` every other command knows (``espn/parse.py`` reads each event:
the schedule's score objects, absent before a game and null while it is live, come out as
no score) plus what a schedule adds: the broadcast, the week or round, the season type and
whether the start time is set yet (ESPN's ``timeValid``: false for "TBD"). The traps
(reference/espn-detail.md §5): events carry no event-level status; ``season`` is the
season current when ESPN answered, ``requestedSeason`` the one asked for; events are not
always in date order (soccer lists them newest first): sorted here by start.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from livescore.core.errors import ParseError
from livescore.core.leagues import League
from livescore.core.model import Game, Side
from livescore.core.sanitize import clean
from livescore.espn.parse import parse_event_games
from livescore.espn.teams import TeamRef, team_ref

MAX_EVENTS = 400


@dataclass(frozen=True, slots=True)
class Fixture:
    game: Game
    broadcast: str = ""  # "ESPN", "NBC, Peacock"
    round: str = ""  # "Week 1", "Wild Card"
    season_type: str = ""  # "Regular Season", "Postseason"
    time_set: bool = True  # false: the day is known, the time is "TBD"
    venue: str = ""

    def side_of(self, team: TeamRef) -> Side | None:
        """Which side ``team`` is in this game, or None."""
        for side, other in (("home", self.game.home), ("away", self.game.away)):
            if team.abbr and other.abbr.upper() == team.abbr.upper():
                return side  # type: ignore[return-value]
            if team.name and other.name == team.name:
                return side  # type: ignore[return-value]
        return None

    def result(self, team: TeamRef) -> str:
        """W, L or T (D in soccer) for ``team`` in a finished game; "" otherwise."""
        side = self.side_of(team)
        game = self.game
        if side is None or game.state != "post" or game.home.score is None:
            return ""
        if game.winner is not None:
            return "W" if game.winner == side else "L"
        if game.home.score == game.away.score and game.detail not in ("Postponed", "Canceled"):
            return "D" if game.sport == "soccer" else "T"
        return ""


@dataclass(frozen=True, slots=True)
class TeamSchedule:
    team: TeamRef
    season: str  # the season asked for: "2025", "2024-25"
    season_type: str  # "Regular Season"
    record: str  # "15-2", soccer "0-2-3"; "" when ESPN gave another season's
    standing: str  # "1st in AFC West"; likewise
    fixtures: tuple[Fixture, ...]  # by start
    bye_week: int | None = None  # NFL


def parse_team_schedule(data: object, league: League) -> TeamSchedule:
    """Read one team schedule answer. Raises ParseError when it is not one (no team)."""
    if not isinstance(data, dict):
        raise ParseError("the schedule is not a JSON object")
    team = data.get("team")
    if not isinstance(team, dict):
        message = clean(data.get("message") or data.get("detail"), 120)
        if message:
            raise ParseError(f"ESPN answered with an error: {message}")
        raise ParseError("the answer has no team")
    ref = team_ref(team)
    if ref is None:
        raise ParseError("the schedule's team has no name")
    current = data.get("season")
    current = current if isinstance(current, dict) else {}
    asked = data.get("requestedSeason")
    season = asked if isinstance(asked, dict) else current
    # the team's record and standing are of the season current when ESPN answered: of
    # another season asked for, they would be wrong (KC's 2023 schedule says 15-2, 2024's)
    same = season is current or season.get("year") == current.get("year")
    events = data.get("events")
    fixtures = _fixtures(events if isinstance(events, list) else [], league)
    bye = data.get("byeWeek")
    return TeamSchedule(
        ref,
        clean(season.get("displayName"), 40),
        clean(season.get("name"), 40),
        clean(team.get("recordSummary"), 20) if same else "",
        clean(team.get("standingSummary"), 60) if same else "",
        fixtures,
        bye if isinstance(bye, int) and not isinstance(bye, bool) and 0 < bye < 60 else None,
    )


def parse_day(data: object, league: League) -> tuple[Fixture, ...]:
    """The fixtures of one scoreboard answer (a day of the league)."""
    if not isinstance(data, dict):
        raise ParseError("the scoreboard is not a JSON object")
    events = data.get("events")
    if not isinstance(events, list):
        message = clean(data.get("message") or data.get("detail"), 120)
        if message:
            raise ParseError(f"ESPN answered with an error: {message}")
        raise ParseError("the response has no 'events' list")
    return _fixtures(events, league)


def _fixtures(events: list[Any], league: League) -> tuple[Fixture, ...]:
    found: dict[str, Fixture] = {}
    for event in events[:MAX_EVENTS]:
        try:
            games = parse_event_games(event, league)
        except ParseError:
            continue  # an unreadable event is left out, as on the scoreboard
        comp = _first_competition(event)
        for game in games:
            found.setdefault(game.id, _fixture(game, event, comp))
    return tuple(sorted(found.values(), key=lambda f: (f.game.start or "~", f.game.id)))


def _first_competition(event: Mapping[str, Any]) -> Mapping[str, Any]:
    comps = event.get("competitions")
    if isinstance(comps, list) and comps and isinstance(comps[0], dict):
        first: Mapping[str, Any] = comps[0]
        return first
    return {}


def _fixture(game: Game, event: Mapping[str, Any], comp: Mapping[str, Any]) -> Fixture:
    week = event.get("week")
    round_ = clean(week.get("text"), 40) if isinstance(week, dict) else ""
    kind = event.get("seasonType")
    season_type = clean(kind.get("name"), 40) if isinstance(kind, dict) else ""
    time_set = event.get("timeValid", comp.get("timeValid", True)) is not False
    venue = comp.get("venue")
    return Fixture(
        game,
        _broadcast(comp.get("broadcasts")),
        round_,
        season_type,
        time_set,
        clean(venue.get("fullName"), 60) if isinstance(venue, dict) else "",
    )


def _broadcast(value: object) -> str:
    """The national broadcasters: a schedule lists ``{media: {shortName}}``, a scoreboard
    ``{market: "national", names: [...]}``."""
    if not isinstance(value, list):
        return ""
    names: list[str] = []
    for item in value[:20]:
        if not isinstance(item, dict):
            continue
        market = item.get("market")
        kind = market.get("type") if isinstance(market, dict) else market
        if isinstance(kind, str) and kind.lower() not in ("national", ""):
            continue
        media = item.get("media")
        listed = item.get("names")
        candidates = [media.get("shortName")] if isinstance(media, dict) else []
        candidates += listed if isinstance(listed, list) else []
        for name in candidates:
            text = clean(name, 30)
            if text and text not in names:
                names.append(text)
    return ", ".join(names[:4])
