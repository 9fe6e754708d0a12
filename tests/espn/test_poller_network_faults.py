"""The ESPN poller below HTTP: DNS failure, a reset in the middle of a body, a body over the
size limit. DNS is failed in the CLI process itself (a sitecustomize makes one made-up domain
not resolve), since a test may not ask a real resolver."""

from __future__ import annotations

from pathlib import Path

from livescore.sim.http import Response, serve
from tests.helpers import (
    Script,
    Stderr,
    dns_failing,
    event,
    ok,
    popen_cli,
    read_json_lines,
    run_cli,
    stop,
)


def test_dns_failure_is_a_warning_while_watching_and_exit_1_with_once(tmp_path: Path) -> None:
    environ = dns_failing(tmp_path)
    proc = popen_cli("watch", "nba", "--espn-url", "http://espn.dnsfail", "--json", env=environ)
    stderr = Stderr(proc)
    assert stderr.wait_for("retrying in", count=2), stderr.text  # two tries, still going
    assert proc.poll() is None, "watch must keep running through DNS failures"
    err = stderr.finish(proc)
    assert "livescore: warning: espn nba: cannot reach espn.dnsfail: DNS lookup failed" in err
    assert "retrying in" in err and "Traceback" not in err
    once = run_cli(
        "watch", "nba", "--espn-url", "http://espn.dnsfail", "--once", env=environ, timeout=60
    )
    assert once.returncode == 1 and once.stdout == ""
    assert once.stderr.splitlines()[-1].startswith("livescore: error: espn nba: cannot reach")


def test_reset_in_the_middle_of_an_espn_body_is_a_warning() -> None:
    body = ok(event(home=("BOS", "99"))).body
    script = Script([ok(event()), Response(200, body, cut_after=len(body) // 2), ok(event())])
    script.responses.append(ok(event(home=("BOS", "90"))))
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json")
        lines = read_json_lines(proc, 2)
        err = stop(proc)
    assert [(x["event"], x["home"]["score"]) for x in lines] == [("snapshot", 87), ("score", 90)]
    assert "livescore: warning: espn nba: cannot reach 127.0.0.1" in err
    assert "Traceback" not in err


def test_body_over_the_size_limit_is_refused_with_a_warning() -> None:
    huge = b'{"events": [], "padding": "' + b"x" * (33 * 1024 * 1024) + b'"}'
    script = Script([ok(event()), Response(200, huge), ok(event(home=("BOS", "90")))])
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json")
        lines = read_json_lines(proc, 2, timeout=30)
        err = stop(proc)
    assert [x["home"]["score"] for x in lines] == [87, 90]
    assert "response larger than 32 MB" in err and "Traceback" not in err
