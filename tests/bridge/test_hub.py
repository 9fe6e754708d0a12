"""The bridge's hub (pure state): coalescing slow clients, resuming with since=."""

from __future__ import annotations

from datetime import UTC, datetime

from livescore.bridge.hub import Client, Hub
from livescore.core.board import Board
from livescore.core.teams import GameFilter
from tests.helpers import game

NOW = datetime(2026, 5, 2, 23, 0, tzinfo=UTC)


def test_coalescing_keeps_latest_state_per_game_and_says_resync() -> None:
    client = Client(GameFilter(), limit=10)
    board = Board()
    hub = Hub()
    for n in range(1, 100):
        for e in board.update([game(str(n % 3), home=n)], NOW):
            hub.publish([e])
            client.offer((e, "x"))
    assert len(client.pending) <= 10 and client.resyncs > 0
    last_by_game = {}
    for e, _text in client.pending:
        last_by_game[e.game.id] = e
    assert last_by_game["0"].game.home.score == 99
    assert any(e.resync and e.kind == "snapshot" for e, _ in client.pending)


def test_resume_with_since_and_resync_when_too_old() -> None:
    hub = Hub(buffer=50)
    board = Board()
    for n in range(1, 41):
        hub.publish(board.update([game(str(n % 4), home=n)], NOW))
    epoch = hub.epoch
    missed = hub.catch_up(GameFilter(), 30, epoch)
    assert [e.seq for e, _ in missed] == list(range(31, 41))  # type: ignore[union-attr]
    assert hub.catch_up(GameFilter(), 40, epoch) == []
    for n in range(41, 200):
        hub.publish(board.update([game(str(n % 4), home=n)], NOW))
    old = hub.catch_up(GameFilter(), 30, epoch)
    assert len(old) == 4 and all(e.resync and e.kind == "snapshot" for e, _ in old)  # type: ignore[union-attr]
    assert {e.seq for e, _ in old} == {199}  # type: ignore[union-attr]  # at the position now
    future = hub.catch_up(GameFilter(), 10_000, epoch)
    assert all(e.resync for e, _ in future)  # type: ignore[union-attr]
    # a position without its epoch, or from another run, never resumes: it resyncs
    for other in (None, "0badc0de"):
        again = hub.catch_up(GameFilter(), 190, other)
        assert len(again) == 4 and all(e.resync for e, _ in again)  # type: ignore[union-attr]
    assert Hub().epoch != Hub().epoch
