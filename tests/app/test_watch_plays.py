"""``watch --plays``: the plays of the followed games, fetched only for the games the
scoreboard shows changed (one summary request per changed game, none for quiet ones), each
play once, as JSON lines play events and lines, against real summaries on 127.0.0.1."""

from __future__ import annotations

import copy
import json
import threading
import time
from typing import Any

import pytest

from livescore.sim.http import Request, Response, serve
from tests.helpers import (
    DETAIL,
    SKIP_SHARED,
    board_json,
    event,
    popen_cli,
    read_json_lines,
    read_lines,
    status,
    stop,
)

LIVE = DETAIL / "summary_nba_in_4thQ-8m10s_LAC-at-MIN_2025-01-06__cwhitelam.json"
pytestmark = pytest.mark.skipif(not LIVE.is_file(), reason=SKIP_SHARED)
TEAMS = {"1": {"home": "MIN", "away": "LAC"}, "2": {"home": "BOS", "away": "NY"},
         "3": {"home": "MIA", "away": "GS"}}  # fmt: skip
FINAL = status("post", "STATUS_FINAL", "Final", "0.0", 4, True, "Final")


class Espn:
    """Scoreboards in turn (the last repeated); each game's summary growing by 4 plays per
    request of it (the first: all but the last 8)."""

    def __init__(self, boards: list[bytes], manual: bool = False) -> None:
        self.boards = boards
        self.manual = manual  # the scoreboard moves on only at advance()
        self.stage = 0
        self.raw: dict[str, Any] = json.loads(LIVE.read_bytes())
        self.polls = 0
        self.summaries: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        with self.lock:
            if request.path.endswith("/scoreboard"):
                self.polls += 1
                at = self.stage if self.manual else min(self.polls, len(self.boards)) - 1
                return Response(200, self.boards[at])
            game = request.query["event"][0]
            self.summaries.append(game)
            asked = self.summaries.count(game)
        data = copy.deepcopy(self.raw)
        data["header"]["id"] = game
        for competitor in data["header"]["competitions"][0]["competitors"]:  # the slate's teams
            abbr = TEAMS[game][competitor["homeAway"]]
            competitor["team"].update(abbreviation=abbr, displayName=f"Team {abbr}")
        data["plays"] = data["plays"][: len(data["plays"]) - 8 + 4 * (asked - 1)]
        data["winprobability"] = []
        return Response(200, json.dumps(data).encode())

    def advance(self) -> None:
        with self.lock:
            self.stage += 1

    def wait_polls(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while self.polls < count:
            assert time.monotonic() < deadline, f"only {self.polls} polls"
            time.sleep(0.05)


def slate(second: str, state: dict[str, Any] | None = None) -> bytes:
    return board_json(
        event("1", home=("MIN", "87"), away=("LAC", "78")),
        event("2", home=("BOS", second), away=("NY", "70"), st=state),
        event("3", home=("MIA", "50"), away=("GS", "52")),
    )


def scoring(raw: dict[str, Any], upto: int) -> list[str]:
    return [p["id"] for p in raw["plays"][:upto] if p.get("scoringPlay")]


def test_one_summary_request_per_changed_game_and_each_scoring_play_once() -> None:
    espn = Espn([slate("80"), slate("82"), slate("82"), slate("82"), slate("85", FINAL)])
    with serve(espn) as url:
        proc = popen_cli("watch", "nba", "--plays", "--json", "--interval", "0.1",
                         "--espn-url", url)  # fmt: skip
        every = len(espn.raw["plays"])
        first = len(scoring(espn.raw, every - 8))
        later = len(scoring(espn.raw, every - 4)) - first
        last = len(scoring(espn.raw, every)) - first - later
        lines = read_json_lines(proc, 3 + 3 * first + 1 + later + 1 + last, timeout=60)
        espn.wait_polls(10)
        asked = list(espn.summaries)
        stop(proc)
    # poll 1: three live games seen (three requests); poll 2: game 2 changed (one); polls 3
    # and 4: nothing changed (none); poll 5: game 2 final (one); then quiet
    assert sorted(asked) == ["1", "2", "2", "2", "3"]
    plays = [x for x in lines if x["event"] == "play"]
    by_game: dict[str, list[str]] = {}
    for x in plays:
        by_game.setdefault(x["id"], []).append(x["play"]["id"])
    assert by_game["1"] == by_game["3"] == scoring(espn.raw, every - 8)
    assert by_game["2"] == scoring(espn.raw, every)  # each once, in order, to the last
    assert all(x["play"]["scoring"] for x in plays)
    assert all(x["seq"] >= 3 for x in plays)  # the position: after the snapshots


def test_all_plays_as_lines() -> None:
    espn = Espn([slate("80"), slate("82")])
    with serve(espn) as url:
        proc = popen_cli("watch", "nba", "--all-plays", "--format", "lines",
                         "--interval", "0.1", "--espn-url", url)  # fmt: skip
        every = len(espn.raw["plays"])
        rows = read_lines(proc, 3 + 3 * (every - 8) + 4 + 1, timeout=60)
        stop(proc)
    plays = [r for r in rows if r.rstrip().endswith(("(play)", "(scoring)"))]
    assert len(plays) == 3 * (every - 8) + 4
    first, second = scoring(espn.raw, every - 8), scoring(espn.raw, every - 4)
    assert sum("(scoring)" in r for r in plays) == 3 * len(first) + len(second) - len(first)


def test_a_failing_summary_is_a_warning_and_a_feed_event_and_the_board_goes_on() -> None:
    def answer(request: Request) -> Response:
        if request.path.endswith("/scoreboard"):
            return Response(200, slate("80"))
        return Response(503, b"<html><title>Busy</title></html>")

    with serve(answer) as url:
        proc = popen_cli("watch", "nba", "--plays", "--json", "--interval", "0.1",
                         "--espn-url", url)  # fmt: skip
        lines = read_json_lines(proc, 4, feeds=True, timeout=30)
        err = stop(proc)
    feeds = [x for x in lines if x["event"] == "feed"]
    assert feeds and feeds[0]["feed"] == "espn detail nba" and feeds[0]["state"] == "stale"
    assert sum(x["event"] == "snapshot" for x in lines) == 3
    assert "espn detail nba: game 1: HTTP 503" in err or "espn detail nba: game" in err
