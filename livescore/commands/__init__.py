"""One module per command: its ``build`` (whose parameters, annotated for Typer, are the
command's options: the values stay typed from the command line to the options) turns them
and the settings layers into frozen options, every check before any side effect; its
``run`` does the work. ``command`` makes the Typer callback of a build and a run.

A command module imports only Typer and the parameter declarations at start-up; what its
build and run need is imported inside them, so ``--help`` stays quick."""

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from livescore.app.launch import Given, Job, launch

Opts = TypeVar("Opts")


def command(build: Callable[..., Opts], run: Job[Opts]) -> Callable[..., None]:
    """The Typer callback for ``build`` and ``run``: Typer reads build's parameters (all
    but the first, ``given``) and calls back with their values, which go to build as they
    are; then ``launch`` runs the options it built."""
    signature = inspect.signature(build)
    _given, *params = signature.parameters.values()

    def callback(ctx: typer.Context, **values: Any) -> None:
        def built(given: Given) -> Opts:
            return build(given, **values)

        launch(ctx.obj, built, run)

    ctx = inspect.Parameter(
        "ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context
    )
    callback.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[ctx, *params], return_annotation=None
    )
    callback.__annotations__ = {p.name: p.annotation for p in params} | {"ctx": typer.Context}
    callback.__doc__ = build.__doc__
    callback.__name__ = build.__module__.rpartition(".")[2]
    return callback
