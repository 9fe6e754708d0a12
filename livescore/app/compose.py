"""The one composition every command runs: source → delay → pipeline → sink, with the
extras around it (hooks, the favourites check, diagnostics into a live table's footer,
ending when the reader of stdout goes). ``output_sink`` picks the sink an ``Output`` asks
for on this process's stdout."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterable, AsyncIterator, Callable, Sequence
from typing import TYPE_CHECKING, Any

from livescore.app.delay import behind
from livescore.app.launch import warn
from livescore.app.options import Mqtt, Output
from livescore.app.pipeline import run
from livescore.core.board import Board
from livescore.core.model import SourceItem, Update
from livescore.core.secrets import Redactor
from livescore.core.teams import EVERYTHING, GameFilter, TeamSpec
from livescore.sinks import Sink
from livescore.sinks.stdout import StdoutClosed, watch_closed

if TYPE_CHECKING:
    from livescore.sinks.hooks import Hook
    from livescore.sinks.notify import Notify

Warn = Callable[[str], None]


def output_sink(output: Output) -> Sink:
    """The table, lines or JSON lines on this process's stdout."""
    if output.format == "table":
        from rich.console import Console

        from livescore.sinks.table import TableSink

        console = Console(highlight=False)
        empty = f"no games match {output.keep.described}" if output.keep.teams else "no games"
        return TableSink(
            console,
            once=output.once,
            title=output.title,
            favourites=output.favourites,
            empty=empty,
            zone=output.zone,
            following=bool(output.keep.teams),
        )
    from livescore.sinks.text import jsonl_sink, lines_sink

    make = jsonl_sink if output.format == "jsonl" else lines_sink
    return make(sys.stdout.buffer, feeds=not output.once)


async def show(source: AsyncIterable[SourceItem], output: Output, redact: Redactor) -> Board:
    """``source`` into the output an ``Output`` describes, until the source ends."""
    async with publishing(output.mqtt, output_sink(output), source) as (sink, fed):
        return await compose(
            fed,
            sink,
            redact,
            keep=output.keep,
            delay=output.delay,
            hook=output.hook,
            favourites=output.favourites,
            stdout=output.format != "table",
            notify=output.notify,
        )


@contextlib.asynccontextmanager
async def publishing(
    mqtt: Mqtt | None, sink: Sink, source: AsyncIterable[SourceItem], leagues: Sequence[str] = ()
) -> AsyncIterator[tuple[Sink, AsyncIterable[SourceItem]]]:
    """With ``--publish mqtt://...``: the sink also publishing to the broker (connected
    first: unreachable exits 1, refused 3), and the source with the broker's health as a
    feed; a clean ``offline`` at the end. Without: both as they are."""
    if mqtt is None:
        yield sink, source
        return
    from livescore.core.leagues import LEAGUES
    from livescore.mqtt.publisher import MqttPublisher
    from livescore.net.fanin import fan_in, pumping
    from livescore.sinks.mqtt import MqttSink

    publisher = MqttPublisher(mqtt.address)
    await publisher.start()
    try:
        known = tuple(leagues) or tuple(LEAGUES)
        wrapped = MqttSink(sink, publisher, known, mqtt.teams, mqtt.ha_discovery)
        yield wrapped, fan_in([pumping(source), publisher.run], until="first")
    finally:
        await publisher.close()


async def compose(
    source: AsyncIterable[SourceItem],
    sink: Sink,
    redact: Redactor,
    *,
    keep: GameFilter = EVERYTHING,
    delay: float = 0.0,
    hook: Hook | None = None,
    favourites: tuple[TeamSpec, ...] = (),
    stdout: bool = False,
    warn: Warn = warn,
    notify: Notify | None = None,
) -> Board:
    """Run ``source`` through the board into ``sink`` until the source ends.

    Diagnostics go where the sink says (a live table's footer, summed up on stderr when it
    is gone), else to stderr. ``stdout``: the sink writes to stdout, and the run ends with
    StdoutClosed when its reader goes away."""
    inner = sink

    def said(message: str) -> None:
        if not inner.note(message):
            warn(message)

    if hook is not None:
        from livescore.sinks.hooks import HookSink

        sink = HookSink(inner, hook, said)
    if notify is not None:
        from livescore.sinks.notify import NotifySink

        sink = NotifySink(sink, notify, said)
    if favourites:
        source = check_favourites(source, favourites, said)
    source, clock = behind(source, delay, said)
    try:
        try:
            main = run(source, sink, warn=said, keep=keep, redact=redact, clock=clock)
            board = await (_until_closed(main) if stdout else main)
        except BaseException:
            await sink.finish(cancelled=True)  # stopped, failed or interrupted
            raise
        await sink.finish(cancelled=False)
        return board
    finally:
        for line in inner.summary():
            warn(line)


async def _until_closed(work: Any) -> Board:
    """``work``, or StdoutClosed as soon as the reader of stdout has gone."""
    main: asyncio.Task[Board] = asyncio.ensure_future(work)
    closed = watch_closed(sys.stdout.fileno())
    if closed is None:
        return await main
    try:
        waiting: list[asyncio.Future[Any]] = [main, closed]
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        main.cancel()
        closed.cancel()
        raise
    if main.done():
        closed.cancel()
        return main.result()
    main.cancel()
    with contextlib.suppress(asyncio.CancelledError, StdoutClosed):
        await main
    raise StdoutClosed


async def check_favourites(
    source: AsyncIterable[SourceItem],
    favourites: tuple[TeamSpec, ...],
    warn: Warn,
) -> AsyncIterator[SourceItem]:
    """Pass items on; say once of each league-bound favourite that its league's first
    scoreboard has no game of it (a team not playing today, or a misspelt name)."""
    pending = {spec for spec in favourites if spec.league is not None}
    async for item in source:
        if pending and isinstance(item, Update) and item.feed.startswith("espn ") and item.games:
            leagues = {g.league.lower() for g in item.games}
            for spec in [s for s in pending if s.league in leagues]:
                pending.discard(spec)
                if not any(spec.matches(g) for g in item.games):
                    warn(
                        f"favourite {str(spec)!r} has no game on the {spec.league} scoreboard "
                        "(not playing now, or not ESPN's abbreviation, full or short name?)"
                    )
        yield item
