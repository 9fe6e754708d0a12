"""``livescore line``: one short line for a status bar, rewritten on every change."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from livescore.app.options import Espn
    from livescore.core.teams import GameFilter
    from livescore.sinks.statusline import LineStyle


@dataclass(frozen=True)
class Line:
    espn: "Espn"
    keep: "GameFilter"  # --team, else the favourites, else every game of the leagues
    following: bool  # teams were named: their results are shown when nothing is live or due
    style: "LineStyle"
    once: bool = False
    delay: float = 0.0


def build(
    given: Given,
    leagues: p.TeamLeaguesArg = None,
    team: p.TeamOpt = None,
    program: Annotated[
        str,
        typer.Option(
            "--for",
            metavar="PROGRAM",
            help="plain, tmux, waybar, polybar or i3blocks: the line as that program reads it.",
        ),
    ] = "plain",
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            metavar="TEMPLATE",
            help="Each game as, e.g., '{away} {away_score}-{home_score} {home} {clock}' "
            "(fields in the README).",
            show_default=False,
        ),
    ] = None,
    separator: Annotated[
        str, typer.Option("--separator", metavar="TEXT", help="Between games.")
    ] = " | ",
    most: Annotated[
        int, typer.Option("--max", metavar="N", help="Games on the line; more show as +N.")
    ] = 3,
    tz: p.TzOpt = None,
    once: Annotated[bool, typer.Option("--once", help="Print the line once and exit.")] = False,
    interval: p.IntervalOpt = None,
    espn_url: p.EspnUrlOpt = None,
    delay: p.DelayOpt = None,
) -> Line:
    """One short line for a status bar, rewritten on every change (live scores, else the
    next start, else the results of your teams).

    Example, tmux: set -g status-right '#(livescore line nba --team BOS --for tmux)'
    """
    from livescore.app import checks
    from livescore.app.layers import Layers
    from livescore.core.errors import UsageError
    from livescore.core.teams import GameFilter, parse_teams
    from livescore.render.statusline import PROGRAMS, check_template
    from livescore.sinks.statusline import LineStyle

    layers = Layers(given, leagues=leagues, espn_url=espn_url, interval=interval)
    chosen = program.strip().lower()
    if chosen not in PROGRAMS:
        raise UsageError(f"--for is one of {', '.join(PROGRAMS)}, got {program!r}")
    shape = check_template(template) if template is not None else None
    if most < 1:
        raise UsageError(f"--max must be 1 or more, got {most}")
    teams = parse_teams(team or []) or layers.favourites()
    espn = layers.espn(layers.team_leagues(leagues, teams))
    style = LineStyle(chosen, shape, separator, most, checks.zone(tz))
    keep = GameFilter(teams=teams)
    return Line(espn, keep, bool(teams), style, once, checks.delay(delay))


async def run(options: Line, redact: Redactor) -> None:
    """The status-bar line: written at the start and whenever it changes."""
    import sys

    from livescore.app.compose import compose
    from livescore.app.sources import espn_poller
    from livescore.sinks.statusline import StatusLineSink

    sink = StatusLineSink(sys.stdout.buffer, options.style, options.following)
    async with espn_poller(options.espn, once=options.once) as poller:
        await compose(poller, sink, redact, keep=options.keep, delay=options.delay)
