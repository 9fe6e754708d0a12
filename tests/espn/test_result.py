"""Who won, and how: the winner, shootouts, records and cricket's innings, read from real
ESPN captures and shown the same in JSON lines, the human lines and the table."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console

from livescore.core.health import Health
from livescore.core.leagues import resolve
from livescore.core.model import Event, Game
from livescore.espn.parse import parse_scoreboard
from livescore.jsonlines import decode_event
from livescore.jsonlines.encode import event_dict, event_json
from livescore.render.lines import event_line, full_status, matchup
from livescore.render.table import render_board
from livescore.sim.http import Request, Response, serve
from tests.helpers import ESPN_FIXTURES, SHARED, SKIP_SHARED, TIMELINE, jsonl, run_cli

WILD = SHARED / "fixtures" / "espn-wild"
PENS = TIMELINE / "fifa.world_2026-07-11" / "01.json"
MIXED = WILD / "vasqued2_ha-teamtracker__tests__tt__all.json"
NOW = datetime(2026, 7, 11, 23, 0, tzinfo=UTC)
pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason=SKIP_SHARED)


def games(path: Path, league: str) -> dict[str, Game]:
    board = parse_scoreboard(json.loads(path.read_bytes()), resolve(league))
    return {f"{g.home.abbr}-{g.away.abbr}": g for g in board.games}


def board_text(*shown: Game, width: int = 120) -> str:
    console = Console(width=width, record=True, color_system=None, force_terminal=False)
    console.print(render_board(shown, now=NOW, health=Health(), width=width))
    return console.export_text()


def test_a_shootout_names_the_winner_and_its_score_everywhere() -> None:
    """GER 1-1 PAR, Paraguay through 4-3 on penalties (home first, as soccer writes it)."""
    game = games(PENS, "soccer/fifa.world")["GER-PAR"]
    assert (game.home.shootout, game.away.shootout, game.winner) == (3, 4, "away")
    line = event_dict(Event(1, NOW, "snapshot", (), game))
    assert line["winner"] == "away"
    assert (line["home"]["shootout"], line["away"]["shootout"]) == (3, 4)
    assert matchup(game) == "GER 1-1 PAR (3-4 pens)"
    assert full_status(game, NOW).startswith("FT-Pens (3-4 pens)")
    table = board_text(game)
    assert "FT-Pens (3-4 pens)" in table and "Germany" in table and "Paraguay" in table


def test_every_finished_team_game_has_the_winner_espn_names() -> None:
    """Every finished game of the World Cup day: a winner where ESPN flags one, and the flag
    agrees with the score (or, level, with the shootout)."""
    finished = [g for g in games(PENS, "soccer/fifa.world").values() if g.state == "post"]
    assert len(finished) > 20
    raw = json.loads(PENS.read_bytes())
    flagged = {
        c["id"] if len(ev["competitions"]) > 1 else ev["id"]: next(
            t["homeAway"] for t in c["competitors"] if t.get("winner") is True
        )
        for ev in raw["events"]
        for c in ev["competitions"]
        if c["status"]["type"]["state"] == "post"
        and any(t.get("winner") is True for t in c["competitors"])
    }
    for game in finished:
        assert game.winner == flagged.get(game.id)
        left, right = game.home, game.away
        if game.winner and left.score != right.score:
            ahead = "home" if (left.score or 0) > (right.score or 0) else "away"
            assert game.winner == ahead


@pytest.mark.skipif(not MIXED.is_file(), reason=SKIP_SHARED)
def test_test_cricket_shows_each_innings_where_the_score_goes() -> None:
    """BAN v IND: India won by 3 wickets. The score column must not say Bangladesh led."""
    found = games(MIXED, "mixed/all")
    test = found["BAN-IND"]
    assert test.winner == "away"  # ESPN's flag is the string "true" in cricket
    assert matchup(test) == "BAN 227 & 231 v IND 314 & 145/7"
    status = full_status(test, NOW)
    assert "India won by 3 wkts" in status and "47 ov, target 145" in status
    assert "won" not in status.replace("India won by 3 wkts", "")  # said once
    table = board_text(test)
    assert "227 & 231" in table and "314 & 145/7" in table
    assert event_dict(Event(1, NOW, "snapshot", (), test))["winner"] == "away"
    live = found["MR-PS"]
    assert live.state == "in" and live.clock is None  # cricket has no clock: no "0'"
    assert "0'" not in event_line(Event(2, NOW, "score", ("score",), live))


@pytest.mark.skipif(not MIXED.is_file(), reason=SKIP_SHARED)
def test_team_records_reach_json_and_the_upcoming_games() -> None:
    files = sorted(ESPN_FIXTURES.glob("nba_pre-10_*.json"))
    assert files, "the NBA pre-game capture is missing"
    upcoming = next(iter(games(files[0], "nba").values()))
    assert upcoming.state == "pre" and upcoming.home.record and upcoming.away.record
    line = event_dict(Event(1, NOW, "snapshot", (), upcoming))
    assert line["home"]["record"] == upcoming.home.record
    away, home = upcoming.away, upcoming.home
    assert matchup(upcoming) == f"{away.abbr} ({away.record}) @ {home.abbr} ({home.record})"
    assert f"({home.record})" in board_text(upcoming, width=120)
    finished = games(MIXED, "mixed/all")["CHC-CIN"]
    assert (finished.home.record, finished.winner) == ("57-80", "away")
    assert event_dict(Event(1, NOW, "snapshot", (), finished))["home"]["record"] == "57-80"


def test_a_playoff_series_reaches_json_and_the_lines() -> None:
    path = ESPN_FIXTURES / "nhl_post-1_stanley-cup-playoffs_2024-06-02.json"
    final = next(iter(games(path, "nhl").values()))
    assert final.situation is not None and final.situation["series"] == "FLA wins series 4-2"
    line = event_dict(Event(1, NOW, "snapshot", (), final))
    assert line["situation"]["series"] == "FLA wins series 4-2"
    assert "FLA wins series 4-2" in event_line(Event(1, NOW, "snapshot", (), final))
    assert "FLA wins series 4-2" in board_text(final, width=120)


def test_win_probability_from_the_scoreboard_reaches_json_and_the_status() -> None:
    path = ESPN_FIXTURES / "nba_in-progress_4thQ_playoff_2026-05-02.json"
    live = next(iter(games(path, "nba").values()))
    assert live.situation is not None
    assert live.situation["win_probability"] == {"home": 0.364, "away": 0.636}
    line = event_dict(Event(1, NOW, "clock", (), live))
    assert line["situation"]["win_probability"] == {"home": 0.364, "away": 0.636}
    assert full_status(live, NOW).endswith("PHI 64%")
    assert "PHI 64%" in board_text(live, width=140)


def test_the_new_fields_come_back_from_json_lines() -> None:
    game = games(PENS, "soccer/fifa.world")["GER-PAR"]
    event = Event(7, NOW, "status", ("state",), game)
    back = decode_event(event_json(event)).game
    assert (back.winner, back.home.shootout, back.away.shootout) == ("away", 3, 4)
    draw = next(g for g in games(PENS, "soccer/fifa.world").values() if g.state == "pre")
    assert "winner" not in event_dict(Event(8, NOW, "snapshot", (), draw))
    assert "shootout" not in event_dict(Event(8, NOW, "snapshot", (), draw))["home"]


def test_the_cli_says_who_won_on_penalties() -> None:
    def answer(request: Request) -> Response:
        return Response(200, PENS.read_bytes())

    with serve(answer) as url:
        lines = run_cli(
            "watch",
            "soccer/fifa.world",
            "--espn-url",
            url,
            "--once",
            "--format",
            "lines",
            timeout=60,
        )
        data = run_cli(
            "watch", "soccer/fifa.world", "--espn-url", url, "--once", "--json", timeout=60
        )
    assert lines.returncode == 0 and data.returncode == 0, lines.stderr + data.stderr
    assert "GER 1-1 PAR (3-4 pens)" in lines.stdout
    ger = next(x for x in jsonl(data.stdout) if x["home"]["abbr"] == "GER")
    assert ger["winner"] == "away" and ger["away"]["shootout"] == 4
