"""Where a command's events go: the chosen sink on this process's stdout, warnings on stderr."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterable, AsyncIterator, Callable
from typing import Any

from livescore.app.options import Output
from livescore.board import Board
from livescore.delay import behind
from livescore.model import SourceItem, Update
from livescore.pipeline import run
from livescore.secrets import Redactor
from livescore.sinks import Sink
from livescore.sinks.stdout import StdoutClosed, watch_closed
from livescore.teams import TeamSpec


def warn(message: str) -> None:
    print(f"livescore: warning: {message}", file=sys.stderr, flush=True)


def _noted(sink: Sink, warn: Callable[[str], None]) -> Callable[[str], None]:
    """Where diagnostics go: the footer of a live table (stderr would tear the screen),
    else stderr."""
    note = getattr(sink, "note", None)
    if note is not None and getattr(sink, "screen", None) is not None:
        return note  # type: ignore[no-any-return]
    return warn


def _sink(output: Output) -> Sink:
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

    stream = sys.stdout.buffer
    make = jsonl_sink if output.format == "jsonl" else lines_sink
    return make(stream, feeds=not output.once)


async def execute(
    source: AsyncIterable[SourceItem],
    output: Output,
    redact: Redactor,
    warn: Callable[[str], None] = warn,
) -> Board:
    """Run until the source ends. Raises StdoutClosed when the reader of stdout goes away.

    While a live table is up, diagnostics go to its footer, and each is said once on stderr
    when it is over."""
    inner = _sink(output)
    said = _noted(inner, warn)
    sink = inner
    if output.hook is not None:
        from livescore.sinks.hooks import HookSink

        sink = HookSink(inner, output.hook, said)
    if output.favourites:
        source = check_favourites(source, output.favourites, said)
    try:
        return await _with_hooks(source, output, redact, said, sink)
    finally:
        if said is not warn:
            for line in getattr(inner, "summary", list)():
                warn(line)


async def _with_hooks(
    source: AsyncIterable[SourceItem],
    output: Output,
    redact: Redactor,
    warn: Callable[[str], None],
    sink: Sink,
) -> Board:
    finish = getattr(sink, "finish", None)  # --on-event: hooks still queued
    if finish is None:
        return await _execute(source, output, redact, warn, sink)
    try:
        board = await _execute(source, output, redact, warn, sink)
    except BaseException:
        await finish(0)  # stopped, failed or interrupted: queued hooks are not run
        raise
    await finish(output.hook.timeout)
    return board


async def _execute(
    source: AsyncIterable[SourceItem],
    output: Output,
    redact: Redactor,
    warn: Callable[[str], None],
    sink: Sink,
) -> Board:
    source, clock = behind(source, output.delay, warn)
    main = asyncio.create_task(
        run(source, sink, warn=warn, keep=output.keep, redact=redact, clock=clock)
    )
    closed = watch_closed(sys.stdout.fileno()) if output.format != "table" else None
    if closed is None:
        return await main
    try:
        waiting: list[asyncio.Future[Any]] = [main, closed]
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        main.cancel()
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
    warn: Callable[[str], None],
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
                        "(not playing now, or not ESPN's abbreviation or full name?)"
                    )
        yield item
