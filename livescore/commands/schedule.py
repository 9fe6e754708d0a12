"""``livescore schedule``: a team's season schedule, or a league's next days."""

from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from collections.abc import Sequence

    from livescore.app.layers import Layers
    from livescore.app.options import Espn
    from livescore.core.leagues import League
    from livescore.core.teams import TeamSpec
    from livescore.espn.schedule import Fixture, TeamSchedule


@dataclass(frozen=True)
class ScheduleOptions:
    espn: "Espn"  # the leagues: of the teams, or the one whose days are shown
    teams: tuple[tuple["League", str], ...]  # (league, team as named); () for the days
    format: str
    first: date | None  # --date; None: today
    days: int | None  # --days; None: 7 for a league, the season's end for a team
    last: int  # --last N: a team's N results before the first day too
    season: str | None
    zone: tzinfo | None
    favourites: tuple["TeamSpec", ...]
    record: str | None = None
    replay: str | None = None


def build(
    given: Given,
    league: Annotated[
        str | None,
        typer.Argument(
            metavar="[LEAGUE]",
            help="The league (nba, nfl, epl...). Without --team: its next days. Without "
            "LEAGUE and --team: the schedules of the config file's favourite teams.",
            autocompletion=p.complete_league,
            show_default=False,
        ),
    ] = None,
    team: p.TeamOpt = None,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            "-n",
            metavar="N",
            help="N days from the first (a league: default 7; a team: default the rest of "
            "its season).",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYYMMDD",
            help="The first day. [default: today (ESPN's day, US Eastern)]",
            show_default=False,
        ),
    ] = None,
    last: Annotated[
        int,
        typer.Option("--last", metavar="N", help="A team's last N results before that too."),
    ] = 0,
    season: p.SeasonOpt = None,
    fmt: p.FormatOpt = None,
    json_: p.JsonOpt = False,
    tz: p.TzOpt = None,
    espn_url: p.EspnUrlOpt = None,
    timeout: p.EspnTimeoutOpt = None,
    record: p.RecordOpt = None,
    replay: p.DocsReplayOpt = None,
) -> ScheduleOptions:
    """A team's season schedule (results, what is next, TV), or a league's next days.

    Example: livescore schedule nba --team BOS    (or: livescore schedule nfl --days 3)
    """
    from datetime import datetime

    from livescore.app import checks
    from livescore.app.layers import Layers
    from livescore.core.errors import UsageError
    from livescore.core.leagues import resolve
    from livescore.core.teams import parse_teams

    layers = Layers(given, fmt=fmt, espn_url=espn_url, timeout=timeout)
    if record and replay:
        raise UsageError("--record and --replay: one or the other")
    if last < 0:
        raise UsageError(f"--last must be 0 or more, got {last}")
    chosen = checks.date(on)
    first = datetime.strptime(chosen, "%Y%m%d").date() if chosen else None
    count = checks.days(days) if days is not None else None
    specs = parse_teams(team or [])
    if not specs and league is None:
        specs = layers.favourites()
        if not specs:
            raise UsageError(
                "Missing argument 'LEAGUE': give one (livescore schedule nba), or --team, or "
                f'set favourite teams ("nba:BOS") in the config file {layers.file.path}'
            )
    named = resolve(league) if league else None
    teams: list[tuple[League, str]] = []
    for spec in specs:
        where = resolve(spec.league) if spec.league else named
        if where is None:
            where = _one_league(layers, spec)
        teams.append((where, spec.team))
    if not teams and season:
        raise UsageError("--season is for a team's schedule: add --team TEAM")
    leagues = tuple(dict.fromkeys(lg for lg, _ in teams)) or (named,)
    output = layers.output(fmt, json_, None, True, "livescore")
    return ScheduleOptions(
        layers.espn([lg for lg in leagues if lg is not None]), tuple(teams), output.format,
        first, count, last, checks.season(season), checks.zone(tz), layers.favourites(),
        record, replay,
    )  # fmt: skip


def _one_league(layers: "Layers", spec: "TeamSpec") -> "League":
    """A team named without its league: the config's one league, else an error."""
    from livescore.core.errors import UsageError

    try:
        found = layers.leagues([])
    except UsageError:
        found = ()
    if len(found) == 1:
        return found[0]
    raise UsageError(f"which league is {spec.team!r} in? Say it: livescore schedule nba "
                     f"--team {spec.team} (or --team nba:{spec.team})")  # fmt: skip


async def run(options: ScheduleOptions, redact: Redactor) -> None:
    import asyncio
    from datetime import UTC, datetime

    from livescore.app.launch import warn
    from livescore.app.sources import espn_docs
    from livescore.core.errors import LivescoreError
    from livescore.espn import season
    from livescore.espn.sportsday import us_eastern
    from livescore.sinks import season as out

    now = datetime.now(UTC)
    first = options.first or us_eastern(now).date()
    async with espn_docs(options.espn, warn, options.record, options.replay) as docs:
        if not options.teams:
            league = options.espn.leagues[0]
            count = options.days or 7
            fixtures = await season.days(docs, league, first, count)
            if not fixtures:
                raise LivescoreError(
                    f"no {league.alias} games from {first:%a %b %-d} for {count} day(s)"
                )
            days = f"{count} days from" if count > 1 else "the day of"
            title = f"{league.name} schedule · {days} {first:%a %b %-d} (ESPN's days)"
            favourite = out.favourite_game(options.favourites)
            out.show_days(league, fixtures, title, options.format, options.zone, now, favourite)
            return
        found = await asyncio.gather(
            *(season.team_schedule(docs, lg, team, options.season) for lg, team in options.teams)
        )
    shown: list[tuple[League, TeamSchedule, list[Fixture]]] = []
    for (league, _), schedule in zip(options.teams, found, strict=True):
        fixtures = _window(schedule.fixtures, options, first)
        if not fixtures:
            raise LivescoreError(_empty(schedule, options, first))
        shown.append((league, schedule, fixtures))
    out.show_schedules(shown, options.format, options.zone, now)


def _window(
    fixtures: "Sequence[Fixture]", options: ScheduleOptions, first: date
) -> "list[Fixture]":
    """The fixtures from the first day (``--date``, else today; with ``--season`` and no
    ``--date`` the whole season) for ``--days``, with ``--last`` results before it."""
    from datetime import UTC, datetime, timedelta

    if options.season and options.first is None:
        return list(fixtures)
    start = datetime(first.year, first.month, first.day, tzinfo=options.zone or UTC)
    if options.zone is None:
        start = start.replace(tzinfo=None).astimezone()  # the system's zone
    end = start + timedelta(days=options.days) if options.days else None
    before: list[Fixture] = []
    inside: list[Fixture] = []
    for fixture in fixtures:
        begins = fixture.game.start or ""
        when = datetime.fromisoformat(begins) if begins else None
        live = fixture.game.state == "in"
        if when is not None and when < start and not live:
            if fixture.game.state == "post":
                before.append(fixture)
            continue
        if end is not None and when is not None and when >= end:
            continue
        inside.append(fixture)
    return (before[-options.last :] if options.last else []) + inside


def _empty(schedule: "TeamSchedule", options: ScheduleOptions, first: date) -> str:
    season = f" in the {schedule.season} season" if schedule.season else ""
    if not schedule.fixtures:
        return f"ESPN lists no games for {schedule.team.name}{season}"
    last = schedule.fixtures[-1].game.start or ""
    return (
        f"{schedule.team.name} has no games from {first:%a %b %-d}{season} (its last was "
        f"{last[:10]}; see them with --last 5, or another --season)"
    )
