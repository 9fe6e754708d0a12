"""``livescore wait``: until a team's game starts, scores or ends; print that event, exit 0."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from livescore.app.options import Espn
    from livescore.core.teams import GameFilter
    from livescore.sinks.until import Until


@dataclass(frozen=True)
class Wait:
    espn: "Espn"
    keep: "GameFilter"
    until: "Until"  # start, score or final
    deadline: float | None  # seconds, --timeout
    delay: float = 0.0  # --delay, seconds


def build(
    given: Given,
    leagues: p.TeamLeaguesArg = None,
    team: Annotated[
        list[str] | None,
        typer.Option(
            "--team",
            "-t",
            metavar="TEAM",
            help="The team whose game to wait for (required): abbreviation, full or short "
            "name, optionally LEAGUE:TEAM. Repeatable: the first of their games to get there.",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str,
        typer.Option("--until", "-u", metavar="WHAT", help="start, score or final."),
    ] = "final",
    within: Annotated[
        str | None,
        typer.Option(
            "--timeout",
            metavar="DURATION",
            help="Give up after this long (90, 45s, 2m, 3h, 1h30m): exit 1.",
            show_default=False,
        ),
    ] = None,
    interval: p.IntervalOpt = None,
    espn_url: p.EspnUrlOpt = None,
    delay: p.DelayOpt = None,
) -> Wait:
    """Wait until a team's game starts, scores or ends; print that event (JSON) and exit 0.

    Example: livescore wait nba --team BOS --until final && ./after-the-game.sh
    """
    from livescore.app import checks
    from livescore.app.layers import Layers
    from livescore.core.errors import UsageError
    from livescore.core.teams import GameFilter, parse_teams
    from livescore.sinks.until import UNTIL

    layers = Layers(given, leagues=leagues, espn_url=espn_url, interval=interval)
    keep = GameFilter(teams=parse_teams(team or []))
    if not keep.teams:
        raise UsageError("wait needs --team TEAM: the game to wait for")
    chosen = until.strip().lower()
    event = next((u for u in UNTIL if u == chosen), None)
    if event is None:
        raise UsageError(f"--until is one of {', '.join(UNTIL)}, got {until!r}")
    deadline = checks.duration(within, "--timeout")
    espn = layers.espn(layers.team_leagues(leagues, keep.teams))
    return Wait(espn, keep, event, deadline, checks.delay(delay))


async def run(options: Wait, redact: Redactor) -> None:
    """Until the team's game starts, scores or ends: that event on stdout, exit 0; exit 1
    past --timeout, or when it can no longer happen."""
    import asyncio
    import sys

    from livescore.app.compose import compose
    from livescore.app.sources import espn_poller
    from livescore.core.errors import LivescoreError
    from livescore.jsonlines import event_json
    from livescore.sinks.stdout import write_line
    from livescore.sinks.until import Happened, UntilSink

    sink = UntilSink(options.until, options.keep, len(options.espn.leagues))
    async with espn_poller(options.espn) as poller:
        try:
            waiting = compose(poller, sink, redact, delay=options.delay)
            await asyncio.wait_for(waiting, options.deadline)
        except Happened as done:
            write_line(sys.stdout.buffer, event_json(done.event))
            return
        except TimeoutError:
            raise LivescoreError(
                f"no {options.until} for {options.keep.described} within {options.deadline:g}s"
            ) from None
    raise LivescoreError("the scoreboard feed ended")  # pragma: no cover (ESPN polls for ever)
