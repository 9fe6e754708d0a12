"""The board: first sighting is a snapshot, only real changes become events, seq grows by one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from livescore.core.board import Board, diff
from livescore.core.model import Game, Team

NOW = datetime(2026, 5, 2, 23, 58, 41, tzinfo=UTC)


def game(**kw: object) -> Game:
    base = Game(
        source="espn",
        league="nba",
        sport="basketball",
        id="1",
        state="in",
        detail="8:41 - 4th",
        home=Team("Boston Celtics", "BOS", 98),
        away=Team("Philadelphia 76ers", "PHI", 95),
        period=4,
        clock="8:41",
        start="2026-05-02T23:30:00Z",
        phase="STATUS_IN_PROGRESS",
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def test_first_sighting_is_snapshot_then_nothing_for_unchanged() -> None:
    board = Board()
    (first,) = board.update([game()], NOW)
    assert (first.kind, first.seq, first.changed) == ("snapshot", 1, ())
    assert board.update([game()], NOW) == []
    assert board.seq == 1


def test_score_change() -> None:
    board = Board()
    board.update([game()], NOW)
    (ev,) = board.update(
        [game(home=Team("Boston Celtics", "BOS", 100), clock="8:20", detail="8:20 - 4th")], NOW
    )
    assert ev.kind == "score" and ev.seq == 2
    assert ev.changed == ("score", "clock", "detail")


def test_clock_only() -> None:
    board = Board()
    board.update([game()], NOW)
    (ev,) = board.update([game(clock="8:20", detail="8:20 - 4th")], NOW)
    assert ev.kind == "clock"


def test_status_changes_state_period_phase() -> None:
    board = Board()
    board.update([game()], NOW)
    (final,) = board.update(
        [game(state="post", detail="Final", clock=None, phase="STATUS_FINAL")], NOW
    )
    assert final.kind == "status"
    assert {"state", "phase"} <= set(final.changed)
    # soccer half time: state and period stay, phase and detail change
    soccer = game(
        sport="soccer", clock="45'+2'", detail="45'+2'", period=1, phase="STATUS_FIRST_HALF"
    )
    board.update([soccer], NOW)
    (ht,) = board.update([replace(soccer, detail="HT", phase="STATUS_HALFTIME")], NOW)
    assert ht.kind == "status"


def test_detail_change_without_clock_is_status() -> None:
    board = Board()
    mlb = game(sport="baseball", clock=None, detail="Top 7th", period=7)
    board.update([mlb], NOW)
    (ev,) = board.update([replace(mlb, detail="Bot 7th")], NOW)
    assert ev.kind == "status" and ev.changed == ("detail",)


def test_score_correction_backwards_is_an_event() -> None:
    board = Board()
    board.update([game()], NOW)
    (ev,) = board.update([game(home=Team("Boston Celtics", "BOS", 96))], NOW)
    assert ev.kind == "score"


def test_games_are_keyed_by_source_league_and_id() -> None:
    board = Board()
    events = board.update([game(), game(league="wnba"), game(id="2")], NOW)
    assert [e.seq for e in events] == [1, 2, 3]
    assert len(board) == 3


def test_snapshot_does_not_advance_seq() -> None:
    board = Board()
    board.update([game(), game(id="2")], NOW)
    snap = board.snapshot(NOW, resync=True)
    assert len(snap) == 2 and all(e.kind == "snapshot" and e.resync for e in snap)
    assert board.seq == 2


scores = st.one_of(st.none(), st.integers(0, 200))
games = st.builds(
    game,
    state=st.sampled_from(["pre", "in", "post"]),
    detail=st.text(max_size=10),
    clock=st.one_of(st.none(), st.text(max_size=5)),
    period=st.one_of(st.none(), st.integers(0, 9)),
    home=st.builds(Team, st.just("H"), st.just("HOM"), scores),
    away=st.builds(Team, st.just("A"), st.just("AWY"), scores),
)


@given(st.lists(games, min_size=1, max_size=20))
def test_never_an_event_for_an_unchanged_game(sequence: list[Game]) -> None:
    board = Board()
    last = None
    for g in sequence:
        events = board.update([g], NOW)
        if last is not None and g == last:
            assert events == []
        else:
            assert len(events) == 1
        assert board.update([g], NOW) == []
        last = g


_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "state": st.sampled_from(["pre", "in", "post"]),
        "detail": st.sampled_from(["8:41 - 4th", "Final", "HT"]),
        "home": st.builds(Team, st.sampled_from(["A", "B"]), st.sampled_from(["A", "B"]),
                          st.none() | st.integers(0, 2)),
        "away": st.builds(Team, st.just("C"), st.just("C"), st.none() | st.integers(0, 2)),
        "period": st.none() | st.integers(1, 2),
        "clock": st.none() | st.sampled_from(["8:41", "8:40"]),
        "start": st.none() | st.just("2026-05-02T23:30:00Z"),
        "phase": st.sampled_from(["", "STATUS_HALFTIME"]),
        "extra": st.none() | st.fixed_dictionaries({"status": st.sampled_from(["live", "ht"])}),
        "sport": st.sampled_from(["basketball", "soccer"]),
        "clock_running": st.booleans(),
        "clock_seconds": st.none() | st.integers(0, 99),
    },
)  # fmt: skip


@given(_FIELDS, _FIELDS)
def test_diff_finds_a_change_exactly_when_the_games_differ(a: dict, b: dict) -> None:
    old, new = game(**a), game(**b)
    assert (diff(old, new) is None) == (old == new)


def test_kick_off_half_time_and_final_are_status_and_a_score_is_score() -> None:
    pre = game(state="pre", home=Team("Boston Celtics", "BOS", None),
               away=Team("Philadelphia 76ers", "PHI", None), period=None, clock=None,
               phase="STATUS_SCHEDULED")  # fmt: skip
    kick_off = game(
        home=Team("Boston Celtics", "BOS", 0), away=Team("Philadelphia 76ers", "PHI", 0)
    )
    assert diff(pre, kick_off) == (
        "status",
        ("score", "state", "period", "phase", "clock"),
    )
    basket = game(home=Team("Boston Celtics", "BOS", 2), away=Team("Philadelphia 76ers", "PHI", 0))
    assert diff(kick_off, basket) == ("score", ("score",))
    half = game(home=basket.home, away=basket.away, phase="STATUS_HALFTIME", detail="Halftime")
    assert diff(basket, half)[0] == "status"  # type: ignore[index]
    buzzer = game(state="post", home=Team("Boston Celtics", "BOS", 5), away=basket.away,
                  detail="Final", phase="STATUS_FINAL")  # fmt: skip
    kind, changed = diff(half, buzzer)  # type: ignore[misc]
    assert kind == "status" and "score" in changed and "state" in changed


def test_in_cricket_a_wicket_is_a_score_and_a_score_appearing_as_zero_is_not() -> None:
    before = game(sport="cricket", extra={"runs": 120, "wickets": 3})
    wicket = game(sport="cricket", extra={"runs": 120, "wickets": 4})
    assert diff(before, wicket) == ("score", ("espn",))  # the source's own object changed
    no_score = game(home=Team("Boston Celtics", "BOS", None))
    appears = game(home=Team("Boston Celtics", "BOS", 0))
    assert diff(no_score, appears)[0] == "status"  # type: ignore[index]


def test_in_cricket_a_ball_bowled_is_the_game_going_on_and_a_new_innings_a_status() -> None:
    def over(detail: str, batting: str, runs: int | None, away: int | None = None) -> Game:
        extra = {"batting": batting, "runs": runs, "wickets": 2, "overs": detail[:-3]}
        return game(source="sportrix", sport="cricket", detail=detail, clock=None, extra=extra,
                    home=Team("Surrey", "SUR", runs if batting == "Surrey" else 141),
                    away=Team("Kent", "KEN", away), phase="live")  # fmt: skip

    assert diff(over("3.1 ov", "Surrey", 27), over("3.2 ov", "Surrey", 27)) == (
        "clock",
        ("detail", "sportrix"),
    )
    assert diff(over("3.2 ov", "Surrey", 27), over("3.3 ov", "Surrey", 28))[0] == "score"  # type: ignore[index]
    brk = replace(over("20 ov", "Surrey", 141), detail="Innings break", phase="innings_break")
    chase = over("0 ov", "Kent", 0, away=0)
    assert diff(brk, chase)[0] == "status"  # type: ignore[index]
