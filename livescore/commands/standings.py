"""``livescore standings``: a league's standings, as ESPN groups them."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from livescore.app.options import Espn
    from livescore.core.teams import TeamSpec


@dataclass(frozen=True)
class StandingsOptions:
    espn: "Espn"  # one league
    format: str
    group: str | None
    season: str | None
    favourites: tuple["TeamSpec", ...]
    record: str | None = None
    replay: str | None = None


def build(
    given: Given,
    league: Annotated[
        str | None,
        typer.Argument(
            metavar="LEAGUE",
            help="nba, nfl, epl, fifa.world... Default: the config file's one league.",
            autocompletion=p.complete_league,
            show_default=False,
        ),
    ] = None,
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            "-g",
            metavar="NAME",
            help="Only this conference, division or group (East, AFC, 'Group A'; any part "
            "of its name, any case).",
            show_default=False,
        ),
    ] = None,
    season: p.SeasonOpt = None,
    fmt: p.FormatOpt = None,
    json_: p.JsonOpt = False,
    espn_url: p.EspnUrlOpt = None,
    timeout: p.EspnTimeoutOpt = None,
    record: p.RecordOpt = None,
    replay: p.DocsReplayOpt = None,
) -> StandingsOptions:
    """A league's standings as ESPN groups them (conferences, divisions, soccer groups), in
    rank order, with the columns fans read for the sport; favourites starred.

    Example: livescore standings nba --group east    (or: livescore standings epl --json)
    """
    from livescore.app import checks
    from livescore.app.layers import Layers
    from livescore.core.errors import UsageError

    layers = Layers(given, fmt=fmt, espn_url=espn_url, timeout=timeout)
    leagues = layers.leagues([league] if league else [])
    if len(leagues) != 1:
        raise UsageError("standings shows one league: say which (livescore standings nba)")
    if record and replay:
        raise UsageError("--record and --replay: one or the other")
    output = layers.output(fmt, json_, None, True, "livescore")
    chosen = group.strip() if group and group.strip() else None
    return StandingsOptions(
        layers.espn(leagues), output.format, chosen, checks.season(season),
        layers.favourites(), record, replay,
    )  # fmt: skip


async def run(options: StandingsOptions, redact: Redactor) -> None:
    from datetime import UTC, datetime

    from livescore.app.launch import warn
    from livescore.app.sources import espn_docs
    from livescore.espn import season
    from livescore.sinks import season as out

    league = options.espn.leagues[0]
    async with espn_docs(options.espn, warn, options.record, options.replay) as docs:
        standings = await season.standings(docs, league, options.season)
    standings = out.only_group(standings, options.group, league.alias)
    now = datetime.now(UTC)
    favourite = out.favourite_team(options.favourites, league.alias)
    out.show_standings(standings, league, options.format, favourite, now)
