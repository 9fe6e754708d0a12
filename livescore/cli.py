"""The command line: the Typer app, the root options, the registration of every command
(each lives in ``livescore/commands/<command>.py``), and ``main``, the one boundary where
every error becomes a message (redacted) and an exit code.

Heavy imports (asyncio, httpx, websockets, rich) happen inside the commands that need them.
The annotations are not postponed (no ``from __future__ import annotations``): Typer reads
every command's parameters on each start, and evaluating annotation strings costs time.
"""

import os
import sys
from typing import Annotated

import typer

# typer >= 0.29 ships its own copy of click; the pyproject asks for that.
from typer._click import exceptions as click_exc
from typer.core import TyperArgument

from livescore import __version__
from livescore.app.launch import Boundary
from livescore.commands import config, leagues, schema
from livescore.commands.convert import plain_conversion
from livescore.commands.registry import LazyGroup
from livescore.core.errors import LivescoreError, StdoutClosed

# Help names arguments by their metavar (LEAGUE, FILE, URL), not by their Python type, and
# the usage line writes a required one as POSIX does (FILE), an optional one in brackets.
TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]


def _usage_name(self: TyperArgument) -> str:
    name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
    return name + ("..." if self.nargs != 1 else "")


TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign]
plain_conversion()  # str, int, float and bool without pydantic: quicker, and our own words

app = typer.Typer(
    name="livescore",
    cls=LazyGroup,  # watch, wait, line...: each imported when it is used (commands/registry.py)
    help="Live scores in your terminal, for your scripts and for your bots.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

app.command("leagues")(leagues.command)
app.command("schema")(schema.command)
app.add_typer(config.app, name="config")


def _version(value: bool) -> None:
    if value:
        print(f"livescore {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    config: Annotated[
        str | None,
        typer.Option(
            "--config",
            metavar="FILE",
            show_default=False,
            help="Config file (env LIVESCORE_CONFIG). "
            "[default: $XDG_CONFIG_HOME/livescore/config.toml]",
        ),
    ] = None,
) -> None:
    """Live scores in your terminal, for your scripts and for your bots."""
    if not isinstance(ctx.obj, Boundary):
        ctx.obj = Boundary()
    ctx.obj.config = config


def _silence_stdout() -> None:
    from livescore.sinks.stdout import silence_stdout

    silence_stdout()


def main(argv: list[str] | None = None) -> None:
    """Entry point: one boundary where every error becomes a message and an exit code."""
    boundary = Boundary(process=True)
    code = 0
    if sys.stdout is None:  # started with stdout closed (`livescore leagues >&-`)
        from livescore.sinks.stdout import closed_stdout

        sys.stdout = closed_stdout()
    try:
        result = app(args=argv, standalone_mode=False, obj=boundary)
        if isinstance(result, int):  # click returns Exit/Abort codes when not standalone
            code = result
    except StdoutClosed:
        _silence_stdout()
    except LivescoreError as exc:
        print(f"livescore: error: {boundary.redact(str(exc))}", file=sys.stderr)
        code = exc.exit_code
    except click_exc.NoArgsIsHelpError as exc:
        print(exc.ctx.get_help() if exc.ctx else str(exc))
        code = 2
    except click_exc.UsageError as exc:
        where = f" (see 'livescore {exc.ctx.info_name} --help')" if exc.ctx else ""
        if exc.ctx and exc.ctx.info_name == "livescore":
            where = " (see 'livescore --help')"
        message = boundary.redact(exc.format_message())
        print(f"livescore: error: {message}{where}", file=sys.stderr)
        code = 2
    except typer.Exit as exc:
        code = exc.exit_code
    except (KeyboardInterrupt, typer.Abort):
        code = 130
    except BrokenPipeError:
        _silence_stdout()
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("LIVESCORE_DEBUG"):
            raise
        detail = boundary.redact(f"{type(exc).__name__}: {exc}")
        print(f"livescore: internal error: {detail}", file=sys.stderr)
        code = 1
    stdout = sys.modules.get("livescore.sinks.stdout")  # loaded by the commands that write
    if stdout is not None and stdout.gave_up:
        _silence_stdout()  # SIGTERM while a write to an unread stdout was blocked
        print("livescore: stopped while nobody was reading stdout", file=sys.stderr)
    try:
        if not sys.stdout.closed:
            sys.stdout.flush()
    except BrokenPipeError:  # `livescore leagues | head -1`: the reader has gone, fine
        _silence_stdout()
    except OSError:  # closed before the start (`livescore --version >&-`)
        if code == 0:  # else the error that ended the run has been said
            print(
                "livescore: error: cannot write to standard output: it is closed", file=sys.stderr
            )
            code = 1
        _silence_stdout()
    sys.exit(code)
