"""`livescore line` through the real CLI: one line per change, flushed at once, as each status
bar reads it; a real tmux status line shows it and follows a change."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time

import pytest

from livescore.sim.http import Request, Response, serve
from tests.helpers import (
    ROOT,
    Script,
    cli_env,
    event,
    ok,
    popen_cli,
    read_lines,
    run_cli,
    status,
    stop,
)

PRE = status("pre", "STATUS_SCHEDULED", "7:30 PM ET", "0:00", None, description="Scheduled")
FINAL = status("post", "STATUS_FINAL", "Final", "0:00", 4, completed=True, description="Final")
OTHER = event("9", home=("LAL", "50"), away=("GS", "52"))


def _game(home: str, away: str, st: dict | None = None) -> dict:
    return event(home=("BOS", home), away=("PHI", away), **({"st": st} if st else {}))


GAME = [
    ok(OTHER, _game("", "", PRE)),
    ok(OTHER, _game("", "", PRE)),
    ok(OTHER, _game("0", "0")),
    ok(OTHER, _game("0", "0")),
    ok(OTHER, _game("2", "0")),
    ok(OTHER, _game("2", "0", FINAL)),
]


def _line(url: str, *args: str) -> subprocess.Popen[str]:
    return popen_cli("line", "nba", "--espn-url", url, "--interval", "0.05", *args)


def test_plain_line_follows_the_team_and_never_repeats_itself() -> None:
    with serve(Script(GAME)) as url:
        proc = _line(url, "--team", "BOS", "--tz", "America/New_York")
        lines = read_lines(proc, 4)
        err = stop(proc)
    assert lines[0].startswith("next: PHI @ BOS ")  # the start, in New York time
    assert lines[1:] == ["PHI 0-0 BOS 8:41 - 4th", "PHI 0-2 BOS 8:41 - 4th", "PHI 0-2 BOS Final"]
    assert "Traceback" not in err


def test_without_a_team_it_shows_every_live_game_of_the_league() -> None:
    with serve(Script([ok(OTHER, _game("10", "12"))])) as url:
        result = run_cli("line", "nba", "--espn-url", url, "--once", "--separator", " / ")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "PHI 12-10 BOS 8:41 - 4th / GS 52-50 LAL 8:41 - 4th\n"


def test_waybar_gets_one_json_object_a_line_with_classes() -> None:
    with serve(Script(GAME)) as url:
        proc = _line(url, "--team", "BOS", "--for", "waybar")
        lines = [json.loads(x) for x in read_lines(proc, 4)]
        stop(proc)
    assert [x["class"] for x in lines] == [
        ["next"],
        ["live"],
        ["live", "scored"],
        ["final", "scored"],
    ]
    assert all(set(x) == {"text", "tooltip", "class", "alt"} for x in lines)
    assert lines[2]["text"] == "PHI 0-2 BOS 8:41 - 4th"
    assert "GS 52 @ LAL 50" not in lines[2]["tooltip"]  # only the followed games


def test_a_template_and_the_errors_of_bad_options() -> None:
    with serve(Script([ok(OTHER)])) as url:
        result = run_cli(
            "line", "nba", "--espn-url", url, "--once",
            "--template", "{league}: {home_name} {home_score} v {away_score} {away_name}",
        )  # fmt: skip
    assert result.stdout == "NBA: Team LAL 50 v 52 Team GS\n"
    for args, said in [
        (["--template", "{away.__class__}"], "unknown field {away.__class__}"),
        (["--for", "xmobar"], "--for is one of plain, tmux, waybar, polybar, i3blocks"),
        (["--max", "0"], "--max must be 1 or more"),
        (["--tz", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
        (["--tz", "../../etc/passwd"], "unknown time zone"),
    ]:
        result = run_cli("line", "nba", *args)
        assert result.returncode == 2, (args, result.stderr)
        assert said in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_real_tmux_status_line_shows_the_score_and_follows_a_change(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """tmux runs `#(livescore line --for tmux)` for its status line; an outer tmux pane is
    the terminal of that tmux's client, so its last row is the status line as drawn."""
    hostile = ok(event(home=("BOS", "0"), away=("#[fg=red]X", "0")))
    later = ok(_game("0", "3"))
    seen = threading.Event()  # the test saw the first line: the game may move on

    def script(request: Request) -> Response:
        return later if seen.is_set() else hostile

    inner, outer = f"ls-inner-{time.monotonic_ns()}", f"ls-outer-{time.monotonic_ns()}"
    with serve(script) as url:
        command = (
            f"cd {ROOT} && PYTHONPATH={ROOT} XDG_CONFIG_HOME={tmp_path} LIVESCORE_DAY_ENDS=0 "
            f"{sys.executable} -m "
            f"livescore line nba --for tmux --espn-url {url} --interval 0.3"
        )
        tmux = ["tmux", "-L", inner, "-f", "/dev/null"]
        try:
            subprocess.run(
                [*tmux, "new-session", "-d", "-s", "s", "-x", "100", "-y", "8"], check=True
            )
            subprocess.run([*tmux, "set", "-g", "status-right-length", "90"], check=True)
            subprocess.run([*tmux, "set", "-g", "status-right", f"#({command})"], check=True)
            subprocess.run(
                ["tmux", "-L", outer, "-f", "/dev/null", "new-session", "-d", "-s", "o",
                 "-x", "110", "-y", "10", f"TMUX= tmux -L {inner} attach -t s"],
                check=True,
            )  # fmt: skip
            # a team name is shown as it is, never read as a tmux style
            assert _status_until(outer, "#[fg=red]X 0-0 BOS").endswith("X 0-0 BOS 8:41 - 4th")
            seen.set()
            assert _status_until(outer, "PHI 3-0 BOS").endswith("PHI 3-0 BOS 8:41 - 4th")
        finally:
            subprocess.run(["tmux", "-L", outer, "kill-server"], check=False)
            subprocess.run([*tmux, "kill-server"], check=False)


def _status_until(server: str, text: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    row = ""
    while time.monotonic() < deadline:
        screen = subprocess.run(
            ["tmux", "-L", server, "capture-pane", "-p", "-t", "o"], capture_output=True, text=True
        ).stdout
        rows = [r for r in screen.splitlines() if r.strip()]
        row = rows[-1] if rows else ""
        if text in row:
            return row
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never on the status line: {row!r}")


def test_polybar_and_i3blocks_get_one_plain_line_per_change_that_no_tag_hides_in() -> None:
    """polybar's tag parser opens a tag at every `%{` (it has no escape); i3blocks with
    interval=persist takes each line as the block's full_text."""
    hostile = event(home=("BOS", "1"), away=("%{F#f00}X\u2028Y", "0"))
    with serve(Script([ok(hostile)])) as url:
        for program in ("polybar", "i3blocks"):
            result = run_cli("line", "nba", "--espn-url", url, "--once", "--for", program)
            assert result.returncode == 0, result.stderr
            assert len(result.stdout.splitlines()) == 1 and result.stdout.endswith("\n")
            if program == "polybar":
                assert "%{" not in result.stdout and "% {F#f00}X" in result.stdout


def test_offline_the_line_says_stale_never_an_empty_line() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "livescore", "line", "nba", "--espn-url", "http://127.0.0.1:9"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    lines = read_lines(proc, 1, timeout=60)
    stop(proc)
    once = run_cli("line", "nba", "--once", "--espn-url", "http://127.0.0.1:9", timeout=90)
    assert lines == ["(stale)"]
    assert once.returncode == 1
    assert once.stdout == "(stale)\n"  # what the bar shows; no empty line before the error
    assert once.stderr.strip().splitlines()[-1].startswith("livescore: error: espn nba:")


def _schedule_answer(days_ahead: float) -> Response:
    from datetime import UTC, datetime, timedelta

    start = datetime.now(UTC) + timedelta(days=days_ahead)
    game = {
        "id": "77", "date": start.strftime("%Y-%m-%dT%H:%MZ"), "timeValid": True,
        "competitions": [{
            "status": {"type": {"state": "pre", "name": "STATUS_SCHEDULED"}},
            "competitors": [
                {"homeAway": "home", "team": {"abbreviation": "NY", "displayName": "New York"}},
                {"homeAway": "away", "team": {"abbreviation": "BOS", "displayName": "Boston"}},
            ],
        }],
    }  # fmt: skip
    body = {"team": {"id": "2", "abbreviation": "BOS", "displayName": "Boston Celtics"},
            "events": [game]}  # fmt: skip
    return Response(200, json.dumps(body).encode())


def test_with_no_game_today_the_line_shows_the_next_one_days_away() -> None:
    seen: list[str] = []

    def answer(request: Request) -> Response:
        seen.append(request.path)
        if request.path.endswith("/teams/bos/schedule"):
            return _schedule_answer(3)
        return ok(OTHER)

    with serve(answer) as url:
        once = run_cli("line", "nba", "--team", "BOS", "--espn-url", url, "--once")
        proc = _line(url, "--team", "BOS")
        lines = read_lines(proc, 1)
        err = stop(proc)
    assert once.returncode == 0, once.stderr
    assert once.stdout.startswith("next: BOS @ NY ") and once.stdout.count("\n") == 1
    day = once.stdout.split()[4]
    assert day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), once.stdout
    assert lines == [once.stdout.strip()]
    assert "Traceback" not in err
    # the schedule is asked for once a run, not at every poll
    assert seen.count("/apis/site/v2/sports/basketball/nba/teams/bos/schedule") == 2


def test_with_no_game_today_or_later_line_once_says_so() -> None:
    def answer(request: Request) -> Response:
        if "/teams/" in request.path:
            empty = {"team": {"abbreviation": "BOS"}, "events": []}
            return Response(200, json.dumps(empty).encode())
        return ok(OTHER)

    with serve(answer) as url:
        once = run_cli("line", "nba", "--team", "BOS", "--espn-url", url, "--once")
    assert once.returncode == 1
    assert once.stdout == "\n"
    assert "no games match --team BOS, and none later" in once.stderr
