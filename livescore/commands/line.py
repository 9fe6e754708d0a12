"""``livescore line``: one short line for a status bar, rewritten on every change."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from livescore.app.options import Espn
    from livescore.core.leagues import League
    from livescore.core.teams import GameFilter
    from livescore.sinks.statusline import LineStyle, StatusLineSink


@dataclass(frozen=True)
class Line:
    espn: "Espn"
    keep: "GameFilter"  # --team, else the favourites, else every game of the leagues
    following: bool  # teams were named: their results are shown when nothing is live or due
    style: "LineStyle"
    once: bool = False
    delay: float = 0.0
    # the followed teams by league, for their next game when none is on today
    later: tuple[tuple["League", str], ...] = ()


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
    later = tuple(
        (next(lg for lg in espn.leagues if lg.alias == spec.league) if spec.league else
         espn.leagues[0], spec.team)
        for spec in teams
        if (spec.league and any(lg.alias == spec.league for lg in espn.leagues))
        or (not spec.league and len(espn.leagues) == 1)
    )  # fmt: skip
    return Line(espn, keep, bool(teams), style, once, checks.delay(delay), later)


async def run(options: Line, redact: Redactor) -> None:
    """The status-bar line: written at the start and whenever it changes. With teams
    followed, their next game is looked up too (``livescore next``), for when none is on
    today: at the start, then every ``LATER_EVERY`` seconds."""
    import asyncio
    import contextlib
    import sys
    from datetime import UTC, datetime

    from livescore.app.compose import compose
    from livescore.app.sources import espn_poller
    from livescore.core.errors import NoMatch
    from livescore.sinks.statusline import StatusLineSink

    sink = StatusLineSink(sys.stdout.buffer, options.style, options.following,
                          looks_later=bool(options.later))  # fmt: skip
    task = None
    if options.later and not options.once:
        task = asyncio.create_task(_later(options, sink, redact, repeat=True))
    try:
        async with espn_poller(options.espn, once=options.once) as poller:
            try:
                await compose(poller, sink, redact, keep=options.keep, delay=options.delay)
            except NoMatch:
                if not sink.wanted.is_set():
                    raise
        if options.once and sink.wanted.is_set():  # nothing today: the next game, then
            await _later(options, sink, redact, repeat=False)
            sink.close(*sink.seen(), datetime.now(UTC))
            if sink.later is None:
                raise NoMatch(f"no games match {options.keep.described}, and none later")
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


LATER_EVERY = 1800.0  # seconds between looks at the followed teams' next game


async def _later(options: Line, sink: "StatusLineSink", redact: Redactor, repeat: bool) -> None:
    import asyncio
    from datetime import UTC, datetime

    from livescore.app.launch import warn
    from livescore.app.sources import espn_docs
    from livescore.core.errors import LivescoreError
    from livescore.espn import season

    said = False
    await sink.wanted.wait()  # only when no followed game is on the scoreboards
    async with espn_docs(options.espn, warn, None, None) as docs:
        while True:
            now = datetime.now(UTC)
            try:
                found = await season.next_games(docs, options.later, now, scores=False)
            except LivescoreError as exc:
                if not said:  # once: the line goes on without it
                    warn(redact(f"the next game: {exc}"))
                said = True
                if not repeat:
                    sink.show_later(None, now)
            else:
                games = [f.game for _, _, f in found if f is not None]
                soonest = min(games, key=lambda g: g.start or "~", default=None)
                sink.show_later(soonest, now)
            if not repeat:
                return
            await asyncio.sleep(LATER_EVERY)
