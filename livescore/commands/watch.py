"""``livescore watch``: poll ESPN scoreboards (or have changes pushed) and show every change."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from livescore.app.options import Espn, Output


@dataclass(frozen=True)
class Watch:
    espn: "Espn"
    output: "Output"
    record: str | None = None
    keys: bool = True  # the table driven with keys, on a terminal (--no-keys: not)
    config: str | None = None  # the config file, for the f key


def build(
    given: Given,
    leagues: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="LEAGUE",
            help="League aliases (nba, epl...) or ESPN paths (soccer/eng.1). "
            "Default: the config file's leagues, or its favourite teams' leagues.",
            autocompletion=p.complete_league,
            show_default=False,
        ),
    ] = None,
    fmt: p.FormatOpt = None,
    json_: p.JsonOpt = False,
    team: p.TeamOpt = None,
    interval: p.IntervalOpt = None,
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
    once: p.OnceOpt = False,
    espn_url: p.EspnUrlOpt = None,
    timeout: p.EspnTimeoutOpt = None,
    record: p.RecordOpt = None,
    on_event: p.OnEventOpt = None,
    on_kind: p.OnKindOpt = None,
    notify: p.NotifyOpt = None,
    notify_on: p.NotifyOnOpt = None,
    delay: p.DelayOpt = None,
    tz: p.TzOpt = None,
    push: p.PushOpt = False,
    fastcast_url: p.FastcastUrlOpt = None,
    plays: p.PlaysOpt = False,
    all_plays: p.AllPlaysOpt = False,
    publish: p.PublishMqttOpt = None,
    ha_discovery: p.HaDiscoveryOpt = None,
    keys: p.KeysOpt = True,
) -> Watch:
    """Poll ESPN scoreboards (or with --push, have changes pushed) and show every change."""
    from dataclasses import replace

    from livescore.app import checks
    from livescore.app.layers import (
        Layers,
        delayed,
        split_publish,
        title,
        with_hook,
        with_notify,
    )
    from livescore.core.errors import UsageError
    from livescore.core.teams import parse_teams

    redis, mqtt = split_publish(publish)
    if redis is not None:
        raise UsageError("watch publishes to MQTT (mqtt://...); to Redis, serve --publish does")
    layers = Layers(
        given,
        leagues=leagues,
        fmt=fmt,
        espn_url=espn_url,
        interval=interval,
        timeout=timeout,
        fastcast_url=fastcast_url,
        mqtt=mqtt,
        ha_discovery=ha_discovery,
        notify=notify,
    )
    chosen = layers.leagues(leagues or [])
    output = layers.output(fmt, json_, team, once, title(chosen))
    output = with_notify(delayed(with_hook(output, on_event, on_kind), delay), layers, notify_on)
    output = replace(output, zone=checks.zone(tz), mqtt=layers.mqtt(parse_teams(team or [])))
    which = "all" if all_plays else "scoring" if plays else None
    espn = replace(layers.espn(chosen, date, push), plays=which)
    return Watch(espn, output, record, keys, str(layers.file.path))


async def run(options: Watch, redact: Redactor) -> None:
    from livescore.app.compose import show
    from livescore.app.recording import recording
    from livescore.app.sources import espn_poller

    with recording(options.record) as record:
        async with espn_poller(options.espn, once=options.output.once, record=record) as poller:
            if options.keys and _interactive(options.output):
                from pathlib import Path

                from livescore.tui.app import run_keys

                espn = options.espn
                config = Path(options.config) if options.config else None
                await run_keys(poller, redact, options.output, espn.leagues, espn.url,
                               espn.timeout, config)  # fmt: skip
                return
            await show(poller, options.output, redact)


def _interactive(output: "Output") -> bool:
    """The keys drive the table on a terminal (stdin and stdout), never otherwise."""
    import sys

    return (output.format == "table" and not output.once and sys.stdin.isatty()
            and sys.stdout.isatty())  # fmt: skip
