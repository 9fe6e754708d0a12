"""`livescore wait`: exits 0 with the event when the team's game starts, scores or ends;
exit 1 past --timeout or when it can no longer happen; exit 2 for bad usage."""

from __future__ import annotations

import json

import pytest

from livescore.sim.http import serve
from tests.helpers import Script, event, ok, run_cli, status

PRE = status("pre", "STATUS_SCHEDULED", "7:30 PM ET", "0:00", None, description="Scheduled")
FINAL = status("post", "STATUS_FINAL", "Final", "0:00", 4, completed=True, description="Final")
OTHER = event("9", home=("LAL", "50"), away=("GS", "52"))


def wait(url: str, *args: str) -> tuple[int, list[dict], str]:
    result = run_cli("wait", "nba", "--espn-url", url, "--interval", "0.05", *args, timeout=60)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return result.returncode, lines, result.stderr


def test_until_start_and_final_each_exit_0_with_their_event() -> None:
    pre = event(home=("BOS", ""), away=("PHI", ""), st=PRE)
    tip = event(home=("BOS", "0"), away=("PHI", "0"))
    final = event(home=("BOS", "2"), away=("PHI", "0"), st=FINAL)
    with serve(Script([ok(OTHER, pre), ok(OTHER, pre), ok(OTHER, tip)])) as url:
        code, lines, err = wait(url, "--team", "BOS", "--until", "start")
    assert code == 0 and err == "" and len(lines) == 1
    assert (lines[0]["event"], lines[0]["state"], lines[0]["id"]) == ("status", "in", "401")
    with serve(Script([ok(OTHER, tip), ok(OTHER, tip), ok(OTHER, final)])) as url:
        code, lines, err = wait(url, "--team", "Team BOS")  # --until final is the default
    assert code == 0 and err == "" and len(lines) == 1
    assert (lines[0]["state"], lines[0]["detail"]) == ("post", "Final")
    with serve(Script([ok(final)])) as url:  # over already: at once
        code, lines, _ = wait(url, "--team", "nba:bos")
    assert code == 0 and lines[0]["event"] == "snapshot"


def test_a_score_is_a_score_event_and_a_kick_off_is_not() -> None:
    pre = event(home=("BOS", ""), away=("PHI", ""), st=PRE)
    tip = event(home=("BOS", "0"), away=("PHI", "0"))
    basket = event(home=("BOS", "0"), away=("PHI", "3"))
    script = Script([ok(OTHER, pre), ok(OTHER, tip), ok(OTHER, tip), ok(OTHER, basket)])
    with serve(script) as url:
        code, lines, _ = wait(url, "--team", "PHI", "--until", "score")
    assert code == 0
    assert (lines[0]["event"], lines[0]["away"]["score"]) == ("score", 3)


def test_a_game_that_ends_without_it_or_no_game_of_the_team_is_exit_1() -> None:
    live = event(home=("BOS", "2"), away=("PHI", "0"))
    final = event(home=("BOS", "2"), away=("PHI", "0"), st=FINAL)
    with serve(Script([ok(live), ok(final)])) as url:
        code, lines, err = wait(url, "--team", "BOS", "--until", "score")
        none = wait(url, "--team", "XYZ")
    assert code == 1 and lines == []
    assert (
        err.strip().splitlines()[-1] == "livescore: error: PHI @ BOS ended (Final) without a score"
    )
    code, lines, err = none
    assert code == 1 and "no games match --team XYZ" in err


def test_timeout_is_exit_1() -> None:
    pre = event(home=("BOS", ""), away=("PHI", ""), st=PRE)
    with serve(Script([ok(pre)])) as url:
        code, lines, err = wait(url, "--team", "BOS", "--timeout", "1s")
    assert code == 1 and lines == []
    assert "no final for --team BOS within 1s" in err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ([], "wait needs --team"),
        (["--team", "BOS", "--until", "halftime"], "--until is one of start, score, final"),
        (["--team", "BOS", "--timeout", "soon"], "bad --timeout"),
        (["--team", "BOS", "--timeout", "0"], "bad --timeout"),
    ],
)
def test_bad_usage_is_one_line_exit_2(args: list[str], said: str) -> None:
    result = run_cli("wait", "nba", "--espn-url", "http://127.0.0.1:9", *args)
    assert result.returncode == 2 and said in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
