"""``livescore demo``: the whole pipeline offline, against local simulators."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from livescore.app.options import Output


@dataclass(frozen=True)
class Demo:
    speed: float
    output: "Output"
    push: bool = False
    record: str | None = None
    game: str | None = None  # --game TEAM: that team's game in full, instead of the board


def build(
    given: Given,
    speed: Annotated[
        float,
        typer.Option("--speed", "-s", metavar="N", help="Play the script N times faster."),
    ] = 1.0,
    fmt: p.FormatOpt = None,
    json_: p.JsonOpt = False,
    team: p.TeamOpt = None,
    push: Annotated[
        bool, typer.Option("--push", help="ESPN's games by FastCast push (a local simulator).")
    ] = False,
    game: Annotated[
        str | None,
        typer.Option(
            "--game",
            metavar="TEAM",
            help="Open one ESPN game of the demo in full (BOS, ARS...), as livescore game does.",
            show_default=False,
        ),
    ] = None,
    record: Annotated[
        str | None,
        typer.Option(
            "--record",
            metavar="FILE",
            help="Also record what the simulators sent, to try replay and serve --replay with.",
            show_default=False,
        ),
    ] = None,
) -> Demo:
    """Run the whole pipeline offline against local simulators (about a minute)."""
    from livescore.app import checks
    from livescore.app.layers import Layers

    layers = Layers(given, fmt=fmt)
    pace = checks.speed(speed, "--speed", zero_ok=False, most=1000)
    title = "livescore demo · NBA, EPL (ESPN-shaped) + Sportrix soccer, cricket (simulated)"
    if push:
        title = title.replace("(ESPN-shaped)", "(ESPN FastCast push)")
    if game is not None and (push or record or team):
        from livescore.core.errors import UsageError

        raise UsageError("demo --game opens one game: it takes no --push, --record or --team")
    return Demo(pace, layers.output(fmt, json_, team, False, title), push, record, game)


async def run(options: Demo, redact: Redactor) -> None:
    from livescore.app.compose import show
    from livescore.app.demo import demo_source
    from livescore.app.recording import recording

    if options.game is not None:
        await _one_game(options, redact)
        return
    with recording(options.record) as record:
        async with demo_source(options.speed, options.push, record) as source:
            await show(source, options.output, redact)


async def _one_game(options: Demo, redact: Redactor) -> None:
    """The ESPN simulator, and ``livescore game`` against it for the team's game."""
    from livescore.app.options import Espn
    from livescore.commands import game
    from livescore.core.errors import UsageError
    from livescore.core.leagues import resolve
    from livescore.sim import espn_server

    wanted = (options.game or "").strip().upper()
    with espn_server.run(speed=options.speed) as (url, games):
        found = next((g for g in games if wanted in (g.home[0], g.away[0])), None)
        if found is None:
            teams = sorted({t[0] for g in games for t in (g.home, g.away)})
            raise UsageError(f"the demo has no game of {wanted!r}: one of {', '.join(teams)}")
        league = resolve("nba" if found.league == "nba" else f"soccer/{found.league}")
        interval = max(0.1, 2.0 / options.speed)
        espn = Espn((league,), url, interval, 10.0)
        chosen = game.GameOptions(espn, found.id, None, options.output.format, False, None)
        await game.run(chosen, redact)
