"""Source → board → sink: the loop every command runs."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterable, Callable, Collection
from datetime import UTC, datetime

from livescore.board import Board
from livescore.errors import LivescoreError, RejectedError
from livescore.health import Health
from livescore.model import Game, Problem, Relayed, SourceItem, Update
from livescore.sinks import Sink

TICK = 1.0


def team_filter(teams: Collection[str]) -> Callable[[Game], bool]:
    wanted = {t.strip().upper() for t in teams if t.strip()}
    if not wanted:
        return lambda game: True

    def match(game: Game) -> bool:
        return any(
            side.abbr.upper() in wanted or side.name.upper() in wanted
            for side in (game.home, game.away)
        )

    return match


def format_problem(item: Problem, now: datetime) -> str:
    text = f"{item.feed}: {item.message}"
    if item.retry_at is not None:
        wait = max(0.0, (item.retry_at - now).total_seconds())
        text += f" (retrying in {wait:.1f}s; showing last good data)"
    return text


async def run(
    source: AsyncIterable[SourceItem],
    sink: Sink,
    *,
    warn: Callable[[str], None],
    teams: Collection[str] = (),
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    board: Board | None = None,
) -> Board:
    """Feed ``source`` through a board into ``sink`` until the source ends.

    Raises the error of the first fatal problem once the source has ended.
    """
    board = board if board is not None else Board()
    health = Health()
    keep = team_filter(teams)
    fatal: Problem | None = None
    ticker = asyncio.create_task(_tick(sink, board, health, clock))
    try:
        async for item in source:
            now = clock()
            if isinstance(item, Update):
                health.ok(item)
                # events carry the time the data was received (a replay keeps the original)
                events = board.update([g for g in item.games if keep(g)], item.at, item.resync)
                sink.publish(events, board, health, now)
            elif isinstance(item, Relayed):
                health.ok(Update(item.feed, (), item.at))
                relayed = [e for e in item.events if keep(e.game)]
                board.apply(relayed)
                sink.publish(relayed, board, health, now)
            elif isinstance(item, Problem):
                health.failed(item)
                warn(format_problem(item, now))
                sink.refresh(board, health, now)
                if item.fatal and fatal is None:
                    fatal = item
            else:
                warn(f"{item.feed}: {item.message}")
    finally:
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker
        sink.close(board, health, clock())
    if fatal is not None:
        cls = RejectedError if fatal.rejected else LivescoreError
        raise cls(f"{fatal.feed}: {fatal.message}")
    return board


async def _tick(sink: Sink, board: Board, health: Health, clock: Callable[[], datetime]) -> None:
    """Let time-dependent displays (highlights, countdowns, running clocks) move on."""
    while True:
        await asyncio.sleep(TICK)
        sink.refresh(board, health, clock())
