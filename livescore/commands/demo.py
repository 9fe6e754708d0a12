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
    return Demo(pace, layers.output(fmt, json_, team, False, title), push, record)


async def run(options: Demo, redact: Redactor) -> None:
    from livescore.app.compose import show
    from livescore.app.demo import demo_source
    from livescore.app.recording import recording

    with recording(options.record) as record:
        async with demo_source(options.speed, options.push, record) as source:
            await show(source, options.output, redact)
