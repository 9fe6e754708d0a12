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
    server: int | None = None  # --server: only the ESPN simulator, on this port (0: any)
    keys: bool = True  # the table driven with keys, on a terminal (--no-keys: not)
    config: str | None = None  # the config file, for the f key


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
    server: Annotated[
        bool,
        typer.Option(
            "--server",
            help="Only run the ESPN simulator (scoreboards, summaries, schedules, standings) "
            "until Ctrl-C, printing its URL: point any command at it with --espn-url or "
            "LIVESCORE_ESPN_URL.",
        ),
    ] = False,
    port: Annotated[
        int, typer.Option("--port", metavar="PORT", help="--server: the port (0: a free one).")
    ] = 0,
    record: Annotated[
        str | None,
        typer.Option(
            "--record",
            metavar="FILE",
            help="Also record what the simulators sent, to try replay and serve --replay with.",
            show_default=False,
        ),
    ] = None,
    publish: p.PublishMqttOpt = None,
    ha_discovery: p.HaDiscoveryOpt = None,
    notify: p.NotifyOpt = None,
    notify_on: p.NotifyOnOpt = None,
    keys: p.KeysOpt = True,
) -> Demo:
    """Run the whole pipeline offline against local simulators (about a minute)."""
    from dataclasses import replace

    from livescore.app import checks
    from livescore.app.layers import Layers, split_publish, with_notify
    from livescore.core.teams import parse_teams

    redis, mqtt = split_publish(publish)
    if redis is not None:
        from livescore.core.errors import UsageError

        raise UsageError("demo publishes to MQTT (mqtt://...); to Redis, serve --publish does")
    layers = Layers(given, fmt=fmt, mqtt=mqtt, ha_discovery=ha_discovery, notify=notify)
    pace = checks.speed(speed, "--speed", zero_ok=False, most=1000)
    title = "livescore demo · NBA, EPL (ESPN-shaped) + Sportrix soccer, cricket (simulated)"
    if push:
        title = title.replace("(ESPN-shaped)", "(ESPN FastCast push)")
    if game is not None and (push or record or team or publish or notify):
        from livescore.core.errors import UsageError

        raise UsageError("demo --game opens one game: it takes no --push, --record, --team, "
                         "--publish or --notify")  # fmt: skip
    if server and (push or record or team or game or publish or notify):
        from livescore.core.errors import UsageError

        raise UsageError("demo --server runs the simulator alone: no --push, --record, --team, "
                         "--game, --publish or --notify")  # fmt: skip
    if not 0 <= port <= 65535:
        from livescore.core.errors import UsageError

        raise UsageError(f"--port must be 0 to 65535, got {port}")
    output = layers.output(fmt, json_, team, False, title)
    output = with_notify(replace(output, mqtt=layers.mqtt(parse_teams(team or []))), layers,
                         notify_on)  # fmt: skip
    return Demo(pace, output, push, record, game, port if server else None, keys,
                str(layers.file.path))  # fmt: skip


async def run(options: Demo, redact: Redactor) -> None:
    from livescore.app.compose import show
    from livescore.app.demo import demo_source
    from livescore.app.recording import recording

    if options.game is not None:
        await _one_game(options, redact)
        return
    if options.server is not None:
        await _server(options)
        return
    with recording(options.record) as record:
        if options.keys and _interactive(options.output):
            await _with_keys(options, redact, record)
            return
        async with demo_source(options.speed, options.push, record) as source:
            await show(source, options.output, redact)


def _interactive(output: "Output") -> bool:
    import sys

    return output.format == "table" and sys.stdin.isatty() and sys.stdout.isatty()


async def _with_keys(options: Demo, redact: Redactor, record: object) -> None:
    """The demo's table driven with keys: its ESPN games open, change day, show standings
    from the ESPN simulator."""
    from pathlib import Path

    from livescore.app.demo import demo_source
    from livescore.core.leagues import resolve
    from livescore.tui.app import run_keys

    urls: list[str] = []
    async with demo_source(options.speed, options.push, record, urls.append) as source:  # type: ignore[arg-type]
        config = Path(options.config) if options.config else None
        await run_keys(source, redact, options.output, [resolve("nba"), resolve("epl")],
                       urls[0], 10.0, config)  # fmt: skip


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


async def _server(options: Demo) -> None:
    """The ESPN simulator alone, until Ctrl-C or SIGTERM: its URL and what to try on it."""
    import asyncio
    import sys

    from livescore.core.errors import UsageError
    from livescore.sim import espn_server

    try:
        running = espn_server.run(speed=options.speed, port=options.server or 0)
        url, _ = running.__enter__()
    except OSError as exc:
        raise UsageError(f"cannot serve on port {options.server}: {exc.strerror}") from None
    try:
        sys.stdout.write(
            f"ESPN simulator at {url} (NBA and EPL: today's games, two weeks either side)\n"
            f"try, in another terminal:\n"
            f"  export LIVESCORE_ESPN_URL={url}\n"
            "  livescore watch nba epl\n"
            "  livescore standings nba\n"
            "  livescore schedule nba --team BOS --last 3\n"
            "  livescore next nba:BOS epl:ARS\n"
        )
        sys.stdout.flush()
        await asyncio.Event().wait()
    finally:
        running.__exit__(None, None, None)
