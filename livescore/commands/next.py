"""``livescore next``: each team's game on now, else its next, in one line each."""

from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from livescore.app.options import Espn
    from livescore.core.leagues import League


@dataclass(frozen=True)
class NextOptions:
    espn: "Espn"
    teams: tuple[tuple["League", str], ...]  # (league, team as named)
    format: str
    zone: tzinfo | None
    record: str | None = None
    replay: str | None = None


def build(
    given: Given,
    teams: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[TEAM...]",
            help="Teams as LEAGUE:TEAM (nba:BOS, epl:Arsenal); a bare TEAM is looked for in "
            "the config file's one league. Default: the config file's favourite teams.",
            show_default=False,
        ),
    ] = None,
    fmt: p.FormatOpt = None,
    json_: p.JsonOpt = False,
    tz: p.TzOpt = None,
    espn_url: p.EspnUrlOpt = None,
    timeout: p.EspnTimeoutOpt = None,
    record: p.RecordOpt = None,
    replay: p.DocsReplayOpt = None,
) -> NextOptions:
    """Each team's game on now, else its next: one line each (your favourites by default).

    Example: livescore next nba:BOS nfl:KC    (or: livescore next --json)
    """
    from livescore.app import checks
    from livescore.app.layers import Layers
    from livescore.core.errors import UsageError
    from livescore.core.leagues import resolve
    from livescore.core.teams import parse_teams

    layers = Layers(given, fmt=fmt, espn_url=espn_url, timeout=timeout)
    if record and replay:
        raise UsageError("--record and --replay: one or the other")
    specs = parse_teams(teams or []) or layers.favourites()
    if not specs:
        raise UsageError(
            "Missing argument 'TEAM...': give one (livescore next nba:BOS), or set favourite "
            f'teams ("nba:BOS") in the config file {layers.file.path}'
        )
    chosen: list[tuple[League, str]] = []
    for spec in specs:
        if spec.league is not None:
            chosen.append((resolve(spec.league), spec.team))
            continue
        try:
            leagues = layers.leagues([])
        except UsageError:
            leagues = ()
        if len(leagues) != 1:
            raise UsageError(f"which league is {spec.team!r} in? Say it: nba:{spec.team}")
        chosen.append((leagues[0], spec.team))
    output = layers.output(fmt, json_, None, True, "livescore")
    leagues = tuple(dict.fromkeys(lg for lg, _ in chosen))
    return NextOptions(layers.espn(leagues), tuple(chosen), output.format, checks.zone(tz),
                       record, replay)  # fmt: skip


async def run(options: NextOptions, redact: Redactor) -> None:
    from datetime import UTC, datetime

    from livescore.app.launch import warn
    from livescore.app.sources import espn_docs
    from livescore.espn import season
    from livescore.sinks import season as out

    now = datetime.now(UTC)
    async with espn_docs(options.espn, warn, options.record, options.replay) as docs:
        found = await season.next_games(docs, options.teams, now)
    out.show_next(found, options.format, options.zone, now)
