"""``livescore replay``: push a recording through the same parsers and board into any output."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from livescore.app.options import Output, Replay


@dataclass(frozen=True)
class ReplayRun:
    replay: "Replay"
    output: "Output"


def build(
    given: Given,
    file: Annotated[str, typer.Argument(metavar="FILE", help="A recording made with --record.")],
    speed: Annotated[
        float,
        typer.Option(
            "--speed", "-s", metavar="N", help="N times the original pace; 0 = no pauses."
        ),
    ] = 1.0,
    fmt: p.FormatOpt = None,
    json_: p.JsonOpt = False,
    team: p.TeamOpt = None,
) -> ReplayRun:
    """Push a recording through the same parsers and board into any output."""
    from livescore.app.layers import Layers, replay_source

    layers = Layers(given, fmt=fmt)
    source = replay_source(file, speed)
    title = f"livescore · replay of {source.file}"
    return ReplayRun(source, layers.output(fmt, json_, team, False, title))


async def run(options: ReplayRun, redact: Redactor) -> None:
    from livescore.app.compose import show
    from livescore.app.recording import replay

    await show(replay(options.replay.file, options.replay.speed), options.output, redact)
