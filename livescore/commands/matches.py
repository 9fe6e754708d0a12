"""``livescore matches``: list the in-play Sportrix matches of a sport."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from livescore.app.options import Sportrix


@dataclass(frozen=True)
class Matches:
    sport: str
    json: bool
    sportrix: "Sportrix"


def build(
    given: Given,
    live: Annotated[
        str, typer.Option("--live", metavar="SPORT", help="The sport: soccer, cricket...")
    ],
    json_: Annotated[
        bool, typer.Option("--json", help="One JSON object per match instead of a table.")
    ] = False,
    key: p.KeyOpt = None,
    api_url: p.ApiUrlOpt = None,
) -> Matches:
    """List the in-play Sportrix matches of a sport (id, teams, start, status)."""
    from livescore.app.layers import Layers
    from livescore.core.errors import UsageError

    layers = Layers(given, key=key, api_url=api_url)
    sport = live.strip()
    if not sport:
        raise UsageError("--live needs a sport, e.g. --live soccer")
    return Matches(sport, json_, layers.sportrix((), sport))


async def run(options: Matches, redact: Redactor) -> None:
    import sys

    import httpx

    from livescore.sinks.stdout import write_line
    from livescore.sportrix.rest import SportrixApi, dumps, match_row, with_retries

    sportrix = options.sportrix
    async with httpx.AsyncClient() as client:
        api = SportrixApi(client, sportrix.api_url, sportrix.key)
        rows = [match_row(m) for m in await with_retries(lambda: api.live_matches(options.sport))]
    out = sys.stdout.buffer
    if not rows and not options.json:
        print(f"no live {options.sport} matches right now", file=sys.stderr)
    for row in rows:
        if options.json:
            write_line(out, dumps(row))
        else:
            start = row["start"] or "-"
            line = f"{row['id']:<10} {row['home']} v {row['away']}  {start}  {row['status']}"
            write_line(out, line)
