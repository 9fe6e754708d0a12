"""Run a source through the pipeline into the chosen output on this process's stdout."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterable, Collection
from typing import Any

from livescore.board import Board
from livescore.errors import UsageError
from livescore.model import SourceItem
from livescore.pipeline import run
from livescore.sinks import Sink
from livescore.sinks.stdout import StdoutClosed, watch_closed

FORMATS = ("table", "lines", "jsonl")


def choose_format(fmt: str | None, json_flag: bool) -> str:
    """``--json`` wins; otherwise ``--format``; otherwise table on a terminal, jsonl elsewhere."""
    if json_flag:
        if fmt not in (None, "jsonl", "json"):
            raise UsageError(f"--json conflicts with --format {fmt}")
        return "jsonl"
    if fmt is None:
        return "table" if sys.stdout.isatty() else "jsonl"
    name = fmt.strip().lower()
    if name == "json":
        name = "jsonl"
    if name not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose table, lines or jsonl")
    return name


def warn(message: str) -> None:
    print(f"livescore: warning: {message}", file=sys.stderr, flush=True)


def make_sink(fmt: str, *, once: bool, title: str) -> Sink:
    if fmt == "table":
        from rich.console import Console

        from livescore.sinks.table import TableSink

        return TableSink(Console(highlight=False), once=once, title=title)
    from livescore.sinks.text import jsonl_sink, lines_sink

    stream = sys.stdout.buffer
    return jsonl_sink(stream) if fmt == "jsonl" else lines_sink(stream)


async def execute(
    source: AsyncIterable[SourceItem],
    fmt: str,
    *,
    once: bool = False,
    teams: Collection[str] = (),
    title: str = "livescore",
) -> Board:
    """Run until the source ends. Raises StdoutClosed when the reader of stdout goes away."""
    sink = make_sink(fmt, once=once, title=title)
    main = asyncio.create_task(run(source, sink, warn=warn, teams=teams))
    closed = watch_closed(sys.stdout.fileno()) if fmt != "table" else None
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
