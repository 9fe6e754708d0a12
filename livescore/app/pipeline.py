"""Source → board → sink: the loop every command runs.

This is also where every diagnostic a source reports passes, so it is redacted here once
before it reaches the warnings, the sinks (footer, bridge health) and the final error.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterable, Callable
from dataclasses import replace
from datetime import UTC, datetime

from livescore.core.board import Board
from livescore.core.errors import LivescoreError, NoMatch, RejectedError
from livescore.core.health import Health
from livescore.core.model import FeedEvent, Notice, Plays, Problem, Relayed, SourceItem, Update
from livescore.core.secrets import Redactor, redact_urls
from livescore.core.teams import EVERYTHING, GameFilter
from livescore.sinks import Sink

TICK = 1.0
# How long after the first scoreboard that had none of the --team games the others (more
# leagues, another source) have to show one before the run says no game matches.
MATCH_GRACE = 5.0


def format_problem(item: Problem, now: datetime, had_data: bool = True) -> str:
    text = f"{item.feed}: {item.message}"
    if item.retry_at is not None:
        wait = max(0.0, (item.retry_at - now).total_seconds())
        shown = "; showing last good data" if had_data else ""
        text += f" (retrying in {wait:.1f}s{shown})"
    return text


async def run(
    source: AsyncIterable[SourceItem],
    sink: Sink,
    *,
    warn: Callable[[str], None],
    keep: GameFilter = EVERYTHING,
    redact: Redactor = redact_urls,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Board:
    """Feed ``source`` through a board into ``sink`` until the source ends.

    Raises the error of the first fatal problem once the source has ended.
    """
    board = Board()
    health = Health()
    fatal: Problem | None = None
    unmatched = 0  # games the sources gave that --team left out, while none matched
    unmatched_since: datetime | None = None  # when the first such scoreboard came
    said = False
    keep_all = keep.everything  # no --team: every game, without a call per game
    ticker = asyncio.create_task(_tick(sink, board, health, clock))
    try:
        async for item in source:
            now = clock()
            if isinstance(item, Update):
                _ok(health, item.feed, item.at, board, sink, now)
                # events carry the time the data was received (a replay keeps the original)
                games = item.games if keep_all else [g for g in item.games if keep(g)]
                if item.games and not games and not len(board):
                    unmatched = max(unmatched, len(item.games))
                    unmatched_since = unmatched_since or now
                # every league and source followed had its chance: none has the team's game
                waited = (now - unmatched_since).total_seconds() if unmatched_since else 0.0
                if waited >= MATCH_GRACE and not len(board) and not said:
                    said = True
                    warn(f"no games match {keep.described} ({unmatched} on the scoreboard)")
                events = board.update(games, item.at, item.resync)
                sink.publish(events, board, health, now)
            elif isinstance(item, Relayed):
                _ok(health, item.feed, item.at, board, sink, now)
                relayed = (
                    list(item.events) if keep_all else [e for e in item.events if keep(e.game)]
                )
                board.apply(relayed)
                sink.publish(relayed, board, health, now)
            elif isinstance(item, Problem):
                item = replace(item, message=redact(item.message))
                was_stale = _stale(health, item.feed)
                health.failed(item)
                if not item.fatal:  # a fatal one ends the run: its error line says it
                    warn(format_problem(item, now, len(board) > 0))
                if not was_stale:
                    sink.feed(_feed_event(health, item.feed, board, item.at), board, health, now)
                sink.refresh(board, health, now)
                if item.fatal and fatal is None:
                    fatal = item
            elif isinstance(item, Plays):
                _ok(health, item.feed, item.at, board, sink, now)
                if keep_all or keep(item.game):
                    sink.plays(item, board, health, now)
            elif isinstance(item, Notice):
                warn(redact(f"{item.feed}: {item.message}"))
    finally:
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker
        sink.close(board, health, clock())
    if fatal is not None:
        cls = RejectedError if fatal.rejected else LivescoreError
        raise cls(f"{fatal.feed}: {fatal.message}")
    if unmatched and not len(board):
        raise NoMatch(f"no games match {keep.described}")
    return board


def _stale(health: Health, feed: str) -> bool:
    known = health.feeds.get(feed)
    return known is not None and known.stale


def _ok(health: Health, feed: str, at: datetime, board: Board, sink: Sink, now: datetime) -> None:
    """Mark the feed ok; when it was stale, say so in band."""
    was_stale = _stale(health, feed)
    health.ok(feed, at)
    if was_stale:
        sink.feed(_feed_event(health, feed, board, at), board, health, now)


def _feed_event(health: Health, feed: str, board: Board, at: datetime) -> FeedEvent:
    state = health.feeds[feed]
    return FeedEvent(
        board.seq,
        at,
        feed,
        "stale" if state.stale else "ok",
        state.error,
        at,
        state.retry_at,
        state.last_ok,
    )


async def _tick(sink: Sink, board: Board, health: Health, clock: Callable[[], datetime]) -> None:
    """Let time-dependent displays (highlights, countdowns, running clocks) move on."""
    while True:
        await asyncio.sleep(TICK)
        sink.refresh(board, health, clock())
