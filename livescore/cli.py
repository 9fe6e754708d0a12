"""The command line: parse options, build source and sink, run, map errors to exit codes.

Heavy imports (httpx, websockets, rich) happen inside the commands that need them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Coroutine
from datetime import datetime
from typing import Annotated, Any, TypeVar

import typer

# typer >= 0.29 ships its own copy of click; the pyproject asks for that.
from typer._click import exceptions as click_exc

from livescore import __version__
from livescore.errors import LivescoreError, StdoutClosed, UsageError

T = TypeVar("T")

app = typer.Typer(
    name="livescore",
    help="Live scores in your terminal, for your scripts and for your bots.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

RecordOpt = Annotated[
    str | None,
    typer.Option(
        "--record", help="Append every raw upstream answer or frame to FILE (JSON lines)."
    ),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table, lines or jsonl. Default: table on a terminal, jsonl otherwise.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format jsonl.")]
TeamOpt = Annotated[
    list[str] | None,
    typer.Option("--team", "-t", help="Only games with this team (abbreviation). Repeatable."),
]
OnceOpt = Annotated[bool, typer.Option("--once", help="Print the current state and exit.")]
IntervalOpt = Annotated[
    float,
    typer.Option("--interval", "-i", help="Seconds between polls while a game is live."),
]
EspnUrlOpt = Annotated[
    str,
    typer.Option("--espn-url", envvar="LIVESCORE_ESPN_URL", help="ESPN API base URL."),
]


def _version(value: bool) -> None:
    if value:
        print(f"livescore {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Live scores in your terminal, for your scripts and for your bots."""


def _run(coro: Coroutine[Any, Any, T]) -> T:
    import asyncio  # ~20 ms: only for the commands that run something

    return asyncio.run(coro)


def _check_seconds(value: float, flag: str) -> float:
    if not 0 < value <= 86400:  # also refuses NaN
        raise UsageError(f"{flag} must be a number of seconds above 0, got {value:g}")
    return value


def _check_date(date: str | None) -> str | None:
    if date is None:
        return None
    text = date.strip()
    try:
        if len(text) != 8 or not text.isdigit():
            raise ValueError
        datetime.strptime(text, "%Y%m%d")
    except ValueError:
        raise UsageError(f"bad --date {date!r}: give one day as YYYYMMDD, e.g. 20260502") from None
    return text


@app.command()
def watch(
    leagues: Annotated[
        list[str],
        typer.Argument(help="League aliases (nba, epl...) or ESPN paths (soccer/eng.1)."),
    ],
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    team: TeamOpt = None,
    interval: IntervalOpt = 5.0,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help="One day, YYYYMMDD (ESPN's US-Eastern day).")
    ] = None,
    once: OnceOpt = False,
    espn_url: EspnUrlOpt = "https://site.api.espn.com",
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds to wait for each ESPN response.")
    ] = 10.0,
    record: RecordOpt = None,
) -> None:
    """Poll ESPN scoreboards and show every change."""
    from livescore.leagues import resolve
    from livescore.runner import choose_format

    resolved = []
    for name in leagues:
        league = resolve(name)
        if league not in resolved:
            resolved.append(league)
    output = choose_format(fmt, json_)
    _check_seconds(interval, "--interval")
    _check_seconds(timeout, "--timeout")
    day = _check_date(date)
    base = _check_url(espn_url, "--espn-url", ("http", "https"))
    recorder = _recorder(record)
    _run(_watch(resolved, output, team or [], interval, day, once, base, timeout, recorder))


def _recorder(path: str | None) -> Any:
    from livescore.record import Recorder

    return Recorder(path) if path else None


async def _watch(
    leagues: list[Any],
    fmt: str,
    teams: list[str],
    interval: float,
    date: str | None,
    once: bool,
    base: str,
    timeout: float,
    recorder: Any,
) -> None:
    from livescore.commands.sources import espn_poller
    from livescore.runner import execute

    async with espn_poller(
        leagues, base, interval=interval, date=date, once=once, timeout=timeout, record=recorder
    ) as poller:
        title = "livescore · " + ", ".join(lg.alias.upper() for lg in leagues)
        await execute(poller, fmt, once=once, teams=teams, title=title)


KeyOpt = Annotated[
    str | None,
    typer.Option(
        "--key",
        envvar="SPORTRIX_API_KEY",
        show_default=False,
        help="Sportrix API key (better: set SPORTRIX_API_KEY).",
    ),
]
ApiUrlOpt = Annotated[
    str, typer.Option("--api-url", envvar="SPORTRIX_API_URL", help="Sportrix REST base URL.")
]
SPORTRIX_STREAM = "wss://scores.sportrixdata.com/v1/stream"
SPORTRIX_API = "https://api.sportrixdata.com/api"


def _match_ids(values: list[str]) -> list[str]:
    ids = []
    for raw in values:
        if not raw.strip().isdigit() or len(raw.strip()) > 18:
            raise UsageError(f"bad match id {raw!r}: Sportrix match ids are whole numbers")
        ids.append(str(int(raw)))
    return ids


def _need_key(key: str | None) -> str:
    from livescore.secrets import register

    if not key or not key.strip():
        raise UsageError("no Sportrix API key: set SPORTRIX_API_KEY (or pass --key)")
    register(key.strip())
    return key.strip()


@app.command()
def stream(
    match_ids: Annotated[
        list[str] | None, typer.Argument(help="Sportrix match ids.", show_default=False)
    ] = None,
    live: Annotated[
        str | None,
        typer.Option("--live", help="Also follow every in-play match of this sport (soccer)."),
    ] = None,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    team: TeamOpt = None,
    once: OnceOpt = False,
    key: KeyOpt = None,
    stream_url: Annotated[
        str,
        typer.Option("--stream-url", envvar="SPORTRIX_STREAM_URL", help="Sportrix WebSocket URL."),
    ] = SPORTRIX_STREAM,
    api_url: ApiUrlOpt = SPORTRIX_API,
    idle_timeout: Annotated[
        float,
        typer.Option("--idle-timeout", help="Seconds of silence before the link counts as dead."),
    ] = 60.0,
    rediscover: Annotated[
        float,
        typer.Option(
            "--rediscover", help="With --live: seconds between looks for newly started matches."
        ),
    ] = 60.0,
    record: RecordOpt = None,
) -> None:
    """Follow Sportrix matches over one WebSocket connection."""
    from livescore.runner import choose_format

    ids = _match_ids(match_ids or [])
    if not ids and not live:
        raise UsageError("give at least one MATCH_ID, or --live SPORT")
    secret = _need_key(key)
    output = choose_format(fmt, json_)
    _check_seconds(idle_timeout, "--idle-timeout")
    _check_seconds(rediscover, "--rediscover")
    ws_url = _check_url(stream_url, "--stream-url", ("ws", "wss"))
    rest_url = _check_url(api_url, "--api-url", ("http", "https"))
    recorder = _recorder(record)
    _run(
        _stream(
            ids,
            live,
            output,
            team or [],
            once,
            secret,
            ws_url,
            rest_url,
            idle_timeout,
            recorder,
            rediscover,
        )
    )


async def _stream(
    ids: list[str],
    live: str | None,
    fmt: str,
    teams: list[str],
    once: bool,
    key: str,
    ws_url: str,
    rest_url: str,
    idle_timeout: float,
    recorder: Any,
    rediscover: float,
) -> None:
    from livescore.commands.sources import sportrix_stream
    from livescore.runner import execute

    async with sportrix_stream(
        ids,
        key,
        ws_url,
        rest_url,
        live=live,
        idle_timeout=idle_timeout,
        once=once,
        record=recorder,
        rediscover_every=rediscover,
    ) as source:
        if source is not None:
            await execute(source, fmt, once=once, teams=teams, title="livescore · Sportrix")


@app.command()
def matches(
    live: Annotated[str, typer.Option("--live", help="The sport: soccer, cricket...")],
    json_: JsonOpt = False,
    key: KeyOpt = None,
    api_url: ApiUrlOpt = SPORTRIX_API,
) -> None:
    """List the in-play Sportrix matches of a sport (id, teams, start, status)."""
    secret = _need_key(key)
    rest_url = _check_url(api_url, "--api-url", ("http", "https"))
    _run(_matches(live, json_, secret, rest_url))


async def _matches(sport: str, as_json: bool, key: str, rest_url: str) -> None:
    import httpx

    from livescore.commands.sources import with_retries
    from livescore.sinks.stdout import write_line
    from livescore.sportrix.rest import SportrixApi, dumps, match_row

    async with httpx.AsyncClient() as client:
        api = SportrixApi(client, rest_url, key)
        rows = [match_row(m) for m in await with_retries(lambda: api.live_matches(sport))]
    out = sys.stdout.buffer
    if not rows and not as_json:
        print(f"no live {sport} matches right now", file=sys.stderr)
    for row in rows:
        if as_json:
            write_line(out, dumps(row))
        else:
            start = row["start"] or "-"
            write_line(
                out, f"{row['id']:<10} {row['home']} v {row['away']}  {start}  {row['status']}"
            )


@app.command()
def demo(
    speed: Annotated[
        float, typer.Option("--speed", "-s", help="Play the script N times faster.")
    ] = 1.0,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    team: TeamOpt = None,
) -> None:
    """Run the whole pipeline offline against local simulators (about a minute)."""
    from livescore.demo import run_demo
    from livescore.runner import choose_format

    if not 0 < speed <= 1000:
        raise UsageError(f"--speed must be above 0 and at most 1000, got {speed:g}")
    _run(run_demo(speed, choose_format(fmt, json_), team or []))


@app.command()
def serve(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="Leagues to poll, or with --stream Sportrix match ids.", show_default=False
        ),
    ] = None,
    stream_: Annotated[
        bool, typer.Option("--stream", help="TARGETS are Sportrix match ids: stream them.")
    ] = False,
    replay_file: Annotated[
        str | None, typer.Option("--replay", help="Serve a recording instead of a live source.")
    ] = None,
    speed: Annotated[float, typer.Option("--speed", help="Replay speed (with --replay).")] = 1.0,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port (0 = any free one).")] = 8765,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="LIVESCORE_TOKEN",
            show_default=False,
            help="Clients must present this token.",
        ),
    ] = None,
    interval: IntervalOpt = 5.0,
    espn_url: EspnUrlOpt = "https://site.api.espn.com",
    key: KeyOpt = None,
    stream_url: Annotated[
        str,
        typer.Option("--stream-url", envvar="SPORTRIX_STREAM_URL", help="Sportrix WebSocket URL."),
    ] = SPORTRIX_STREAM,
    api_url: ApiUrlOpt = SPORTRIX_API,
    record: RecordOpt = None,
) -> None:
    """The bridge: poll or stream once, push every change to any number of WebSocket clients."""
    from livescore.commands.bridge import run_serve
    from livescore.commands.sources import espn_poller, sportrix_stream

    names = targets or []
    if sum(bool(x) for x in (names and not stream_, stream_, replay_file)) != 1:
        raise UsageError("give LEAGUE..., or --stream MATCH_ID..., or --replay FILE")
    if not 0 <= port <= 65535:
        raise UsageError(f"--port must be 0 to 65535, got {port}")
    if token is not None:
        from livescore.secrets import register

        if not token.strip():
            raise UsageError("--token / LIVESCORE_TOKEN is empty")
        register(token)
    _check_seconds(interval, "--interval")
    recorder = _recorder(record)

    async def go() -> None:
        if replay_file:
            from livescore.record import check_readable, replay

            await run_serve(replay(check_readable(replay_file), speed), host, port, token)
        elif stream_:
            ids = _match_ids(names)
            secret = _need_key(key)
            ws_url = _check_url(stream_url, "--stream-url", ("ws", "wss"))
            rest = _check_url(api_url, "--api-url", ("http", "https"))
            async with sportrix_stream(ids, secret, ws_url, rest, record=recorder) as src:
                await run_serve(src, host, port, token)
        else:
            from livescore.leagues import resolve

            leagues = list(dict.fromkeys(resolve(n) for n in names))
            base = _check_url(espn_url, "--espn-url", ("http", "https"))
            async with espn_poller(leagues, base, interval=interval, record=recorder) as poller:
                await run_serve(poller, host, port, token)

    _run(go())


@app.command()
def tail(
    url: Annotated[str, typer.Argument(help="The bridge: ws://HOST:PORT/")],
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    league: Annotated[
        list[str] | None, typer.Option("--league", "-l", help="Only this league. Repeatable.")
    ] = None,
    team: TeamOpt = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token", envvar="LIVESCORE_TOKEN", show_default=False, help="The bridge's token."
        ),
    ] = None,
) -> None:
    """Follow a livescore bridge; resumes where it left off after a restart of either side."""
    from livescore.commands.bridge import run_tail
    from livescore.runner import choose_format
    from livescore.secrets import register

    address = _check_url(url, "URL", ("ws", "wss"))
    register(token)
    _run(run_tail(address, choose_format(fmt, json_), token, league or [], team or []))


@app.command()
def replay(
    file: Annotated[str, typer.Argument(help="A recording made with --record.")],
    speed: Annotated[
        float, typer.Option("--speed", "-s", help="N times the original pace; 0 = no pauses.")
    ] = 1.0,
    fmt: FormatOpt = None,
    json_: JsonOpt = False,
    team: TeamOpt = None,
) -> None:
    """Push a recording through the same parsers and board into any output."""
    from livescore.commands.bridge import run_replay
    from livescore.record import check_readable
    from livescore.runner import choose_format

    if not 0 <= speed <= 1e6:
        raise UsageError(f"--speed must be 0 or more, got {speed:g}")
    _run(run_replay(check_readable(file), speed, choose_format(fmt, json_), team or []))


@app.command("leagues")
def leagues_cmd() -> None:
    """List the league aliases."""
    from livescore.leagues import LEAGUES

    for league in LEAGUES.values():
        print(f"{league.alias:<14}{league.path:<40}{league.name}")
    print("\nAny ESPN path sport/league works too, e.g. soccer/sco.1.")


def _check_url(url: str, flag: str, schemes: tuple[str, ...]) -> str:
    from urllib.parse import urlsplit

    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in schemes or not parts.hostname:
        raise UsageError(f"bad {flag}: expected a {' or '.join(schemes)} URL")
    return text


def _silence_stdout() -> None:
    from livescore.sinks.stdout import silence_stdout

    silence_stdout()


def main(argv: list[str] | None = None) -> None:
    """Entry point: one boundary where every error becomes a message and an exit code."""
    code = 0
    try:
        result = app(args=argv, standalone_mode=False)
        if isinstance(result, int):  # click returns Exit/Abort codes when not standalone
            code = result
    except StdoutClosed:
        _silence_stdout()
    except LivescoreError as exc:
        print(f"livescore: error: {exc}", file=sys.stderr)
        code = exc.exit_code
    except click_exc.NoArgsIsHelpError as exc:
        print(exc.ctx.get_help() if exc.ctx else str(exc))
        code = 2
    except click_exc.UsageError as exc:
        where = f" (see 'livescore {exc.ctx.info_name} --help')" if exc.ctx else ""
        if exc.ctx and exc.ctx.info_name == "livescore":
            where = " (see 'livescore --help')"
        print(f"livescore: error: {exc.format_message()}{where}", file=sys.stderr)
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
        print(f"livescore: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        code = 1
    sys.stdout.flush() if not sys.stdout.closed else None
    sys.exit(code)
