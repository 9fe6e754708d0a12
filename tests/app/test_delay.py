"""`--delay DURATION` through the real CLI: every event of watch and of the bridge comes out
no earlier than DELAY after it was seen, in order; the table says it is delayed."""

from __future__ import annotations

import time
from datetime import datetime

from livescore.sim.http import serve
from tests.helpers import (
    Script,
    event,
    ok,
    popen_cli,
    read_json_lines,
    run_cli,
    start_bridge,
    status,
    stop,
)

FINAL = status("post", "STATUS_FINAL", "Final", "0:00", 4, completed=True, description="Final")
GAMES = [
    ok(event(home=("BOS", "0"), away=("PHI", "0"))),
    ok(event(home=("BOS", "2"), away=("PHI", "0"))),
    ok(event(home=("BOS", "2"), away=("PHI", "3"))),
    ok(event(home=("BOS", "2"), away=("PHI", "3"), st=FINAL)),
]


def _seen(line: dict) -> float:
    return datetime.fromisoformat(line["ts"].replace("Z", "+00:00")).timestamp()


def _read_timed(proc, count: int) -> list[tuple[float, dict]]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(count):
        got = read_json_lines(proc, 1, timeout=30)
        if not got:
            break
        out.append((time.time(), got[0]))
    return out


def test_watch_delay_holds_every_event_and_keeps_order() -> None:
    with serve(Script(GAMES)) as url:
        proc = popen_cli(
            "watch", "nba", "--espn-url", url, "--interval", "0.05", "--json", "--delay", "1.5s"
        )
        timed = _read_timed(proc, 4)
        err = stop(proc)
    assert [line["event"] for _, line in timed] == ["snapshot", "score", "score", "status"]
    assert [line["seq"] for _, line in timed] == [1, 2, 3, 4]
    for read_at, line in timed:  # ts is when the data came (ms, rounded down)
        assert read_at - _seen(line) >= 1.5
    assert "Traceback" not in err


def test_the_table_says_it_is_delayed() -> None:
    with serve(Script(GAMES[:1])) as url:
        result = run_cli(
            "watch", "nba", "--espn-url", url, "--once", "--format", "table", "--delay", "0.5"
        )
    assert result.returncode == 0, result.stderr
    assert "delayed 0.5s" in result.stdout


def test_serve_delay_holds_what_every_client_gets() -> None:
    with serve(Script(GAMES)) as url:
        bridge, ws = start_bridge("nba", "--espn-url", url, "--interval", "0.05", "--delay", "1s")
        assert bridge.stderr is not None
        said = bridge.stderr.readline()  # the line after "serving ws://..."
        try:
            tail = popen_cli("tail", ws, "--json")
            timed = _read_timed(tail, 2)
            stop(tail)
        finally:
            stop(bridge)
    assert said == "livescore: delaying every client by 1s\n"
    assert timed and [line["seq"] for _, line in timed] == sorted(line["seq"] for _, line in timed)
    for read_at, line in timed:
        assert read_at - _seen(line) >= 1.0


def test_a_bad_delay_is_one_line_and_exit_2() -> None:
    for value in ("soon", "0", "2d"):
        result = run_cli("watch", "nba", "--delay", value)
        assert result.returncode == 2
        assert result.stderr.startswith("livescore: error: bad --delay")
        assert len(result.stderr.strip().splitlines()) == 1
    result = run_cli("watch", "nba", "--delay", "25h")
    assert "at most 1 day" in result.stderr
