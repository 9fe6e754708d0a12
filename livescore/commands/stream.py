"""``livescore stream``: follow Sportrix matches over one WebSocket connection."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from livescore.app.launch import Given
from livescore.commands import params as p
from livescore.core import defaults
from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    from livescore.app.options import Output, Sportrix


@dataclass(frozen=True)
class Stream:
    sportrix: "Sportrix"
    output: "Output"
    record: str | None = None


def build(
    given: Given,
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
    fmt: p.FormatOpt = None,
    json_: p.JsonOpt = False,
    team: p.TeamOpt = None,
    once: p.OnceOpt = False,
    key: p.KeyOpt = None,
    stream_url: p.StreamUrlOpt = None,
    api_url: p.ApiUrlOpt = None,
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
    record: p.RecordOpt = None,
    on_event: p.OnEventOpt = None,
    on_kind: p.OnKindOpt = None,
    notify: p.NotifyOpt = None,
    notify_on: p.NotifyOnOpt = None,
    delay: p.DelayOpt = None,
) -> Stream:
    """Follow Sportrix matches over one WebSocket connection."""
    from livescore.app import checks
    from livescore.app.layers import Layers, delayed, with_hook, with_notify
    from livescore.core.errors import UsageError

    layers = Layers(
        given,
        fmt=fmt,
        key=key,
        stream_url=stream_url,
        api_url=api_url,
        idle_timeout=idle_timeout,
        rediscover=rediscover,
        notify=notify,
    )
    ids = checks.match_ids(match_ids or [])
    if not ids and not (live or "").strip():
        raise UsageError("give at least one MATCH_ID, or --live SPORT")
    sportrix = layers.sportrix(ids, live)
    output = layers.output(fmt, json_, team, once, "livescore · Sportrix")
    output = with_notify(delayed(with_hook(output, on_event, on_kind), delay), layers, notify_on)
    return Stream(sportrix, output, record)


async def run(options: Stream, redact: Redactor) -> None:
    from livescore.app.compose import show
    from livescore.app.launch import warn
    from livescore.app.recording import recording
    from livescore.app.sources import sportrix_stream

    once = options.output.once
    with recording(options.record) as record:
        async with sportrix_stream(options.sportrix, warn, once=once, record=record) as source:
            if source is not None:
                await show(source, options.output, redact)
