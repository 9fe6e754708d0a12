"""What ``schedule``, ``next`` and ``standings`` ask ESPN for, and what an answer that is not
the document means (reference/espn-detail.md §2, §4, §5):

- standings: ``/apis/v2/sports/{sport}/{league}/standings`` (``/apis/site/v2`` answers a
  stub), one request;
- a team's schedule: ``/apis/site/v2/sports/{sport}/{league}/teams/{team}/schedule``, where
  ESPN takes the abbreviation as well as the id: one request when the team is named by its
  abbreviation and ESPN knows it; else the league's team list (``/teams``) first, to find
  the id of a full or short name;
- the league's days: one scoreboard per ESPN day (``?dates=YYYYMMDD``, never a range: ESPN
  answers ranges with HTTP 400), fetched concurrently, at most ``DAYS_AT_ONCE`` at a time.

Answers are kept for the run (``docs.py``) for ``*_TTL`` seconds.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from livescore.core.errors import LivescoreError, ParseError, RejectedError, UsageError
from livescore.core.leagues import League
from livescore.core.timefmt import parse_iso
from livescore.espn.docs import Answer, Docs
from livescore.espn.response import FetchError, not_json, status_error
from livescore.espn.schedule import Fixture, TeamSchedule, parse_day, parse_team_schedule
from livescore.espn.sportsday import DAY_ENDS, us_eastern
from livescore.espn.standings import Standings, read_standings
from livescore.espn.teams import TeamRef, find, parse_team_list

STANDINGS_TTL = 600.0
SCHEDULE_TTL = 600.0
TEAMS_TTL = 86_400.0
DAY_TTL = 120.0  # a day's scoreboard: starts and results of the days ahead
DAYS_AT_ONCE = 8
MAX_DAYS = 31
SOON = timedelta(hours=12)  # a next game starting within this is read from the scoreboard
LATE = timedelta(hours=12)  # a start this long past, still "pre": not the next game


class NotFound(LivescoreError):
    """ESPN has no such document (a league without standings, a team it does not know)."""


def _site(league: League) -> str:
    return f"apis/site/v2/sports/{league.path}"


async def standings(docs: Docs, league: League, season: str | None = None) -> Standings:
    what = f"espn standings {league.alias}"
    params = {"season": season} if season else None
    answer = await _get(docs, what, f"apis/v2/sports/{league.path}/standings", params,
                        STANDINGS_TTL)  # fmt: skip
    if answer.status in (400, 404):
        raise NotFound(f"{what}: ESPN keeps no standings for {league.alias} (HTTP "
                       f"{answer.status})")  # fmt: skip
    _check(what, answer)
    try:
        return read_standings(answer.body)
    except ValueError:
        raise LivescoreError(f"{what}: {not_json(answer.body)}") from None
    except ParseError as exc:
        raise NotFound(f"{what}: ESPN keeps no standings for {league.alias} ({exc})") from None


async def team_schedule(
    docs: Docs, league: League, team: str, season: str | None = None
) -> TeamSchedule:
    """``team`` as the user named it (``BOS``, ``Boston Celtics``, ``Celtics``). A soccer
    team's schedule lists only results unless asked for ``fixture=true``, which lists only
    the games to come: both are asked for, at once, and merged."""
    what = f"espn schedule {league.alias}"
    params = {"season": season} if season else {}
    if _abbreviation_like(team):
        path = f"{_site(league)}/teams/{team.lower()}/schedule"
        found = await _schedule_of(docs, what, path, params, league)
        if found is not None and found.team.named(team):
            return found
    ref = await find_team(docs, league, team)
    path = f"{_site(league)}/teams/{ref.id}/schedule"
    found = await _schedule_of(docs, what, path, params, league)
    if found is None:
        raise NotFound(f"{what}: ESPN has no schedule for {ref.name}")
    return found


async def _schedule_of(
    docs: Docs, what: str, path: str, params: dict[str, str], league: League
) -> TeamSchedule | None:
    """The schedule at ``path`` (soccer: its results and its fixtures merged); None when
    ESPN does not know the team (400/404)."""
    asks = [params] + ([{**params, "fixture": "true"}] if league.sport == "soccer" else [])
    answers = await asyncio.gather(*(_get(docs, what, path, a or None, SCHEDULE_TTL)
                                     for a in asks))  # fmt: skip
    if answers[0].status in (400, 404):
        return None
    found: list[TeamSchedule] = []
    for answer in answers:
        if answer.status in (400, 404) and found:
            continue  # (the fixtures of a team with none to come)
        _check(what, answer)
        found.append(_schedule(what, answer, league))
    first = found[0]
    if len(found) == 1:
        return first
    merged = {f.game.id: f for schedule in found for f in schedule.fixtures}
    fixtures = sorted(merged.values(), key=lambda f: (f.game.start or "~", f.game.id))
    return replace(first, fixtures=tuple(fixtures))


async def find_team(docs: Docs, league: League, team: str) -> TeamRef:
    what = f"espn teams {league.alias}"
    answer = await _get(docs, what, f"{_site(league)}/teams", {"limit": "1000"}, TEAMS_TTL)
    if answer.status in (400, 404):
        raise NotFound(f"{what}: ESPN lists no teams for {league.alias} (HTTP {answer.status})")
    _check(what, answer)
    try:
        teams = parse_team_list(_json(what, answer))
    except ParseError as exc:
        raise NotFound(f"{what}: {exc}") from None
    found = find(teams, team)
    if found is None:
        some = ", ".join(sorted(t.abbr for t in teams)[:40])
        more = " ..." if len(teams) > 40 else ""
        raise UsageError(f"{league.alias} has no team {team!r} (its teams: {some}{more})")
    return found


async def days(docs: Docs, league: League, first: date, count: int) -> list[Fixture]:
    """The league's fixtures of ``count`` ESPN days from ``first``: one scoreboard a day, at
    most DAYS_AT_ONCE at a time; every day's answer or the first failure."""
    gate = asyncio.Semaphore(DAYS_AT_ONCE)

    async def one(day: date) -> tuple[Fixture, ...]:
        async with gate:
            return await day_fixtures(docs, league, day)

    found = await asyncio.gather(*(one(first + timedelta(days=n)) for n in range(count)))
    seen: dict[str, Fixture] = {}
    for fixtures in found:
        for fixture in fixtures:
            seen.setdefault(fixture.game.id, fixture)
    return sorted(seen.values(), key=lambda f: (f.game.start or "~", f.game.id))


async def day_fixtures(docs: Docs, league: League, day: date) -> tuple[Fixture, ...]:
    what = f"espn {league.alias} {day:%Y%m%d}"
    params = {"dates": f"{day:%Y%m%d}"}
    answer = await _get(docs, what, f"{_site(league)}/scoreboard", params, DAY_TTL)
    if answer.status in (400, 404):
        raise NotFound(f"{what}: HTTP {answer.status}: is {league.path!r} a league ESPN knows?")
    _check(what, answer)
    try:
        return parse_day(_json(what, answer), league)
    except ParseError as exc:
        raise LivescoreError(f"{what}: unexpected JSON: {exc}") from None


def _abbreviation_like(team: str) -> bool:
    text = team.strip()
    return 1 <= len(text) <= 6 and text.replace("&", "").isalnum() and text.isascii()


async def _get(
    docs: Docs, what: str, path: str, params: dict[str, str] | None, ttl: float
) -> Answer:
    try:
        return await docs.get(what, path, params, ttl)
    except FetchError as exc:
        cls = RejectedError if exc.rejected else LivescoreError
        raise cls(f"{what}: {exc}") from None


def _check(what: str, answer: Answer) -> None:
    if answer.status != 200:
        exc = status_error(answer.status, answer.body, None)
        cls = RejectedError if exc.rejected else LivescoreError
        raise cls(f"{what}: {exc}")


def _json(what: str, answer: Answer) -> object:
    try:
        return json.loads(answer.body)
    except (ValueError, RecursionError):
        raise LivescoreError(f"{what}: {not_json(answer.body)}") from None


def _schedule(what: str, answer: Answer, league: League) -> TeamSchedule:
    try:
        return parse_team_schedule(_json(what, answer), league)
    except ParseError as exc:
        raise LivescoreError(f"{what}: unexpected JSON: {exc}") from None


def next_fixture(fixtures: Sequence[Fixture], now: datetime) -> Fixture | None:
    """The game on now, else the next to start (one whose start passed less than
    ``LATE`` ago without ESPN saying it began still counts), else None."""
    for fixture in fixtures:
        if fixture.game.state == "in":
            return fixture
    horizon = now - LATE
    for fixture in fixtures:
        if fixture.game.state != "pre":
            continue
        start = parse_iso(fixture.game.start)
        if start is None or start >= horizon:
            return fixture
    return None


async def next_games(
    docs: Docs, teams: Sequence[tuple[League, str]], now: datetime, scores: bool = True
) -> list[tuple[League, TeamRef, Fixture | None]]:
    """Each team's game on now, else its next (``next_fixture``), from its schedule (one
    request a team). With ``scores``, a game on now or soon is read again from its day's
    scoreboard (one request a league and day): a schedule has no live score."""
    schedules = await asyncio.gather(*(team_schedule(docs, lg, team) for lg, team in teams))
    found: list[tuple[League, TeamRef, Fixture | None]] = []
    for (league, _), schedule in zip(teams, schedules, strict=True):
        fixture = next_fixture(schedule.fixtures, now)
        if scores and fixture is not None and _soon(fixture, now):
            fixture = await _from_scoreboard(docs, league, fixture)
        found.append((league, schedule.team, fixture))
    return found


def _soon(fixture: Fixture, now: datetime) -> bool:
    start = parse_iso(fixture.game.start)
    return fixture.game.state == "in" or (start is not None and start - now < SOON)


async def _from_scoreboard(docs: Docs, league: League, fixture: Fixture) -> Fixture:
    start = parse_iso(fixture.game.start)
    if start is None:
        return fixture
    day = us_eastern(start - timedelta(hours=DAY_ENDS)).date()
    try:
        games = await day_fixtures(docs, league, day)
    except LivescoreError as exc:
        docs.warn(f"{exc} (the schedule's view of the game is shown)")
        return fixture
    for other in games:
        if other.game.id == fixture.game.id:
            return replace(fixture, game=other.game)
    return fixture
