"""The pipeline in process: source items → board → sink, with the clock injected; warnings
redacted once; the team filter; a fatal problem ends the run with the right error."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta

import pytest

from livescore.app.pipeline import run
from livescore.core.board import Board
from livescore.core.errors import LivescoreError, RejectedError
from livescore.core.health import Health
from livescore.core.model import Event, FeedEvent, Notice, Problem, SourceItem, Update
from livescore.core.secrets import Redactor
from livescore.core.teams import GameFilter
from tests.helpers import game

NOW = datetime(2026, 5, 2, 23, 0, tzinfo=UTC)


class Recorder:
    """A sink that keeps what it was given."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.feeds: list[FeedEvent] = []
        self.refreshed: list[bool] = []
        self.closed = False

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        self.events.extend(events)

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        self.feeds.append(event)

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        self.refreshed.append(health.stale)

    def close(self, board: Board, health: Health, now: datetime) -> None:
        self.closed = True


async def _source(items: Sequence[SourceItem]) -> AsyncIterator[SourceItem]:
    for item in items:
        yield item


def _run(items: Sequence[SourceItem], **kw: object) -> tuple[Recorder, list[str], Board]:
    sink, warnings = Recorder(), []
    board = asyncio.run(
        run(_source(items), sink, warn=warnings.append, clock=lambda: NOW, **kw)  # type: ignore[arg-type]
    )
    return sink, warnings, board


def test_updates_become_events_and_repeats_nothing() -> None:
    later = NOW + timedelta(seconds=5)
    items = [
        Update("espn nba", (game("1"), game("2")), NOW),
        Update("espn nba", (game("1"), game("2")), later),
        Update("espn nba", (game("1", home=3), game("2")), later),
    ]
    sink, warnings, board = _run(items)
    assert [(e.seq, e.kind, e.game.id) for e in sink.events] == [
        (1, "snapshot", "1"),
        (2, "snapshot", "2"),
        (3, "score", "1"),
    ]
    assert sink.events[2].ts == later  # the time the data was received
    assert warnings == [] and sink.closed and board.seq == 3


def test_problems_warn_once_each_redacted_and_mark_the_feed_stale() -> None:
    secret = "sk_live_abcdef123456"
    items = [
        Problem("sportrix", f"refused {secret} at wss://x/?key={secret}", NOW, NOW),
        Notice("sportrix", f"match 9: echoed {secret}", NOW),
        Update("sportrix", (game("1"),), NOW),
    ]
    sink, warnings, _ = _run(items, redact=Redactor.of(secret))
    assert len(warnings) == 2 and all(secret not in w for w in warnings)
    assert "key=***" in warnings[0] and "retrying in 0.0s" in warnings[0]
    assert "showing last good data" not in warnings[0]  # there was none yet
    assert sink.refreshed[0] is True


def test_the_filter_keeps_only_the_teams_asked_for() -> None:
    items = [Update("espn nba", (game("1", abbr="BOS"), game("2", abbr="LAL")), NOW)]
    sink, _, board = _run(items, keep=GameFilter.of(teams=["nba:lal"]))
    assert [e.game.id for e in sink.events] == ["2"] and len(board) == 1


@pytest.mark.parametrize(("rejected", "error"), [(True, RejectedError), (False, LivescoreError)])
def test_a_fatal_problem_ends_the_run_with_its_error(
    rejected: bool, error: type[LivescoreError]
) -> None:
    items = [
        Update("espn nba", (game("1"),), NOW),
        Problem("espn nba", "no", NOW, None, True, rejected),
    ]
    with pytest.raises(error, match="espn nba: no") as caught:
        _run(items)
    assert type(caught.value) is error


def test_feed_events_say_each_ok_stale_transition_once_at_the_current_position() -> None:
    t = [NOW + timedelta(seconds=n) for n in range(6)]
    items = [
        Update("espn nba", (game("1"),), t[0]),
        Problem("espn nba", "HTTP 503 sk_x_secret_1", t[1], t[2]),
        Problem("espn nba", "HTTP 503", t[2], t[4]),  # still stale: no second event
        Update("espn nba", (game("1", home=2),), t[3]),
        Problem("espn nhl", "timed out", t[4], t[5]),  # never ok: stale at once
        Update("espn nba", (game("1", home=2),), t[5]),  # ok already: nothing
    ]
    sink, _, _ = _run(items, redact=Redactor.of("sk_x_secret_1"))
    got = [(f.feed, f.state, f.seq, f.since, f.error) for f in sink.feeds]
    assert got == [
        ("espn nba", "stale", 1, t[1], "HTTP 503 ***"),
        ("espn nba", "ok", 1, t[3], None),  # before the score event it came with
        ("espn nhl", "stale", 2, t[4], "timed out"),
    ]
    assert sink.feeds[0].retry_at == t[2] and sink.feeds[0].last_ok == t[0]
    assert [e.seq for e in sink.events] == [1, 2]
