"""The ESPN poller (through `livescore watch`) against hostile bodies, and corrections (5xx runs and
429 storms: tests/espn/test_poller.py, in process): warnings, backoff, never a crash."""

from __future__ import annotations

import pytest

from livescore.sim.http import Response, serve
from tests.helpers import Script, event, ok, popen_cli, read_json_lines, status, stop


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("invalid utf-8", b'{"events": [\xff\xfe]}'),
        ("deeply nested", b"[" * 200_000 + b"]" * 200_000),
        ("null", b"null"),
    ],
)
def test_hostile_espn_bodies_are_warnings(name: str, body: bytes) -> None:
    script = Script([ok(event()), Response(200, body), ok(event(home=("BOS", "90")))])
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json")
        lines = read_json_lines(proc, 2)
        err = stop(proc)
    assert [x["event"] for x in lines] == ["snapshot", "score"]
    assert "livescore: warning: espn nba:" in err and "Traceback" not in err


def test_scores_and_clocks_going_backwards_are_corrections() -> None:
    later = event(home=("BOS", "90"), st=status(short="8:00 - 4th", clock="8:00"))
    corrected = event(home=("BOS", "88"), st=status(short="8:30 - 4th", clock="8:30"))
    script = Script([ok(event()), ok(later), ok(corrected)])
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json")
        lines = read_json_lines(proc, 3)
        stop(proc)
    assert [x["home"]["score"] for x in lines] == [87, 90, 88]
    assert lines[2]["event"] == "score" and lines[2]["clock"] == "8:30"
