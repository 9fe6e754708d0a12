"""``livescore game``: one game's summary from a real ESPN capture served on 127.0.0.1, in
each output; followed until its final with each play said once (a stale copy held, a
correction said once more); bad input and failures as one line or a feed event. The JSON
validates against ``livescore schema``."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from livescore.sim.http import Request, Response, serve
from tests.helpers import (
    DETAIL,
    SKIP_SHARED,
    Script,
    event,
    jsonl,
    ok,
    popen_cli,
    read_json_lines,
    run_cli,
)

LIVE = DETAIL / "summary_nba_in_4thQ-8m10s_LAC-at-MIN_2025-01-06__cwhitelam.json"
GAME = "401705066"
pytestmark = pytest.mark.skipif(not LIVE.is_file(), reason=SKIP_SHARED)


def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LIVE.read_bytes())
    return data


def body(data: dict[str, Any]) -> Response:
    return Response(200, json.dumps(data).encode())


def cut(data: dict[str, Any], plays: int) -> dict[str, Any]:
    """The summary as it was when it had only its first ``plays`` plays."""
    out = copy.deepcopy(data)
    out["plays"] = out["plays"][:plays]
    return out


def final(data: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out["header"]["competitions"][0]["status"] = {
        "type": {"id": "3", "name": "STATUS_FINAL", "state": "post", "completed": True,
                 "description": "Final", "detail": "Final", "shortDetail": "Final"}
    }  # fmt: skip
    return out


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(run_cli("schema").stdout))


def test_once_json_is_one_detail_object_that_validates(validator: Draft202012Validator) -> None:
    script = Script([body(raw())])
    with serve(script) as url:
        result = run_cli("game", "nba", GAME, "--once", "--json", "--espn-url", url)
    assert result.returncode == 0, result.stderr
    (detail,) = jsonl(result.stdout)
    assert not list(validator.iter_errors(detail))
    assert detail["event"] == "detail" and detail["id"] == GAME
    assert (detail["game"]["home"]["score"], detail["game"]["away"]["score"]) == (87, 78)
    assert len(detail["plays"]) == len(raw()["plays"])
    assert detail["win"] == {"home": 0.846, "away": 0.154}
    request = script.requests[0]
    assert request.path == "/apis/site/v2/sports/basketball/nba/summary"
    assert request.query["event"] == [GAME]


def test_once_view_and_lines() -> None:
    with serve(Script([body(raw())])) as url:
        view = run_cli("game", "nba", GAME, "--once", "--format", "table", "--espn-url", url)
        lines = run_cli("game", "nba", GAME, "--once", "--format", "lines", "--espn-url", url)
    assert view.returncode == 0, view.stderr
    head = view.stdout.splitlines()[0]
    assert head.startswith("LAC 78 @ MIN 87") and "win MIN 85%" in head
    assert "Scoring" in view.stdout and "Naz Reid makes two point shot" in view.stdout
    assert "Points: MIN Anthony Edwards 24" in view.stdout
    rows = lines.stdout.splitlines()
    assert len(rows) == len(raw()["plays"])
    assert rows[-1].endswith("James Harden enters the game for Nicolas Batum  (play)")
    assert "LAC 78 @ MIN 85  Q4 8:22  Mike Conley makes technical free throw  (scoring)" in (
        lines.stdout
    )


def test_followed_each_play_once_a_stale_copy_held_a_correction_said_once(
    validator: Draft202012Validator,
) -> None:
    data = raw()
    corrected = cut(data, 385)
    corrected["plays"][9]["text"] = "Rudy Gobert makes free throw 1 of 2 (corrected)"
    script = Script([body(cut(data, 380)), body(cut(data, 370)), body(corrected),
                     body(final(data))])  # fmt: skip
    with serve(script) as url:
        result = run_cli("game", "nba", GAME, "--json", "--interval", "0.05", "--espn-url", url)
    assert result.returncode == 0, result.stderr  # ended by itself, at the final
    plays = jsonl(result.stdout)
    assert all(not list(validator.iter_errors(p)) for p in plays)
    new = [p["play"]["id"] for p in plays if not p.get("corrected") and not p.get("removed")]
    assert new == [p["id"] for p in data["plays"]]  # each once, in ESPN's order
    again = [p for p in plays if p.get("corrected")]
    assert [p["play"]["id"] for p in again] == [data["plays"][9]["id"], data["plays"][9]["id"]]
    assert again[0]["play"]["text"].endswith("(corrected)")  # and back, as the final says
    assert [p["seq"] for p in plays] == list(range(1, len(plays) + 1))
    assert len(script.requests) == 4


def test_a_failing_fetch_is_a_feed_event_and_the_game_goes_on() -> None:
    failing = Response(503, b"<html><title>Busy</title></html>")
    with serve(Script([failing, body(final(raw()))])) as url:
        result = run_cli("game", "nba", GAME, "--json", "--espn-url", url, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = jsonl(result.stdout, feeds=True)
    assert lines[0]["event"] == "feed" and lines[0]["state"] == "stale"
    assert lines[0]["feed"] == "espn detail nba" and "HTTP 503" in lines[0]["error"]
    assert lines[1]["event"] == "feed" and lines[1]["state"] == "ok"
    assert [x["event"] for x in lines[2:]] == ["play"] * len(raw()["plays"])
    assert "espn detail nba: HTTP 503" in result.stderr


def test_a_team_means_its_game_on_todays_scoreboard() -> None:
    board = ok(event("401", home=("BOS", "80"), away=("NY", "70")),
               event(GAME, home=("MIN", "87"), away=("LAC", "78")))  # fmt: skip

    def answer(request: Request) -> Response:
        if request.path.endswith("/scoreboard"):
            return board
        if request.query.get("event") == [GAME]:
            return body(raw())
        return Response(404, b'{"code": 404, "message": "not found"}')

    with serve(answer) as url:
        found = run_cli("game", "nba:MIN", "--once", "--json", "--espn-url", url)
        missing = run_cli("game", "nba", "DAL", "--once", "--json", "--espn-url", url)
    assert found.returncode == 0, found.stderr
    assert jsonl(found.stdout)[0]["id"] == GAME
    assert missing.returncode == 1 and missing.stdout == ""
    assert missing.stderr.strip() == "livescore: error: no DAL game on today's nba scoreboard"


@pytest.mark.parametrize("once", [True, False])
def test_an_unknown_game_is_one_line_and_exit_1(once: bool) -> None:
    unknown = Response(400, b'{"code": 400, "message": "Failed to get summary."}')
    with serve(Script([unknown])) as url:
        args = ["game", "nba", "123", "--json", "--espn-url", url] + (["--once"] if once else [])
        result = run_cli(*args)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == (
        "livescore: error: espn detail nba: HTTP 400: ESPN has no nba game 123"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["game"], "Missing argument"),
        (["game", "nba", "BOS", "x"], "game takes [LEAGUE] GAME"),
        (["game", "nba", "  "], "GAME is an ESPN event id or a team"),
        (["game", "BOS"], "Missing argument 'LEAGUE"),
        (["game", "nba", "1", "--interval", "abc"], "'abc' is not a number"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], said: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2, result.stderr
    assert said in result.stderr and "Traceback" not in result.stderr


def test_hostile_text_never_reaches_the_terminal() -> None:
    data = raw()
    data["plays"][-1]["text"] = "\x1b]2;pwned\x07\x1b[2J[red]boom[/red]"
    with serve(Script([body(data)])) as url:
        view = run_cli("game", "nba", GAME, "--once", "--format", "table", "--espn-url", url)
        lines = run_cli("game", "nba", GAME, "--once", "--format", "lines", "--espn-url", url)
    for out in (view.stdout, lines.stdout):
        assert "\x1b" not in out and "\x07" not in out
    assert "[red]boom[/red]" in lines.stdout


def test_the_demo_opens_a_game_offline() -> None:
    proc = popen_cli("demo", "--game", "BOS", "--speed", "20", "--json")
    plays = read_json_lines(proc, 400, timeout=60)
    assert proc.wait(timeout=60) == 0
    assert plays and all(p["event"] == "play" and p["league"] == "nba" for p in plays)
    last = plays[-1]["play"]["score"]
    assert last["home"] is not None and last["away"] is not None
    scores = [p["play"]["score"]["home"] + p["play"]["score"]["away"] for p in plays]
    assert scores == sorted(scores)  # never backwards


def test_delay_holds_each_play_that_long() -> None:
    """Spoiler protection: each play is written DELAY after its summary came (its ``ts``)."""
    from datetime import UTC, datetime

    with serve(Script([body(final(raw()))])) as url:
        proc = popen_cli("game", "nba", GAME, "--json", "--delay", "1s", "--espn-url", url)
        first = read_json_lines(proc, 1, timeout=30)
        seen = datetime.now(UTC)
        proc.communicate(timeout=30)  # the rest (a pipe left full would hold it)
        assert proc.returncode == 0
    came = datetime.fromisoformat(first[0]["ts"].replace("Z", "+00:00"))
    assert (seen - came).total_seconds() >= 0.9


HOOK = """
import json, os, sys
line = sys.stdin.read()
env = {k: v for k, v in os.environ.items() if k.startswith("LIVESCORE_")}
with open(sys.argv[1], "a") as out:
    out.write(json.dumps({"stdin": line, "env": env}) + "\\n")
"""


def test_on_event_runs_for_the_games_events_and_its_new_scoring_plays(tmp_path: Path) -> None:
    import sys

    data = raw()
    script = tmp_path / "hook.py"
    script.write_text(HOOK)
    calls = tmp_path / "calls.jsonl"
    hook = f"{sys.executable} {script} {calls}"
    steps = [body(cut(data, 360)), body(cut(data, 380)), body(final(data))]
    with serve(Script(steps)) as url:
        result = run_cli("game", "nba", GAME, "--json", "--interval", "0.05", "--espn-url", url,
                         "--on-event", hook, "--on-kind", "score,status,play")  # fmt: skip
    assert result.returncode == 0, result.stderr
    called = [json.loads(line) for line in calls.read_text().splitlines()]
    kinds = [c["env"]["LIVESCORE_EVENT"] for c in called]
    # the plays before the game was followed (the first summary's) run nothing
    scoring = [p for p in data["plays"][360:] if p.get("scoringPlay")]
    assert kinds.count("play") == len(scoring) > 0
    assert kinds[-1] == "status" and called[-1]["env"]["LIVESCORE_STATE"] == "post"
    plays = [c for c in called if c["env"]["LIVESCORE_EVENT"] == "play"]
    assert [json.loads(c["stdin"])["play"]["id"] for c in plays] == [p["id"] for p in scoring]
    first = plays[0]["env"]
    assert first["LIVESCORE_PLAY_SCORING"] == "1" and first["LIVESCORE_PLAY_TEXT"] == (
        scoring[0]["text"])  # fmt: skip
    assert first["LIVESCORE_HOME_SCORE"] == str(scoring[0]["homeScore"])


def test_a_recorded_game_replays_to_the_same_plays(tmp_path: Path) -> None:
    data = raw()
    recording = tmp_path / "game.jsonl"
    steps = [body(cut(data, 370)), body(cut(data, 385)), body(final(data))]
    with serve(Script(steps)) as url:
        live = run_cli("game", "nba", GAME, "--json", "--interval", "0.05", "--espn-url", url,
                       "--record", str(recording))  # fmt: skip
    assert live.returncode == 0, live.stderr
    assert len(recording.read_text().splitlines()) == 3
    again = run_cli("replay", str(recording), "--speed", "0", "--json")
    assert again.returncode == 0, again.stderr
    replayed = jsonl(again.stdout)
    plays = [line["play"]["id"] for line in replayed if line["event"] == "play"]
    assert plays == [line["play"]["id"] for line in jsonl(live.stdout)]
    games = [line for line in replayed if line["event"] != "play"]
    assert games[0]["event"] == "snapshot" and games[-1]["state"] == "post"
