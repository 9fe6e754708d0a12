"""A stale CDN copy between newer ones never takes a game back in time; a real correction
comes through once, on the next poll."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from livescore.core.model import Game, Team
from livescore.espn.freshness import Freshness, clock_seconds, older
from livescore.sim.http import serve
from tests.helpers import Script, event, ok, popen_cli, read_json_lines, status, stop

NOW = datetime(2026, 12, 7, tzinfo=UTC)


def nba(home: int, clock: str, period: int = 4, state: str = "in") -> Game:
    return Game(
        "espn", "nba", "basketball", "401", state,  # type: ignore[arg-type]
        f"{clock} - {period}th", Team("Celtics", "BOS", home), Team("76ers", "PHI", 92),
        period=period, clock=clock,
    )  # fmt: skip


def soccer(minute: str, home: int = 1) -> Game:
    game = nba(home, minute, 2)
    return replace(game, sport="soccer", league="eng.1")


def test_clocks_read_as_seconds() -> None:
    assert clock_seconds("8:41") == 521
    assert clock_seconds("45.3") == 45.3
    assert clock_seconds("39'") == 2340
    assert clock_seconds("90'+4'") == 5640
    assert clock_seconds("") is None and clock_seconds("Halftime") is None


def test_what_is_older() -> None:
    assert older(nba(87, "8:41"), nba(90, "8:20"))  # the score went down
    assert older(nba(90, "8:41"), nba(90, "8:20"))  # a counting-down clock went up
    assert not older(nba(90, "8:00"), nba(90, "8:20"))
    assert older(nba(90, "1:00", period=3), nba(90, "11:00"))  # an earlier period
    assert older(nba(90, "8:00", state="in"), nba(90, "0.0", state="post"))
    assert older(soccer("54'"), soccer("60'"))  # soccer's clock counts up
    assert not older(soccer("90'+2'"), soccer("90'"))


def test_a_stale_copy_is_held_back_and_a_correction_comes_once() -> None:
    fresh = Freshness()
    shown = [
        fresh.settle([game])[0].home.score
        for game in (
            nba(87, "8:41"),
            nba(90, "8:20"),
            nba(87, "8:41"),  # a stale copy: 90 stays
            nba(90, "8:00"),
            nba(89, "7:50"),  # a correction (the 3 was a 2): held once...
            nba(89, "7:40"),  # ...then it comes through, though the clock moved on
            nba(89, "7:30"),
        )
    ]
    assert shown == [87, 90, 90, 90, 90, 89, 89]


def test_two_stale_copies_in_a_row_older_each_time_stay_held() -> None:
    fresh = Freshness()
    fresh.settle([nba(90, "8:00")])
    assert fresh.settle([nba(87, "8:41")])[0].clock == "8:00"
    assert fresh.settle([nba(85, "9:10")])[0].clock == "8:00"  # older than the held one too
    assert fresh.settle([nba(92, "7:30")])[0].clock == "7:30"


def test_watch_never_shows_a_score_going_backwards() -> None:
    """A scripted ESPN serves an older copy between newer ones: the JSON lines never go
    back, and the correction at the end is published once."""

    def at(bos: str, clock: str) -> dict[str, object]:
        return event(home=("BOS", bos), st=status(short=f"{clock} - 4th", clock=clock))

    script = Script([
        ok(at("87", "8:41")),
        ok(at("90", "8:20")),
        ok(at("87", "8:41")),  # stale edge copy
        ok(at("90", "8:00")),
        ok(at("89", "7:50")),  # correction, said twice
        ok(at("89", "7:50")),
    ])  # fmt: skip
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json")
        lines = read_json_lines(proc, 4, timeout=60)
        stop(proc)
    scores = [(line["home"]["score"], line["clock"]) for line in lines]
    assert scores == [(87, "8:41"), (90, "8:20"), (90, "8:00"), (89, "7:50")]
    assert len(script.requests) >= 6
