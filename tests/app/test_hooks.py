"""`--on-event CMD`: runs once per matching event with the JSON on stdin and LIVESCORE_*
variables, never through a shell; slow, failing and missing hooks never hold the ticker."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from livescore.sim.http import serve
from tests.helpers import (
    Script,
    cli_env,
    event,
    jsonl,
    ok,
    popen_cli,
    read_json_lines,
    run_cli,
    status,
)

FINAL = status("post", "STATUS_FINAL", "Final", "0:00", 4, completed=True, description="Final")
PY = sys.executable

RECORDER = """
import json, os, sys
line = sys.stdin.read()
env = {k: v for k, v in os.environ.items() if k.startswith("LIVESCORE_")}
with open(sys.argv[1], "a") as out:
    out.write(json.dumps({"stdin": line, "env": env, "argv": sys.argv[2:]}) + "\\n")
"""


def _script(tmp_path: Path, code: str) -> str:
    path = tmp_path / "hook.py"
    path.write_text(code)
    return str(path)


def _calls(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []


def test_each_matching_event_runs_the_hook_once_with_json_and_environment(
    tmp_path: Path,
) -> None:
    calls = tmp_path / "calls.jsonl"
    hook = f"{PY} {_script(tmp_path, RECORDER)} {calls}"
    games = [
        ok(event(home=("BOS", "0"), away=("PHI", "0"))),
        ok(event(home=("BOS", "2"), away=("PHI", "0"))),
        ok(
            event(home=("BOS", "2"), away=("PHI", "0"), st=status(short="8:20 - 4th", clock="8:20"))
        ),
        ok(event(home=("BOS", "2"), away=("PHI", "0"), st=FINAL)),
    ]
    with serve(Script(games)) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json",
                         "--on-event", hook + " 'two words'")  # fmt: skip
        lines = read_json_lines(proc, 4)
        deadline = time.monotonic() + 20
        while len(_calls(calls)) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.terminate()
        proc.wait(10)
    called = _calls(calls)
    # the score and the final run it; snapshots and the clock tick do not (default kinds)
    assert [json.loads(c["stdin"])["event"] for c in called] == ["score", "status"]
    assert [e["event"] for e in lines[:4]] == ["snapshot", "score", "clock", "status"]
    first = called[0]
    assert json.loads(first["stdin"]) == lines[1]
    assert first["argv"] == ["two words"]  # split as a shell would, without a shell
    env = first["env"]
    assert (env["LIVESCORE_EVENT"], env["LIVESCORE_HOME"], env["LIVESCORE_HOME_SCORE"]) == (
        "score", "BOS", "2",
    )  # fmt: skip


def test_kinds_team_and_a_hostile_name_reach_the_hook_as_data(tmp_path: Path) -> None:
    calls = tmp_path / "calls.jsonl"
    hook = f"{PY} {_script(tmp_path, RECORDER)} {calls}"
    # if a shell ever saw it, these would land in the working directory (the repository's)
    hostile = "Kn $(touch ls-pwned-1) `touch ls-pwned-2`; touch ls-pwned-3 | tee x"
    board = ok(event("402", home=("NYK", "1"), away=("MIA", "0")))
    board_json = json.loads(board.body)
    board_json["events"][0]["competitions"][0]["competitors"][1]["team"]["displayName"] = hostile
    from livescore.sim.http import Response

    with serve(Script([Response(200, json.dumps(board_json).encode())])) as url:
        result = run_cli("watch", "nba", "--espn-url", url, "--once", "--json", "--team", "NYK",
                         "--on-event", hook, "--on-kind", "snapshot")  # fmt: skip
    assert result.returncode == 0, result.stderr
    (call,) = _calls(calls)
    assert call["env"]["LIVESCORE_HOME_NAME"] == hostile
    assert json.loads(call["stdin"]) == jsonl(result.stdout)[0]
    assert not any(Path(f"ls-pwned-{n}").exists() for n in (1, 2, 3))


def test_slow_failing_and_missing_hooks_never_hold_the_ticker(tmp_path: Path) -> None:
    slow = f"{PY} {_script(tmp_path, 'import time; time.sleep(60)')}"
    games = [ok(event(home=("BOS", str(n)), away=("PHI", "0"))) for n in range(30)]
    with serve(Script(games)) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.02", "--json",
                         "--on-event", slow)  # fmt: skip
        lines = read_json_lines(proc, 30)  # gives up after 20 s: the hook sleeps 60
        proc.terminate()
        _, err = proc.communicate(timeout=20)  # SIGTERM ends it while a hook still sleeps
        failing = run_cli("watch", "nba", "--espn-url", url, "--once", "--json", "--on-event",
                          f"{PY} -c 'raise SystemExit(3)'", "--on-kind", "snapshot")  # fmt: skip
    assert len(lines) == 30  # 29 score events while the first hook sleeps
    assert proc.returncode == 0 and "Traceback" not in err
    assert failing.returncode == 0 and len(jsonl(failing.stdout)) == 1
    assert failing.stderr.count("--on-event exited 3") == 1
    assert "1 of 1 run(s) failed" in failing.stderr
    missing = run_cli("watch", "nba", "--on-event", "no-such-program-here --x")
    assert missing.returncode == 2
    assert "no such program 'no-such-program-here'" in missing.stderr
    lonely = run_cli("watch", "nba", "--on-kind", "score")
    assert lonely.returncode == 2 and "--on-kind goes with --on-event" in lonely.stderr
    bad = run_cli("watch", "nba", "--on-event", PY, "--on-kind", "goal")
    assert bad.returncode == 2 and "--on-kind is one or more of" in bad.stderr


SPAWNER = """
import subprocess, sys
pids = [subprocess.Popen(["sleep", "300"]).pid for _ in range(20)]
with open(sys.argv[1], "a") as out:
    out.write(" ".join(map(str, pids)) + "\\n")
"""


def _alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped is not)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            return not any(line.startswith("State:\tZ") for line in status)
    except FileNotFoundError:
        return False


def test_what_a_hook_leaves_running_ends_with_it(tmp_path: Path) -> None:
    pids_file = tmp_path / "pids"
    hook = f"{PY} {_script(tmp_path, SPAWNER)} {pids_file}"
    with serve(Script([ok(event())])) as url:
        done = run_cli("watch", "nba", "--espn-url", url, "--once", "--json",
                       "--on-event", hook, "--on-kind", "snapshot")  # fmt: skip
    assert done.returncode == 0, done.stderr
    pids = [int(p) for p in pids_file.read_text().split()]
    assert len(pids) == 20
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in pids)


def test_a_hook_gets_none_of_livescores_secrets(tmp_path: Path) -> None:
    calls = tmp_path / "calls.jsonl"
    hook = f"{PY} {_script(tmp_path, RECORDER)} {calls}"
    secrets = {
        "SPORTRIX_API_KEY": "sk_live_secret_123456",
        "LIVESCORE_TOKEN": "bridge-token-secret",
        "LIVESCORE_REDIS_URL": "redis://user:hunter2@127.0.0.1:9/0",
    }
    with serve(Script([ok(event())])) as url:
        done = run_cli("watch", "nba", "--espn-url", url, "--once", "--json",
                       "--on-event", hook, "--on-kind", "snapshot",
                       env=cli_env(**secrets))  # fmt: skip
    assert done.returncode == 0, done.stderr
    (call,) = _calls(calls)
    assert call["env"]["LIVESCORE_EVENT"] == "snapshot"
    seen = json.dumps(call)
    for name, value in secrets.items():
        assert name not in call["env"] and value not in seen
