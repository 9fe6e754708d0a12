"""The commands, loaded when they are used (as pip's ``commands_dict``): the command line
knows each command's name and one-line summary without importing its module, so
``--version`` and ``--help`` load none of them and ``watch --help`` loads only ``watch``.

A summary is the first paragraph of its command's ``build`` docstring, which is also the
command's help; ``tests/app/test_commands.py`` holds the two equal.
"""

import importlib
from typing import Any

import typer
from typer._click import Command, Context, HelpFormatter
from typer.core import TyperCommand, TyperGroup

from livescore.commands import command

SUMMARIES: dict[str, str] = {
    "watch": "Poll ESPN scoreboards (or with --push, have changes pushed) and show every change.",
    "wait": "Wait until a team's game starts, scores or ends; print that event (JSON) and exit 0.",
    "game": "Open one game: box score, scoring plays, the last plays and win probability, "
    "updated until its final.",
    "schedule": "A team's season schedule (results, what is next, TV), or a league's next days.",
    "next": "Each team's game on now, else its next: one line each (your favourites by default).",
    "standings": "A league's standings as ESPN groups them (conferences, divisions, soccer "
    "groups), in rank order, with the columns fans read for the sport; favourites starred.",
    "line": "One short line for a status bar, rewritten on every change (live scores, else the "
    "next start, else the results of your teams).",
    "stream": "Follow Sportrix matches over one WebSocket connection.",
    "matches": "List the in-play Sportrix matches of a sport (id, teams, start, status).",
    "demo": "Run the whole pipeline offline against local simulators (about a minute).",
    "serve": "The bridge: poll or stream once, push every change to any number of WebSocket "
    "clients.",
    "tail": "Follow a livescore bridge; resumes where it left off after a restart of either side.",
    "replay": "Push a recording through the same parsers and board into any output.",
}


def load(name: str) -> Command:
    """The click command of ``livescore/commands/<name>.py``: its build and run."""
    module: Any = importlib.import_module(f"livescore.commands.{name}")
    one = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)
    one.command(name)(command(module.build, module.run))
    found = typer.main.get_command(one)
    found.name = name
    return found


class LazyGroup(TyperGroup):
    """The root group: the commands in SUMMARIES first, in that order, each a stub that
    knows its summary until it is used (then imported); then those registered with the
    app (small ones: leagues, schema, config)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        registered = self.commands
        self.commands = {name: TyperCommand(name, help=text) for name, text in SUMMARIES.items()}
        self.commands.update(registered)  # "did you mean" suggestions read this too
        self._loaded: set[str] = set()

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name in SUMMARIES and cmd_name not in self._loaded:
            self.commands[cmd_name] = load(cmd_name)
            self._loaded.add(cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The command list of ``--help``: a stub's summary serves, so no command is
        imported to list them."""
        rows = [(name, cmd) for name, cmd in self.commands.items() if not cmd.hidden]
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Commands"):
                formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in rows])
