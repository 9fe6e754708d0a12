"""Where ``schedule``, ``next`` and ``standings`` write: the table printed once to fit the
terminal's width (80 columns when stdout is not one), one plain line per game or team, or
JSON lines (``fixture``, ``next``, ``standing`` objects)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, tzinfo

from rich.console import Console, RenderableType

from livescore.core.errors import LivescoreError, UsageError
from livescore.core.leagues import League
from livescore.core.model import Game
from livescore.core.teams import TeamSpec
from livescore.espn.schedule import Fixture, TeamSchedule
from livescore.espn.standings import Standings
from livescore.espn.teams import TeamRef
from livescore.sinks.stdout import write_bytes, write_lines


def favourite_team(favourites: Sequence[TeamSpec], league: str) -> Callable[[TeamRef], bool]:
    specs = [s for s in favourites if s.league in (None, league)]
    return lambda team: any(team.named(spec.team) for spec in specs)


def favourite_game(favourites: Sequence[TeamSpec]) -> Callable[[Game], bool]:
    return lambda game: any(spec.matches(game) for spec in favourites)


def only_group(standings: Standings, wanted: str | None, league: str) -> Standings:
    """``--group NAME``: the groups whose name or short name is, or holds, NAME."""
    if wanted is None:
        return standings
    text = " ".join(wanted.split()).lower()
    exact = [g for g in standings.groups if text in (g.name.lower(), g.short.lower())]
    found = exact or [g for g in standings.groups if text in g.name.lower()]
    if not found:
        names = ", ".join(repr(g.name) for g in standings.groups)
        raise UsageError(f"{league} has no standings group {wanted!r} (its groups: {names})")
    return replace(standings, groups=tuple(found))


def print_view(view: RenderableType) -> None:
    console = Console(highlight=False)
    console.print(view)


def width() -> int:
    return Console().width


def show_standings(
    standings: Standings,
    league: League,
    fmt: str,
    favourite: Callable[[TeamRef], bool],
    now: datetime,
) -> None:
    from livescore.render import standings as render

    if fmt == "jsonl":
        from livescore.jsonlines.season import standing_json

        write_bytes(
            sys.stdout.buffer,
            b"".join(
                standing_json(standings, group, n, entry, league.alias, league.sport, now,
                              favourite(entry.team)) + b"\n"
                for group in standings.groups
                for n, entry in enumerate(group.entries, 1)
            ),
        )  # fmt: skip
        return
    if fmt == "lines":
        shown = render.columns(standings, league.sport)
        write_lines(
            sys.stdout.buffer,
            [
                render.standing_line(group, n, entry, league.sport, league.alias,
                                     favourite(entry.team), shown)
                for group in standings.groups
                for n, entry in enumerate(group.entries, 1)
            ],
        )  # fmt: skip
        return
    title = f"{league.name} standings {standings.season}".strip()
    print_view(render.render_standings(standings, league.sport, width(), favourite, title))


def show_schedules(
    schedules: Sequence[tuple[League, TeamSchedule, Sequence[Fixture]]],
    fmt: str,
    zone: tzinfo | None,
    now: datetime,
) -> None:
    """Each team's fixtures (a table each; lines and JSON lines merged by start)."""
    from livescore.render import schedule as render

    if fmt == "table":
        for n, (league, schedule, fixtures) in enumerate(schedules):
            view = render.render_team_schedule(schedule, fixtures, league.alias, zone, now,
                                               width())  # fmt: skip
            if n:
                print_view("")
            print_view(view)
        return
    merged = sorted(
        ((league, schedule.team, f) for league, schedule, fixtures in schedules for f in fixtures),
        key=lambda item: (item[2].game.start or "~", item[2].game.id),
    )
    if fmt == "jsonl":
        from livescore.jsonlines.season import fixture_json

        write_bytes(sys.stdout.buffer, b"".join(fixture_json(f, now, t) + b"\n"
                                                for _, t, f in merged))  # fmt: skip
        return
    write_lines(
        sys.stdout.buffer, [render.fixture_line(f, lg.alias, zone, now, t) for lg, t, f in merged]
    )


def show_days(
    league: League,
    fixtures: Sequence[Fixture],
    title: str,
    fmt: str,
    zone: tzinfo | None,
    now: datetime,
    favourite: Callable[[Game], bool],
) -> None:
    from livescore.render import schedule as render

    if fmt == "jsonl":
        from livescore.jsonlines.season import fixture_json

        write_bytes(sys.stdout.buffer, b"".join(fixture_json(f, now) + b"\n" for f in fixtures))
    elif fmt == "lines":
        write_lines(
            sys.stdout.buffer, [render.fixture_line(f, league.alias, zone, now) for f in fixtures]
        )
    else:
        print_view(render.render_days(fixtures, title, zone, now, width(), favourite))


def show_next(
    found: Sequence[tuple[League, TeamRef, Fixture | None]],
    fmt: str,
    zone: tzinfo | None,
    now: datetime,
) -> None:
    from livescore.render.schedule import next_text

    if fmt == "jsonl":
        from livescore.jsonlines.season import next_json

        write_bytes(
            sys.stdout.buffer,
            b"".join(next_json(lg.alias, lg.sport, team, f, now) + b"\n" for lg, team, f in found),
        )
    elif fmt == "lines":
        write_lines(sys.stdout.buffer, [next_text(team, f, zone, now) for _, team, f in found])
    else:  # each line cut to the width, never wrapped
        from rich.text import Text

        for _, team, fixture in found:
            line = Text(next_text(team, fixture, zone, now), no_wrap=True, overflow="ellipsis")
            line.truncate(width(), overflow="ellipsis")
            print_view(line)
    if all(f is None for _, _, f in found):
        raise LivescoreError("no game scheduled" + (" for any of them" if len(found) > 1 else ""))
