"""Schedules for people: a team's season (date, time, opponent, result, round, TV) or the
league's days (each day's games), fitted to a width; one plain line per game; the one line
of a team's next game. Start times in the user's zone. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from rich.console import Group as Stack
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from livescore.core.model import Game
from livescore.core.timefmt import parse_iso
from livescore.espn.schedule import Fixture, TeamSchedule
from livescore.espn.teams import TeamRef
from livescore.render.lines import matchup, status_text
from livescore.render.table import STAR

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

Favourite = Callable[[Game], bool]


def local(start: str | None, zone: tzinfo | None) -> datetime | None:
    when = parse_iso(start)
    return when.astimezone(zone) if when is not None else None


def day_text(when: datetime | None, now: datetime, short: bool = False) -> str:
    """``Sun Sep 7``, or ``short``: ``Sun 9/7``; with the year when it is not this year's
    (``Sun Sep 7 2025``, ``Sun 9/7/25``)."""
    if when is None:
        return "TBD"
    other = when.year != now.astimezone(when.tzinfo).year
    if short:
        return f"{_DAYS[when.weekday()]} {when.month}/{when.day}" + (
            f"/{when.year % 100:02d}" if other else ""
        )
    text = f"{_DAYS[when.weekday()]} {_MONTHS[when.month - 1]} {when.day}"
    return f"{text} {when.year}" if other else text


def time_text(fixture: Fixture, zone: tzinfo | None) -> str:
    when = local(fixture.game.start, zone)
    if when is None or not fixture.time_set:
        return "TBD"
    hour = when.hour % 12 or 12
    return f"{hour}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"


def opponent(fixture: Fixture, team: TeamRef) -> str:
    """``vs DET`` at home, ``@ JAX`` away (``vs`` too at a neutral site's home side)."""
    game = fixture.game
    side = fixture.side_of(team)
    if side == "home":
        return f"vs {game.away.abbr}"
    if side == "away":
        return f"@ {game.home.abbr}"
    return matchup(game)


def result_text(fixture: Fixture, team: TeamRef, now: datetime) -> str:
    """``W 21-20`` (the team's score first), ``Postponed``, a live game's score and
    status; "" before the start."""
    game = fixture.game
    side = fixture.side_of(team)
    if game.state == "pre":
        return "Delayed" if "delay" in game.detail.lower() else ""
    mine, theirs = (game.home, game.away) if side == "home" else (game.away, game.home)
    if mine.score is None or theirs.score is None:
        return status_text(game, now)
    score = f"{mine.score}-{theirs.score}"
    if game.state == "in":
        return f"{score} · {status_text(game, now)}"
    outcome = fixture.result(team)
    extra = f" ({game.detail.split('/', 1)[1]})" if game.detail.startswith("Final/") else ""
    return f"{outcome} {score}{extra}".strip()


def render_team_schedule(
    schedule: TeamSchedule, fixtures: Sequence[Fixture], league: str, zone: tzinfo | None,
    now: datetime, width: int,
) -> RenderableType:  # fmt: skip
    team = schedule.team
    about = [x for x in (schedule.season, schedule.season_type) if x]
    standing = ", ".join(x for x in (schedule.record, schedule.standing) if x)
    title = f"{team.name} · {league.upper()} {' '.join(about)}".strip()
    if standing:
        title += f" · {standing}"
    table = _table()
    rounds = any(f.round for f in fixtures)
    tv = any(f.broadcast for f in fixtures)
    table.add_column("Date", no_wrap=True)
    table.add_column("Time", no_wrap=True, justify="right")
    table.add_column("Game", no_wrap=True)
    table.add_column("Result", no_wrap=True, overflow="ellipsis")
    if rounds and width >= 60:
        table.add_column("", no_wrap=True, style="dim", overflow="ellipsis")
    if tv and width >= 72:
        table.add_column("TV", no_wrap=True, overflow="ellipsis", max_width=24)
    for fixture in fixtures:
        game = fixture.game
        when = local(game.start, zone)
        result = Text(result_text(fixture, team, now))
        if result.plain.startswith("W "):
            result.stylize("bold")
        if game.state == "in":
            result.stylize("green")
        cells = [
            Text(day_text(when, now, short=width < 64)),
            Text("" if game.state == "post" else time_text(fixture, zone)),
            Text(opponent(fixture, team)),
            result,
        ]
        if rounds and width >= 60:
            cells.append(Text(fixture.round))
        if tv and width >= 72:
            cells.append(Text(fixture.broadcast))
        table.add_row(*cells, style="bold" if game.state == "in" else "")
    bye = f"Bye: week {schedule.bye_week}" if schedule.bye_week else ""
    parts: list[RenderableType] = [Text(title, style="bold"), table]
    if bye:
        parts.append(Text(bye, style="dim"))
    return Stack(*parts)


def render_days(
    fixtures: Sequence[Fixture], title: str, zone: tzinfo | None, now: datetime, width: int,
    favourite: Favourite,
) -> RenderableType:  # fmt: skip
    """The games day by day (in the user's zone): time or status, the game, TV."""
    parts: list[RenderableType] = [Text(title, style="bold")]
    tv = any(f.broadcast for f in fixtures) and width >= 60
    day = None
    table: Table | None = None
    for fixture in fixtures:
        game = fixture.game
        when = local(game.start, zone)
        shown = day_text(when, now)
        if shown != day or table is None:
            day = shown
            parts += [Text(""), Text(shown, style="bold")]
            table = _table(header=False)
            table.add_column("", no_wrap=True, justify="right")
            table.add_column("", no_wrap=True, overflow="ellipsis")
            if tv:
                table.add_column("", no_wrap=True, overflow="ellipsis", style="dim", max_width=24)
            parts.append(table)
        status = time_text(fixture, zone) if game.state == "pre" else status_text(game, now)
        name = Text(matchup(game))
        if favourite(game):
            name = Text.assemble((STAR, "bold yellow"), (name.plain, "bold"))
        cells = [Text(status, style="green" if game.state == "in" else ""), name]
        if tv:
            cells.append(Text(fixture.broadcast))
        table.add_row(*cells)
    if len(parts) == 1:
        parts.append(Text("no games", style="dim"))
    return Stack(*parts)


def _table(header: bool = True) -> Table:
    return Table(box=None, show_edge=False, pad_edge=False, padding=(0, 2, 0, 0),
                 expand=False, header_style="bold", show_header=header)  # fmt: skip


def fixture_line(
    fixture: Fixture, league: str, zone: tzinfo | None, now: datetime,
    team: TeamRef | None = None,
) -> str:  # fmt: skip
    """``2025-09-07 8:20 PM  nfl  KC @ LAC  W 27-21  Week 1  NBC``: one per game, its parts
    two spaces apart."""
    game = fixture.game
    when = local(game.start, zone)
    date = when.strftime("%Y-%m-%d") if when is not None else "date TBD"
    parts = [f"{date} {time_text(fixture, zone)}", league]
    if team is not None:
        parts += [f"{team.abbr} {opponent(fixture, team)}", result_text(fixture, team, now)]
    else:
        parts += [matchup(game), "" if game.state == "pre" else status_text(game, now)]
    parts += [fixture.round, fixture.broadcast]
    return "  ".join(p for p in parts if p)


def next_text(team: TeamRef, fixture: Fixture | None, zone: tzinfo | None, now: datetime) -> str:
    """``BOS  Tue Dec 8 7:30 PM  vs PHI  TNT``, a live game's score, or ``no game
    scheduled``."""
    if fixture is None:
        return f"{team.abbr}  no game scheduled"
    game = fixture.game
    if game.state == "in":
        return f"{team.abbr}  now  {matchup(game)}  {status_text(game, now)}"
    when = local(game.start, zone)
    start = day_text(when, now)
    if when is not None and when.date() == now.astimezone(zone).date():
        start = "today"
    parts = [team.abbr, f"{start} {time_text(fixture, zone)}", opponent(fixture, team),
             fixture.broadcast]  # fmt: skip
    return "  ".join(p for p in parts if p)
