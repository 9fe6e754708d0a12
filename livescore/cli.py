"""The command line: Typer declarations, and the one boundary where every error becomes a
message (redacted) and an exit code. What the commands do is in ``livescore/app``.

Heavy imports (asyncio, httpx, websockets, rich) happen inside the commands that need them.
The annotations are not postponed (no ``from __future__ import annotations``): Typer reads
every command's parameters on each start, and evaluating 500 annotation strings took 9 of
the 14 ms that ``--version`` spent after its imports.
"""

import os
import sys
from typing import Annotated, Any

import typer

# typer >= 0.29 ships its own copy of click; the pyproject asks for that.
from typer._click import exceptions as click_exc
from typer.core import TyperArgument

from livescore import __version__, defaults
from livescore.app.launch import Boundary, launch
from livescore.errors import LivescoreError, StdoutClosed

# Help names arguments by their metavar (LEAGUE, FILE, URL), not by their Python type.
TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]

app = typer.Typer(
    name="livescore",
    help="Live scores in your terminal, for your scripts and for your bots.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
config_app = typer.Typer(
    help="The config file: show the effective settings, where the file is, or write one.",
    no_args_is_help=True,
)
app.add_typer(config_app, name="config")


def _complete_league(incomplete: str) -> list[str]:
    from livescore.leagues import LEAGUES

    return [alias for alias in LEAGUES if alias.startswith(incomplete.lower())]


def _jobs() -> Any:
    from livescore.app import commands

    return commands


def _build() -> Any:
    from livescore.app import options

    return options


def _run(ctx: typer.Context, command: str, flags: dict[str, Any]) -> None:
    flags.pop("ctx", None)
    launch(ctx.obj, getattr(_build(), command), getattr(_jobs(), command), flags)


# Options several commands share. Settings that a config file can hold default to None
# here: the default is stated once, in livescore/defaults.py, and resolved in app/settings.
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, lines or jsonl. Default: table on a terminal, jsonl otherwise.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format jsonl.")]
TeamOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--team",
        "-t",
        metavar="TEAM",
        help="Only games with this team: abbreviation or full name, optionally LEAGUE:TEAM. "
        "Repeatable.",
        show_default=False,
    ),
]
TeamLeaguesArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="LEAGUE",
        help="Where the teams play. Default: the league in --team LEAGUE:TEAM, or the config "
        "file's leagues or its favourites'.",
        autocompletion=_complete_league,
        show_default=False,
    ),
]
OnceOpt = Annotated[bool, typer.Option("--once", help="Print the current state and exit.")]
OnEventOpt = Annotated[
    str | None,
    typer.Option(
        "--on-event",
        metavar="CMD",
        help="Run CMD for each score and status event (the event's JSON on stdin, "
        "LIVESCORE_* in its environment); never through a shell: use sh -c '...' for one.",
        show_default=False,
    ),
]
OnKindOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--on-kind",
        metavar="KIND",
        help="Which events run --on-event: snapshot, score, status, clock (repeatable or "
        "comma-separated). [default: score,status]",
        show_default=False,
    ),
]
DelayOpt = Annotated[
    str | None,
    typer.Option(
        "--delay",
        metavar="DURATION",
        help="Spoiler protection: hold every update and show it this long after it came "
        "(45s, 2m, 1h30m), in order, to match a TV stream.",
        show_default=False,
    ),
]
TzOpt = Annotated[
    str | None,
    typer.Option(
        "--tz",
        metavar="ZONE",
        help="Time zone for start times (America/Los_Angeles). [default: the system's]",
        show_default=False,
    ),
]


RecordOpt = Annotated[
    str | None,
    typer.Option(
        "--record",
        metavar="FILE",
        help="Append every raw upstream answer or frame to FILE (JSON lines).",
        show_default=False,
    ),
]
IntervalOpt = Annotated[
    float | None,
    typer.Option(
        "--interval",
        "-i",
        metavar="SECONDS",
        help=f"Seconds between polls while a game is live. [default: {defaults.INTERVAL:g}]",
        show_default=False,
    ),
]
EspnUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--espn-url",
        metavar="URL",
        help=f"ESPN API base URL (env LIVESCORE_ESPN_URL). [default: {defaults.ESPN_URL}]",
        show_default=False,
    ),
]
PushOpt = Annotated[
    bool,
    typer.Option(
        "--push",
        help="Get changes pushed by ESPN's FastCast service, with polling as the floor "
        "(falls back to it at once on any failure, cross-checks every 60 s).",
    ),
]
FastcastUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--fastcast-url",
        metavar="URL",
        help="FastCast discovery base URL (env LIVESCORE_FASTCAST_URL). "
        f"[default: {defaults.FASTCAST_URL}]",
        show_default=False,
    ),
]
KeyOpt = Annotated[
    str | None,
    typer.Option(
        "--key",
        metavar="KEY",
        show_default=False,
        help="Sportrix API key (better: set SPORTRIX_API_KEY; a flag shows in ps).",
    ),
]
StreamUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--stream-url",
        metavar="URL",
        help="Sportrix WebSocket URL (env SPORTRIX_STREAM_URL). "
        f"[default: {defaults.SPORTRIX_STREAM_URL}]",
        show_default=False,
    ),
]
ApiUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--api-url",
        metavar="URL",
        help="Sportrix REST base URL (env SPORTRIX_API_URL). "
        f"[default: {defaults.SPORTRIX_API_URL}]",
        show_default=False,
    ),
]
RedisStreamOpt = Annotated[
    str | None,
    typer.Option(
        "--redis-stream",
        metavar="NAME",
        help="The Redis stream (default: livescore:espn, :sportrix or :replay by source; "
        "or ?stream= in the URL).",
        show_default=False,
    ),
]
TokenOpt = Annotated[
    str | None,
    typer.Option(
        "--token",
        metavar="TOKEN",
        show_default=False,
        help="The bridge's token (env LIVESCORE_TOKEN).",
    ),
]


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


@app.command()
def watch(
    ctx: typer.Context,
    leagues: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="LEAGUE",
            help="League aliases (nba, epl...) or ESPN paths (soccer/eng.1). "
            "Default: the config file's leagues, or its favourite teams' leagues.",
            autocompletion=_complete_league,
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    team: TeamOpt = None,
    interval: IntervalOpt = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="YYYYMMDD",
            help="One day (ESPN's US-Eastern day).",
            show_default=False,
        ),
    ] = None,
    once: OnceOpt = False,
    espn_url: EspnUrlOpt = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            help=f"Seconds to wait for each ESPN response. [default: {defaults.TIMEOUT:g}]",
            show_default=False,
        ),
    ] = None,
    record: RecordOpt = None,
    on_event: OnEventOpt = None,
    on_kind: OnKindOpt = None,
    delay: DelayOpt = None,
    tz: TzOpt = None,
    push: PushOpt = False,
    fastcast_url: FastcastUrlOpt = None,
) -> None:
    """Poll ESPN scoreboards (or with --push, have changes pushed) and show every change."""
    _run(ctx, "watch", dict(locals()))


@app.command()
def wait(
    ctx: typer.Context,
    leagues: TeamLeaguesArg = None,
    team: TeamOpt = None,
    until: Annotated[
        str,
        typer.Option("--until", "-u", metavar="WHAT", help="start, score or final."),
    ] = "final",
    within: Annotated[
        str | None,
        typer.Option(
            "--timeout",
            metavar="DURATION",
            help="Give up after this long (90, 45s, 2m, 3h, 1h30m): exit 1.",
            show_default=False,
        ),
    ] = None,
    interval: IntervalOpt = None,
    espn_url: EspnUrlOpt = None,
    delay: DelayOpt = None,
) -> None:
    """Wait until a team's game starts, scores or ends; print that event (JSON) and exit 0.

    Example: livescore wait nba --team BOS --until final && ./after-the-game.sh
    """
    _run(ctx, "wait", dict(locals()))


@app.command()
def line(
    ctx: typer.Context,
    leagues: TeamLeaguesArg = None,
    team: TeamOpt = None,
    program: Annotated[
        str,
        typer.Option(
            "--for",
            metavar="PROGRAM",
            help="plain, tmux, waybar, polybar or i3blocks: the line as that program reads it.",
        ),
    ] = "plain",
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            metavar="TEMPLATE",
            help="Each game as, e.g., '{away} {away_score}-{home_score} {home} {clock}' "
            "(fields in the README).",
            show_default=False,
        ),
    ] = None,
    separator: Annotated[
        str, typer.Option("--separator", metavar="TEXT", help="Between games.")
    ] = " | ",
    most: Annotated[
        int, typer.Option("--max", metavar="N", help="Games on the line; more show as +N.")
    ] = 3,
    tz: TzOpt = None,
    once: Annotated[bool, typer.Option("--once", help="Print the line once and exit.")] = False,
    interval: IntervalOpt = None,
    espn_url: EspnUrlOpt = None,
    delay: DelayOpt = None,
) -> None:
    """One short line for a status bar, rewritten on every change (live scores, else the
    next start, else the results of your teams).

    Example, tmux: set -g status-right '#(livescore line nba --team BOS --for tmux)'
    """
    _run(ctx, "line", dict(locals()))


@app.command()
def stream(
    ctx: typer.Context,
    match_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="MATCH_ID", help="Sportrix match ids.", show_default=False),
    ] = None,
    live: Annotated[
        str | None,
        typer.Option(
            "--live",
            metavar="SPORT",
            help="Also follow every in-play match of this sport (soccer).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    team: TeamOpt = None,
    once: OnceOpt = False,
    key: KeyOpt = None,
    stream_url: StreamUrlOpt = None,
    api_url: ApiUrlOpt = None,
    idle_timeout: Annotated[
        float | None,
        typer.Option(
            "--idle-timeout",
            metavar="SECONDS",
            help="Seconds of silence before the link counts as dead. "
            f"[default: {defaults.IDLE_TIMEOUT:g}]",
            show_default=False,
        ),
    ] = None,
    rediscover: Annotated[
        float | None,
        typer.Option(
            "--rediscover",
            metavar="SECONDS",
            help="With --live: seconds between looks for newly started matches. "
            f"[default: {defaults.REDISCOVER:g}]",
            show_default=False,
        ),
    ] = None,
    record: RecordOpt = None,
    on_event: OnEventOpt = None,
    on_kind: OnKindOpt = None,
    delay: DelayOpt = None,
) -> None:
    """Follow Sportrix matches over one WebSocket connection."""
    _run(ctx, "stream", dict(locals()))


@app.command()
def matches(
    ctx: typer.Context,
    live: Annotated[
        str, typer.Option("--live", metavar="SPORT", help="The sport: soccer, cricket...")
    ],
    json_: JsonOpt = False,
    key: KeyOpt = None,
    api_url: ApiUrlOpt = None,
) -> None:
    """List the in-play Sportrix matches of a sport (id, teams, start, status)."""
    _run(ctx, "matches", dict(locals()))


@app.command()
def demo(
    ctx: typer.Context,
    speed: Annotated[
        float,
        typer.Option("--speed", "-s", metavar="N", help="Play the script N times faster."),
    ] = 1.0,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    team: TeamOpt = None,
    push: Annotated[
        bool, typer.Option("--push", help="ESPN's games by FastCast push (a local simulator).")
    ] = False,
) -> None:
    """Run the whole pipeline offline against local simulators (about a minute)."""
    _run(ctx, "demo", dict(locals()))


@app.command()
def serve(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="LEAGUE|MATCH_ID",
            help="Leagues to poll (default: the config file's), or with --stream Sportrix "
            "match ids.",
            autocompletion=_complete_league,
            show_default=False,
        ),
    ] = None,
    stream_: Annotated[
        bool, typer.Option("--stream", help="The arguments are Sportrix match ids: stream them.")
    ] = False,
    replay_file: Annotated[
        str | None,
        typer.Option(
            "--replay",
            metavar="FILE",
            help="Serve a recording instead of a live source.",
            show_default=False,
        ),
    ] = None,
    speed: Annotated[
        float, typer.Option("--speed", metavar="N", help="Replay speed (with --replay).")
    ] = 1.0,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            metavar="ADDRESS",
            help=f"Address to listen on. [default: {defaults.HOST}]",
            show_default=False,
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            "--port",
            "-p",
            metavar="PORT",
            help=f"Port (0 = any free one). [default: {defaults.PORT}]",
            show_default=False,
        ),
    ] = None,
    token: TokenOpt = None,
    interval: IntervalOpt = None,
    espn_url: EspnUrlOpt = None,
    key: KeyOpt = None,
    stream_url: StreamUrlOpt = None,
    api_url: ApiUrlOpt = None,
    record: RecordOpt = None,
    publish: Annotated[
        str | None,
        typer.Option(
            "--publish",
            metavar="URL",
            help="Also append every event to a Redis stream: redis://[user:password@]HOST:"
            "PORT/DB or rediss:// (env LIVESCORE_REDIS_URL).",
            show_default=False,
        ),
    ] = None,
    redis_stream: RedisStreamOpt = None,
    redis_maxlen: Annotated[
        int | None,
        typer.Option(
            "--redis-maxlen",
            metavar="N",
            help="Entries the Redis stream keeps, approximately. [default: 10000]",
            show_default=False,
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="URL",
            help="Serve the Redis stream another bridge publishes (redis://HOST:PORT/DB"
            "?stream=NAME) instead of polling.",
            show_default=False,
        ),
    ] = None,
    delay: DelayOpt = None,
    push: PushOpt = False,
    fastcast_url: FastcastUrlOpt = None,
) -> None:
    """The bridge: poll or stream once, push every change to any number of WebSocket clients."""
    _run(ctx, "serve", dict(locals()))


@app.command()
def tail(
    ctx: typer.Context,
    url: Annotated[
        str | None,
        typer.Argument(
            metavar="URL",
            help="The bridge: ws://HOST:PORT/, or a Redis stream: redis://HOST:PORT/DB"
            "?stream=NAME (default: the config file's bridge.url).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    league: Annotated[
        list[str] | None,
        typer.Option(
            "--league",
            "-l",
            metavar="LEAGUE",
            help="Only this league. Repeatable.",
            autocompletion=_complete_league,
            show_default=False,
        ),
    ] = None,
    team: TeamOpt = None,
    token: TokenOpt = None,
    cursor: Annotated[
        str | None,
        typer.Option(
            "--cursor",
            metavar="FILE",
            help="Keep the position in FILE, so a restarted tail resumes where this one "
            "stopped (missed events, no repeats).",
            show_default=False,
        ),
    ] = None,
    redis_stream: RedisStreamOpt = None,
    on_event: OnEventOpt = None,
    on_kind: OnKindOpt = None,
    delay: DelayOpt = None,
) -> None:
    """Follow a livescore bridge; resumes where it left off after a restart of either side."""
    _run(ctx, "tail", dict(locals()))


@app.command()
def replay(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="A recording made with --record.")],
    speed: Annotated[
        float,
        typer.Option(
            "--speed", "-s", metavar="N", help="N times the original pace; 0 = no pauses."
        ),
    ] = 1.0,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    team: TeamOpt = None,
) -> None:
    """Push a recording through the same parsers and board into any output."""
    _run(ctx, "replay", dict(locals()))


@app.command("leagues")
def leagues_cmd() -> None:
    """List the league aliases."""
    from livescore.leagues import LEAGUES
    from livescore.sinks.stdout import write_lines

    lines = [f"{lg.alias:<14}{lg.path:<40}{lg.name}" for lg in LEAGUES.values()]
    lines += ["", "Any ESPN path sport/league works too, e.g. soccer/sco.1."]
    write_lines(sys.stdout.buffer, lines)  # a reader gone early (| head -1) is StdoutClosed


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema (draft 2020-12) of JSON lines v1: every line any output writes.

    Example: livescore schema > livescore-v1.schema.json
    """
    import json

    from livescore.jsonlines.schema import schema
    from livescore.sinks.stdout import write_lines

    write_lines(sys.stdout.buffer, [json.dumps(schema(), indent=2, ensure_ascii=False)])


@config_app.command("show")
def config_show(
    ctx: typer.Context,
    json_: Annotated[bool, typer.Option("--json", help="As one JSON object.")] = False,
) -> None:
    """Print every effective setting and where it came from (environment, file, default)."""
    from livescore.app import configure
    from livescore.app.output import warn

    configure.show(ctx.obj.config, json_, warn)


@config_app.command("path")
def config_path(ctx: typer.Context) -> None:
    """Print the path of the config file livescore reads."""
    from livescore.app import configure

    configure.path(ctx.obj.config)


@config_app.command("init")
def config_init(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented config file to start from."""
    from livescore.app import configure

    configure.init(ctx.obj.config, force)


def _silence_stdout() -> None:
    from livescore.sinks.stdout import silence_stdout

    silence_stdout()


def main(argv: list[str] | None = None) -> None:
    """Entry point: one boundary where every error becomes a message and an exit code."""
    boundary = Boundary(process=True)
    code = 0
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
    try:
        if not sys.stdout.closed:
            sys.stdout.flush()
    except BrokenPipeError:  # `livescore leagues | head -1`: the reader has gone, fine
        _silence_stdout()
    sys.exit(code)
