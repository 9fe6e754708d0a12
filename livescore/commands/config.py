"""``livescore config show | path | init``: the config file."""

from typing import Annotated

import typer

app = typer.Typer(
    help="The config file: show the effective settings, where the file is, or write one.",
    no_args_is_help=True,
)


@app.command("show")
def show(
    ctx: typer.Context,
    json_: Annotated[bool, typer.Option("--json", help="As one JSON object.")] = False,
) -> None:
    """Print every effective setting and where it came from (environment, file, default)."""
    from livescore.app import configure
    from livescore.app.launch import warn

    configure.show(ctx.obj.config, json_, warn)


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print the path of the config file livescore reads."""
    from livescore.app import configure

    configure.path(ctx.obj.config)


@app.command("init")
def init(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented config file to start from."""
    from livescore.app import configure

    configure.init(ctx.obj.config, force)
