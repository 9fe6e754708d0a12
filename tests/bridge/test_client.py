"""`livescore tail` (the bridge client) following `livescore serve` across a restart."""

from __future__ import annotations

import subprocess
import sys

from livescore.sim.http import serve
from tests.followers import Slate, wait_until
from tests.helpers import (
    Script,
    cli_env,
    event,
    ok,
    popen_cli,
    read_json_lines,
    run_cli,
    start_bridge,
)


def test_serve_and_tail_end_to_end_across_a_bridge_restart() -> None:
    scored = event(home=("BOS", "95"))
    script = Script([ok(event())] * 8 + [ok(scored)])
    with serve(script) as espn:
        bridge_proc, url = start_bridge("nba", "--espn-url", espn, "--interval", "0.2")
        tail = popen_cli("tail", url, "--json")
        assert tail.stdout is not None
        first, second = read_json_lines(tail, 2)
        assert (first["event"], second["event"]) == ("snapshot", "score")
        bridge_proc.terminate()  # the bridge restarts: the tail reconnects by itself
        bridge_proc.wait(10)
        port = url.rsplit(":", 1)[1].strip("/")
        restarted = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "livescore",
                "serve",
                "--port",
                port,
                "nba",
                "--espn-url",
                espn,
                "--interval",
                "0.2",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(),
        )
        (resumed,) = read_json_lines(tail, 1)
        tail.terminate()
        _, err = tail.communicate(timeout=10)
        restarted.terminate()
        restarted.wait(10)
    assert resumed["id"] == "401" and resumed["home"]["score"] == 95
    assert resumed.get("resync") is True
    assert "reconnecting" in err and "Traceback" not in err


def test_tail_with_a_cursor_resumes_after_its_own_restart_without_repeats(tmp_path) -> None:  # type: ignore[no-untyped-def]
    slate = Slate()
    cursor = tmp_path / "tail.cursor"
    with serve(slate) as espn:
        bridge_proc, url = start_bridge("nba", "--espn-url", espn, "--interval", "0.05")
        first = popen_cli("tail", url, "--json", "--cursor", str(cursor))
        seen = read_json_lines(first, 3)  # the three snapshots
        assert wait_until(lambda: cursor.exists())
        first.terminate()
        first.wait(10)
        slate.advance()  # while no tail runs: three score events at the bridge
        second = popen_cli("tail", url, "--json", "--cursor", str(cursor))
        missed = read_json_lines(second, 3)
        second.terminate()
        second.wait(10)
        bridge_proc.terminate()
        bridge_proc.wait(10)
    assert [x["event"] for x in seen] == ["snapshot"] * 3
    assert [x["event"] for x in missed] == ["score"] * 3  # only what it had not seen
    assert [x["seq"] for x in missed] == [4, 5, 6]
    bad = tmp_path / "bad.cursor"
    bad.write_text("[]")
    refused = run_cli("tail", "ws://127.0.0.1:9/", "--cursor", str(bad))
    assert refused.returncode == 2 and "holds no position" in refused.stderr
