"""`livescore watch` end to end: the real CLI in a subprocess against HTTP servers on 127.0.0.1."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from livescore.sim.http import Request, Response, serve
from tests.helpers import (
    Script,
    Stderr,
    cli_env,
    event,
    jsonl,
    ok,
    popen_cli,
    read_json_lines,
    run_cli,
    status,
    stop,
)

FINAL = status("post", "STATUS_FINAL", "Final", "0:00", 4, completed=True, description="Final")


@pytest.fixture
def script() -> Iterator[Script]:
    yield Script([ok(event())])


def test_once_json_snapshot_and_request_shape() -> None:
    script = Script([ok(event("1"), event("2", home=("LAL", "3"), away=("GS", "4")))])
    with serve(script) as url:
        result = run_cli("watch", "nba", "--espn-url", url, "--once", "--date", "20260502")
    assert result.returncode == 0, result.stderr
    lines = jsonl(result.stdout)
    assert [(x["event"], x["seq"], x["id"]) for x in lines] == [
        ("snapshot", 1, "1"),
        ("snapshot", 2, "2"),
    ]
    assert lines[1]["home"] == {"name": "Team LAL", "abbr": "LAL", "score": 3}
    request = script.requests[0]
    assert request.path == "/apis/site/v2/sports/basketball/nba/scoreboard"
    assert request.query == {"dates": ["20260502"]}
    assert request.headers["user-agent"].startswith("livescore/")
    assert result.stderr == ""


def test_changes_stream_as_events_and_unchanged_polls_emit_nothing() -> None:
    scored = event(home=("BOS", "90"), st=status(short="8:20 - 4th", clock="8:20"))
    script = Script(
        [
            ok(event()),
            ok(event()),
            ok(event()),
            ok(scored),
            ok(scored),
            ok(event(home=("BOS", "90"), st=FINAL)),
        ]
    )
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json")
        lines = read_json_lines(proc, 3)
        err = stop(proc)
    assert [(x["seq"], x["event"]) for x in lines] == [(1, "snapshot"), (2, "score"), (3, "status")]
    assert lines[1]["changed"] == ["score", "clock", "detail"]
    assert lines[1]["home"]["score"] == 90 and lines[2]["state"] == "post"
    assert len(script.requests) >= 6
    assert "Traceback" not in err


def test_adaptive_interval_polls_slowly_when_nothing_is_live() -> None:
    pre = status("pre", "STATUS_SCHEDULED", "Tomorrow", "0:00", 0)
    script = Script([ok(event(st=pre, date="2099-01-01T00:00Z"))])
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json")
        read_json_lines(proc, 1)
        time.sleep(1.5)
        stop(proc)
    assert len(script.requests) == 1  # next poll is 60 s away, not 50 ms


FAULTS = {
    "http 503": (Response(503, b"busy", {}), "HTTP 503"),
    "akamai html 403": (
        Response(
            403,
            b"<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>nope</BODY></HTML>",
            {"Content-Type": "text/html"},
        ),
        "Access Denied",
    ),
    "html 200": (Response(200, b"<!DOCTYPE html><html><title>Oops</title></html>"), "HTML page"),
    "malformed json": (Response(200, b'{"events": [ {"id": '), "malformed JSON"),
    "wrong shape": (Response(200, b'{"events": 3}'), "unexpected JSON"),
    "espn error json": (
        Response(400, b'{"code":400,"message":"Failed to get events endpoint."}'),
        "Failed to get events endpoint",
    ),
    "dropped connection": (Response(drop=True), "cannot reach"),
    "empty body": (Response(200, b""), "empty response"),
    "slow response": (Response(200, b"{}", delay=3.0), "timed out"),
}


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_upstream_fault_warns_keeps_running_and_recovers(fault: str) -> None:
    response, message = FAULTS[fault]
    later = event(home=("BOS", "90"))
    script = Script([ok(event()), response, ok(later)])
    with serve(script) as url:
        proc = popen_cli(
            "watch", "nba", "--espn-url", url, "--interval", "0.05", "--json", "--timeout", "0.5"
        )
        lines = read_json_lines(proc, 2, timeout=15)
        err = stop(proc)
    assert [x["event"] for x in lines] == ["snapshot", "score"]
    warnings = [line for line in err.splitlines() if line]
    assert warnings and all(line.startswith("livescore: warning: espn nba: ") for line in warnings)
    assert message in err and "retrying in" in err
    assert "Traceback" not in err


def test_first_retry_is_quick() -> None:
    """The first retry is due within two seconds, as the warning says: the delay livescore
    chose, not the wall clock of a machine that may be busy."""
    script = Script([Response(500, b"", {}), ok(event())])
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--json")
        lines = read_json_lines(proc, 1, timeout=60)
        err = stop(proc)
    found = re.search(r"retrying in ([0-9.]+)s", err)
    assert found is not None, err
    assert float(found.group(1)) <= 2.0
    assert lines and lines[0]["event"] == "snapshot"


def test_unreachable_server_keeps_running() -> None:
    proc = popen_cli("watch", "nba", "--espn-url", "http://127.0.0.1:9", "--json")
    stderr = Stderr(proc)
    assert stderr.wait_for("retrying in", count=2), stderr.text
    assert proc.poll() is None
    err = stderr.finish(proc)
    assert "cannot reach 127.0.0.1" in err and "Traceback" not in err


def test_stdout_closed_early_exits_zero_promptly_and_quietly() -> None:
    with serve(Script([ok(event())])) as url:
        started = time.monotonic()
        cmd = f"{sys.executable} -m livescore watch nba --espn-url {url} --json | head -1"
        result = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {cmd}; echo rc=$?"],
            capture_output=True,
            text=True,
            timeout=20,
            env=cli_env(),
        )
        elapsed = time.monotonic() - started
    first, last = result.stdout.splitlines()[0], result.stdout.splitlines()[-1]
    assert json.loads(first)["event"] == "snapshot"
    assert last == "rc=0"
    assert result.stderr == ""
    assert elapsed < 5


def test_team_filter() -> None:
    script = Script([ok(event("1"), event("2", home=("LAL", "3"), away=("GS", "4")))])
    with serve(script) as url:
        result = run_cli("watch", "nba", "--espn-url", url, "--once", "--json", "--team", "gs")
    assert [x["id"] for x in jsonl(result.stdout)] == ["2"]


def test_a_team_filter_that_matches_nothing_says_so() -> None:
    script = Script([ok(event("1"), event("2", home=("LAL", "3"), away=("GS", "4")))])
    with serve(script) as url:
        once = run_cli("watch", "nba", "--espn-url", url, "--once", "--json", "--team", "xyz")
        table = run_cli("watch", "nba", "--espn-url", url, "--once", "--format", "table",
                        "--team", "XYZ", "--team", "nba:NYK")  # fmt: skip
        live = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--format",
                         "lines", "--team", "XYZ")  # fmt: skip
        said = Stderr(live)
        assert said.wait_for("no games match --team XYZ")
        polled = len(script.requests)
        deadline = time.monotonic() + 20  # five more polls: the warning is not repeated
        while len(script.requests) < polled + 5 and time.monotonic() < deadline:
            time.sleep(0.02)
        live.terminate()
        errors = said.finish(live)
    assert once.returncode == 1 and once.stdout == ""
    assert once.stderr.splitlines()[-1] == "livescore: error: no games match --team XYZ"
    assert "no games match --team XYZ --team nba:NYK" in table.stdout
    assert table.returncode == 1
    assert errors.count("no games match --team XYZ (2 on the scoreboard)") == 1


def test_untrusted_strings_in_json_and_lines() -> None:
    raw = event()
    raw["competitions"][0]["competitors"][0]["team"]["displayName"] = "\x1b[2J\x1b]0;x\x07[b]Bad"
    with serve(Script([ok(raw)])) as url:
        js = run_cli("watch", "nba", "--espn-url", url, "--once", "--json")
        ln = run_cli("watch", "nba", "--espn-url", url, "--once", "--format", "lines")
    assert "\x1b" not in js.stdout and "\x1b" not in ln.stdout
    assert jsonl(js.stdout)[0]["away"]["name"] == "[b]Bad"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["watch", "nbaa"], 2, "unknown league 'nbaa' (did you mean nba"),
        (["watch", "nba", "--date", "2026-05-02"], 2, "bad --date"),
        (["watch", "nba", "--date", "20260231"], 2, "bad --date"),
        (["watch", "nba", "--interval", "0"], 2, "--interval must be"),
        (["watch", "nba", "--format", "xml"], 2, "unknown format"),
        (["watch", "ufc", "--tz", "Nowhere/Land"], 2, "unknown time zone"),
        (["watch", "nba", "--espn-url", "ftp://x"], 2, "bad --espn-url"),
        (["watch"], 2, "Missing argument"),
        (["nope"], 2, "No such command"),
    ],
)
def test_bad_usage_is_one_line_exit_2(args: list[str], code: int, message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_once_rejected_exits_3_and_failing_exits_1() -> None:
    with serve(Script([Response(403, b"<html><title>Access Denied</title></html>", {})])) as url:
        rejected = run_cli("watch", "nba", "--espn-url", url, "--once")
    assert rejected.returncode == 3
    said = rejected.stderr.strip().splitlines()
    assert len(said) == 1  # the error line, not a warning of the same failure before it
    assert said[0].startswith("livescore: error: espn nba: HTTP 403")
    with serve(Script([Response(502, b"", {})])) as url:
        failing = run_cli("watch", "nba", "--espn-url", url, "--once", timeout=40)
    assert failing.returncode == 1 and "HTTP 502" in failing.stderr
    assert "Traceback" not in failing.stderr


def test_env_var_sets_the_base_url() -> None:
    with serve(Script([ok(event())])) as url:
        result = run_cli("watch", "nba", "--once", "--json", env=cli_env(LIVESCORE_ESPN_URL=url))
    assert result.returncode == 0 and jsonl(result.stdout)[0]["id"] == "401"


def test_leagues_and_version() -> None:
    leagues = run_cli("leagues")
    assert "nba" in leagues.stdout and "soccer/eng.1" in leagues.stdout
    assert run_cli("--version").stdout.startswith("livescore ")


def test_event_loop_is_not_left_with_pending_tasks_after_once() -> None:
    with serve(Script([ok(event())])) as url:
        proc = popen_cli(
            "watch",
            "nba",
            "--espn-url",
            url,
            "--once",
            "--json",
            env=cli_env(PYTHONASYNCIODEBUG="1"),
        )
        _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0
    assert "Task was destroyed" not in err and "never awaited" not in err


def test_a_team_in_the_second_league_is_no_reason_to_warn() -> None:
    """`watch nba epl --team BOS`: NBA's scoreboard comes first and lacks the team; the
    warning waits for every league to have had its say (it used to come at once)."""

    def board(request: Request) -> Response:
        if "/soccer/" in request.path:  # the league with the team answers a second later
            found = ok(event("7", home=("BOS", "1"), away=("ARS", "0")))
            found.delay = 1.0
            return found
        return ok(event("1", home=("LAL", "3"), away=("GS", "4")))

    with serve(board) as url:
        proc = popen_cli("watch", "nba", "epl", "--espn-url", url, "--interval", "0.05",
                         "--json", "--team", "BOS")  # fmt: skip
        said = Stderr(proc)
        lines = read_json_lines(proc, 1)  # once the team's game is in, no warning can come
        errors = said.finish(proc)
    assert [x["id"] for x in lines] == ["7"]
    assert "no games match" not in errors
