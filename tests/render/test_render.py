"""Renderers: JSON lines v1, human lines, and the table on a captured console."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from rich.console import Console

from livescore.core.board import Board
from livescore.core.health import Health
from livescore.core.leagues import resolve
from livescore.core.model import Event, Problem, Team
from livescore.espn.parse import parse_event
from livescore.jsonlines import event_dict, event_json
from livescore.render.lines import event_line
from livescore.render.table import order, render_board
from tests.helpers import event, status

NOW = datetime(2026, 5, 2, 23, 58, 41, 120000, tzinfo=UTC)
NBA = resolve("nba")


def capture(renderable: object, width: int = 100) -> str:
    console = Console(width=width, color_system=None, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_jsonl_v1_schema() -> None:
    game = parse_event(event("401810123", home=("BOS", "98"), away=("PHI", "95")), NBA)
    out = json.loads(event_json(Event(12, NOW, "score", ("score", "clock"), game)))
    assert out == {
        "v": 1,
        "seq": 12,
        "ts": "2026-05-02T23:58:41.120Z",
        "event": "score",
        "changed": ["score", "clock"],
        "source": "espn",
        "league": "nba",
        "sport": "basketball",
        "id": "401810123",
        "state": "in",
        "detail": "8:41 - 4th",
        "period": 4,
        "clock": "8:41",
        "start": "2026-05-02T23:30:00Z",
        "home": {"name": "Team BOS", "abbr": "BOS", "score": 98},
        "away": {"name": "Team PHI", "abbr": "PHI", "score": 95},
    }


def test_jsonl_keeps_unicode_and_marks_resync() -> None:
    game = parse_event(event(), NBA)
    game = replace(game, home=Team("Zürich ☃", "ZUR", 1))
    text = event_json(Event(1, NOW, "snapshot", (), game, resync=True))
    assert "Zürich ☃" in text and "\n" not in text
    assert event_dict(Event(1, NOW, "snapshot", (), game, resync=True))["resync"] is True


def test_lines_us_and_soccer() -> None:
    game = parse_event(event(), NBA)
    line = event_line(Event(3, NOW, "score", ("score",), game))
    assert "PHI 92 @ BOS 87" in line and "8:41 - 4th" in line and "(score)" in line
    soccer = replace(game, sport="soccer", detail="HT", clock="45'+2'")
    assert "BOS 87-92 PHI" in event_line(Event(4, NOW, "status", ("phase",), soccer))


def test_table_orders_live_then_upcoming_then_finished() -> None:
    live = parse_event(event("1"), NBA)
    later = parse_event(
        event(
            "2", st=status("pre", "STATUS_SCHEDULED", "8 PM", "0:00", 0), date="2026-05-03T00:00Z"
        ),
        NBA,
    )
    sooner = replace(later, id="3", start="2026-05-02T23:45:00Z")
    done = parse_event(
        event("4", st=status("post", "STATUS_FINAL", "Final", "0:00", 4, completed=True)), NBA
    )
    assert [g.id for g in order([done, later, live, sooner])] == ["1", "3", "2", "4"]


def test_table_text_and_markup_is_literal() -> None:
    raw = event()
    raw["competitions"][0]["competitors"][0]["team"]["displayName"] = "[bold red]Evil[/] FC"
    game = parse_event(raw, NBA)
    board = Board()
    board.update([game], NOW)
    health = Health()
    health.ok("espn nba", NOW)
    text = capture(render_board(board, now=NOW, health=health, title="t"))
    assert "[bold red]Evil[/] FC" in text
    assert "Team BOS" in text and "92" in text and "8:41 - 4th" in text
    assert "espn nba updated" in text and "STALE" not in text


def test_table_marks_stale_with_error_and_next_try() -> None:
    game = parse_event(event(), NBA)
    board = Board()
    board.update([game], NOW)
    health = Health()
    health.ok("espn nba", NOW)
    health.failed(Problem("espn nba", "HTTP 503", NOW, NOW + timedelta(seconds=4)))
    text = capture(render_board(board, now=NOW, health=health))
    assert "STALE" in text and "HTTP 503" in text and "retry in 4s" in text
    assert "Team BOS" in text  # last good data stays on screen


def test_a_table_that_never_had_data_says_why_for_every_feed() -> None:
    health = Health()
    for feed, wait in (("espn nba", 8), ("espn epl", 3)):
        failed = Problem(feed, "cannot reach 127.0.0.1", NOW, NOW + timedelta(seconds=wait))
        health.failed(failed)
    lines = capture(render_board(Board(), now=NOW, health=health), width=80).splitlines()
    assert lines[1] == "espn epl: cannot reach 127.0.0.1 (retrying in 3 s)"
    assert lines[2] == "espn nba: cannot reach 127.0.0.1 (retrying in 8 s)"
    assert "no games yet" not in "\n".join(lines)
    # once something was fetched, an empty board is just that
    health.ok("espn nba", NOW)
    assert "no games" in capture(render_board(Board(), now=NOW, health=health, empty="no games"))


def test_at_a_break_the_stopped_clock_and_the_count_are_left_out() -> None:
    from livescore.render.lines import full_status, status_text

    end = parse_event(
        event(st=status(name="STATUS_END_PERIOD", short="End of 3rd", clock="0.0")), NBA
    )
    assert status_text(end) == "End of 3rd"
    half = parse_event(event(st=status(name="STATUS_HALFTIME", short="Halftime", clock="0.0")), NBA)
    assert status_text(half) == "Halftime"
    playing = parse_event(event(st=status(short="8:41 - 4th", clock="8:41")), NBA)
    assert status_text(playing) == "8:41 - 4th"
    epl = resolve("epl")
    soccer = event(st=status(name="STATUS_HALFTIME", short="HT", clock="45'+4'", period=1))
    assert status_text(parse_event(soccer, epl)) == "HT"
    mlb = resolve("mlb")
    raw = event(st=status(short="Mid 5th", clock="0:00", period=5))
    raw["competitions"][0]["situation"] = {"balls": 0, "strikes": 0, "outs": 0}
    between = parse_event(raw, mlb)
    assert full_status(between, NOW) == "Mid 5th"  # not "Mid 5th · 0-0, 0 out"
    raw = event(st=status(short="Top 5th", clock="0:00", period=5))
    raw["competitions"][0]["situation"] = {"balls": 1, "strikes": 2, "outs": 1}
    assert full_status(parse_event(raw, mlb), NOW) == "Top 5th · 1-2, 1 out"


def test_matchups_read_alike_before_the_start_and_for_cricket() -> None:
    from livescore.core.model import Game
    from livescore.render.lines import matchup

    def game(sport: str, league: str, home: int | None, away: int | None) -> Game:
        return Game(
            "espn", league, sport, "1", "pre" if home is None and away is None else "in", "",
            Team("Home Side", "HOM", home), Team("Away Side", "AWY", away),
        )  # fmt: skip

    assert matchup(game("basketball", "nba", None, None)) == "AWY @ HOM"
    assert matchup(game("soccer", "epl", None, None)) == "HOM v AWY"
    assert matchup(game("cricket", "T20 Blast", 153, None)) == "HOM 153 v AWY"
    assert matchup(game("cricket", "T20 Blast", None, 120)) == "HOM v AWY 120"
    assert matchup(game("soccer", "epl", 1, 0)) == "HOM 1-0 AWY"
    assert matchup(game("basketball", "nba", 98, 95)) == "AWY 95 @ HOM 98"
