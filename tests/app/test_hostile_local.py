"""The local machine as an attacker or a hazard would have it: recordings onto symbolic
links, secrets in a file others can read, stdout closed or never read, a full disk, a
recording nested past Python's limit."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

from livescore.sim.http import Request, Response, serve
from tests.helpers import (
    Script,
    board_json,
    cli_env,
    event,
    jsonl,
    ok,
    popen_cli,
    read_json_lines,
    run_cli,
    stop,
)


def test_a_recording_onto_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "victim"
    target.write_text("precious\n")
    link = tmp_path / "game.jsonl"
    link.symlink_to(target)
    with serve(Script([ok(event())])) as url:
        refused = run_cli("watch", "nba", "--espn-url", url, "--once", "--json",
                          "--record", str(link))  # fmt: skip
        made = tmp_path / "new.jsonl"
        fine = run_cli("watch", "nba", "--espn-url", url, "--once", "--json",
                       "--record", str(made))  # fmt: skip
    assert refused.returncode == 2
    assert "it is a symbolic link (refused" in refused.stderr
    assert target.read_text() == "precious\n"
    assert fine.returncode == 0, fine.stderr
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert '"source": "espn"' in made.read_text()


def test_a_full_disk_stops_the_recording_not_the_watch() -> None:
    changes = Script([ok(event(home=("BOS", str(n)))) for n in range(5)])
    with serve(changes) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json",
                         "--record", "/dev/full")  # fmt: skip
        lines = read_json_lines(proc, 5)  # every change still comes
        err = stop(proc)
        once = run_cli("watch", "nba", "--espn-url", url, "--once", "--json",
                       "--record", "/dev/full")  # fmt: skip
    incomplete = "livescore: error: the recording /dev/full is incomplete: No space left on device"
    assert [x["home"]["score"] for x in lines] == [0, 1, 2, 3, 4]
    assert err.count("recording to /dev/full stopped: No space left on device") == 1
    assert proc.returncode == 1 and err.strip().splitlines()[-1] == incomplete
    assert once.returncode == 1
    assert len(jsonl(once.stdout)) == 1  # the game was still shown
    assert once.stderr.strip().splitlines()[-1] == incomplete


def test_secrets_in_a_config_file_others_can_read_are_said(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[bridge]\ntoken = "a-literal-token"\n')
    os.chmod(config, 0o666)
    loose = run_cli("--config", str(config), "config", "show")
    os.chmod(config, 0o600)
    tight = run_cli("--config", str(config), "config", "show")
    config.write_text('[bridge]\ntoken = { env = "MY_TOKEN" }\n')
    os.chmod(config, 0o644)
    referenced = run_cli("--config", str(config), "config", "show")
    assert loose.returncode == 0
    assert "holds bridge.token and can be read by others (mode -rw-rw-rw-)" in loose.stderr
    assert "a-literal-token" not in loose.stderr + loose.stdout
    assert "can be read by others" not in tight.stderr
    assert "can be read by others" not in referenced.stderr


def test_a_command_started_with_stdout_closed_says_so_in_one_line() -> None:
    for args in (["leagues"], ["--version"], ["schema"]):
        result = subprocess.run(
            [sys.executable, "-m", "livescore", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(),
            timeout=30,
            preexec_fn=lambda: os.close(1),
        )
        assert result.returncode == 1, args
        assert result.stderr == "livescore: error: cannot write to standard output: it is closed\n"


def _wchan(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/wchan") as wchan:
            return wchan.read()
    except OSError:
        return ""


def test_sigterm_ends_a_command_whose_stdout_nobody_reads() -> None:
    polls = [0]

    def busy(request: Request) -> Response:
        polls[0] += 1
        games = [event(str(i), home=("BOS", str(polls[0]))) for i in range(30)]
        return Response(200, board_json(*games))

    with serve(busy) as url:
        proc = subprocess.Popen(
            [sys.executable, "-m", "livescore", "watch", "nba", "--espn-url", url,
             "--interval", "0.01", "--json"],
            stdout=subprocess.PIPE,  # never read: the pipe fills, the write blocks
            stderr=subprocess.PIPE,
            env=cli_env(),
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while "pipe_write" not in _wchan(proc.pid):
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.05)
            proc.terminate()
            started = time.monotonic()
            proc.wait(10)
            took = time.monotonic() - started
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        assert proc.stderr is not None
        err = proc.stderr.read().decode()
    assert took < 1.0
    assert proc.returncode == 0
    assert err.strip().splitlines()[-1] == "livescore: stopped while nobody was reading stdout"


def test_a_recording_nested_past_pythons_limit_is_not_a_json_line(tmp_path: Path) -> None:
    recording = tmp_path / "deep.jsonl"
    recording.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    result = run_cli("replay", str(recording), "--speed", "0", "--json")
    assert result.returncode == 2
    assert result.stderr.strip() == f"livescore: error: {recording}:1: not a JSON line"
