"""``demo --keys`` / ``watch --keys`` driven in a real terminal (tmux) as a user drives it:
select and open a game and see its plays come, go back, change day, open the standings,
filter, toggle a favourite (the config file keeps its other lines), the keys' help, quit;
the terminal restored after q, Ctrl-C (130) and SIGTERM; the screen on the terminal while
stderr goes to a file. Waits are on what the screen shows, never on time."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tmux import HAVE_TMUX, Pane

REVERSE = re.compile(r"\x1b\[(?:[0-9;]*;)?7m")  # the selected row (tmux: 7m or 0;7m)
pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")


def demo(tmp_path: Path, speed: str = "1") -> str:
    return (f"{sys.executable} -m livescore demo --keys --speed {speed} 2>{tmp_path}/err.log; "
            f"echo EXIT=$?; sleep 60")  # fmt: skip


def env(tmp_path: Path) -> dict[str, str]:
    return {"TERM": "xterm-256color", "XDG_CONFIG_HOME": str(tmp_path), "NO_COLOR": "1"}


def gone(pane: Pane, text: str, timeout: float = 30) -> None:
    """Wait until ``text`` has left the screen."""

    deadline = time.monotonic() + timeout
    while text in pane.capture():
        assert time.monotonic() < deadline, f"{text!r} never left the screen"
        time.sleep(0.1)


def wait_until(check: Callable[[], bool], timeout: float = 60) -> None:

    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "never"
        time.sleep(0.01)


def restored(pane: Pane) -> bool:
    return pane.display("#{alternate_on} #{cursor_flag}") == "0 1"


@pytest.mark.parametrize(("width", "height"), [(120, 40), (80, 24), (40, 12)])
def test_a_user_drives_the_demo_with_keys(tmp_path: Path, width: int, height: int) -> None:
    config = tmp_path / "livescore" / "config.toml"
    config.parent.mkdir()
    config.write_text('# mine\nleagues = ["nba"]\n\n[espn]\ninterval = 5.0\n')
    with Pane(demo(tmp_path), width, height, env=env(tmp_path)) as pane:
        pane.wait_for("livescore demo", timeout=60)
        pane.wait_for("games ·", timeout=60)
        # open the NBA game of BOS: filter to it, then Enter
        pane.send_keys("/")
        pane.wait_for("team or league")
        pane.send_keys("B", "O", "S")
        screen = pane.wait_for("filter: BOS")
        assert "1 game ·" in screen and "LIV" not in screen and "Liverpool" not in screen
        pane.send_keys("Enter")  # leaves the filter box
        pane.send_keys("Enter")  # opens the selected game
        screen = pane.wait_for("Scoring", timeout=60)  # its plays, as they come
        assert "BOS" in screen
        body = screen.rstrip("\n").splitlines()[:-2]  # the game, without the footers

        def moved_on() -> bool:  # the open game's plays, score or clock, not its footers
            return pane.capture().rstrip("\n").splitlines()[:-2] != body

        wait_until(moved_on)
        pane.send_keys("Escape")
        pane.wait_for("filter: BOS")
        gone(pane, "Scoring")
        pane.send_keys("Escape")  # the filter cleared
        pane.wait_for("8 games")
        gone(pane, "filter: BOS")
        pane.send_keys("Right", "Right")
        pane.wait_for("(t: today)")
        pane.send_keys("t")
        gone(pane, "(t: today)")
        pane.send_keys("s")
        pane.wait_for("NBA standings 20")  # its title (the footer names the key too)
        pane.send_keys("Escape")
        gone(pane, "NBA standings 20")  # (a key right after Esc would read as Alt+key)
        pane.send_keys("f")
        pane.wait_for("★")  # the favourite starred on the table
        text = config.read_text()
        assert text.startswith("teams = [") and "# mine" in text and "interval = 5.0" in text
        pane.send_keys("?")
        pane.wait_for("select a game")
        pane.send_keys("q")
        screen = pane.wait_for("EXIT=")
        assert "EXIT=0" in screen and "Traceback" not in screen
        assert restored(pane)
    assert "Traceback" not in (tmp_path / "err.log").read_text()


@pytest.mark.parametrize(("stop", "early"), [("C-c", True), ("C-c", False), ("SIGTERM", False)])
def test_every_way_out_restores_the_terminal(tmp_path: Path, stop: str, early: bool) -> None:
    with Pane(demo(tmp_path), 80, 24, env=env(tmp_path)) as pane:
        children: list[str] = []
        while not children:  # livescore has started (the shell has run it)
            children = os.popen(f"pgrep -P {pane.pid()}").read().split()
        if early:  # the instant the screen is taken, before anything is drawn on it
            wait_until(lambda: pane.display("#{alternate_on}") == "1")
        else:
            pane.wait_for("games ·", timeout=60)
        if stop == "C-c":
            pane.send_keys("C-c")
        else:
            os.kill(int(children[0]), signal.SIGTERM)
        screen = pane.wait_for("EXIT=")
        assert ("EXIT=130" if stop == "C-c" else "EXIT=0") in screen, screen
        assert "Traceback" not in screen
        assert restored(pane)


def test_the_keys_keep_the_commands_notifications(tmp_path: Path) -> None:
    """What the plain table does besides drawing (here --notify; hooks, MQTT and --delay go
    through the same composition) goes on while the keys drive the table."""
    from tests.app.test_notify import Endpoint

    endpoint = Endpoint()
    try:
        cmd = (f"{sys.executable} -m livescore demo --keys --speed 4 --notify {endpoint.url} "
               f"--notify-on score 2>{tmp_path}/err.log; echo EXIT=$?; sleep 60")  # fmt: skip
        with Pane(cmd, 100, 30, env=env(tmp_path)) as pane:
            pane.wait_for("games ·", timeout=60)
            got = endpoint.wait_for(1, timeout=120)  # the demo's first score, as a message
            assert got[0]["title"] and got[0]["message"]
            pane.send_keys("q")
            screen = pane.wait_for("EXIT=")
            assert "EXIT=0" in screen and restored(pane), (tmp_path / "err.log").read_text()
    finally:
        endpoint.close()


def test_a_failure_under_the_keys_is_said_after_the_screen_is_given_back(tmp_path: Path) -> None:
    """An MQTT broker that is not there ends the run as it does without the keys: exit 1, one
    line on stderr, the terminal restored."""
    pytest.importorskip("aiomqtt")
    cmd = (f"{sys.executable} -m livescore demo --keys --publish mqtt://127.0.0.1:9 "
           f"2>{tmp_path}/err.log; echo EXIT=$?; sleep 60")  # fmt: skip
    with Pane(cmd, 80, 24, env=env(tmp_path)) as pane:
        screen = pane.wait_for("EXIT=", timeout=60)
        assert "EXIT=1" in screen and restored(pane)
    said = (tmp_path / "err.log").read_text()
    assert "Traceback" not in said and "127.0.0.1:9" in said, said


def test_in_a_short_pane_the_selected_game_and_the_status_stay_on_screen(tmp_path: Path) -> None:
    """More games than rows: the table fits the pane as the plain table does (its status
    line kept, "+N more"), and the rows shown follow the selection down and back up."""
    with Pane(demo(tmp_path, speed="0.05"), 60, 10, env=env(tmp_path)) as pane:
        pane.wait_for("8 games ·", timeout=60)
        for _ in range(7):
            pane.send_keys("Down")
        screen = pane.wait_for("more")
        rows = screen.rstrip("\n").split("\n")
        assert len(rows) <= 10 and "8 games ·" in screen

        def selected() -> str:
            styled = [*pane.tmux, "capture-pane", "-e", "-p", "-t", pane.session]
            lines = subprocess.run(styled, capture_output=True, text=True).stdout.splitlines()
            return next((line for line in lines if REVERSE.search(line)), "")

        deadline = time.monotonic() + 30
        while not selected():
            assert time.monotonic() < deadline, pane.capture()
        low = selected()
        for _ in range(7):
            pane.send_keys("Up")
        deadline = time.monotonic() + 30
        while selected() == low or not selected():
            assert time.monotonic() < deadline, pane.capture()
        pane.send_keys("q")
        assert "EXIT=0" in pane.wait_for("EXIT=")


def test_warnings_go_to_the_footer_then_once_each_to_the_log(tmp_path: Path) -> None:
    """`watch nba --keys 2>watch.log`: a failing feed is said in the footer while the screen
    is up, nothing is written under it, and the log gets each message once, counted."""
    from livescore.sim.http import Response, serve
    from tests.helpers import Script, event, ok

    failing = Script([ok(event("1"))] + [Response(503, b"<html>busy</html>")] * 400)
    log = tmp_path / "watch.log"
    with serve(failing) as url:
        cmd = (f"{sys.executable} -m livescore watch nba --keys --espn-url {url} "
               f"--interval 0.1 2>{log}; echo EXIT=$?; sleep 60")  # fmt: skip
        with Pane(cmd, 100, 20, env=env(tmp_path)) as pane:
            pane.wait_for("HTTP 503", timeout=60)
            deadline = time.monotonic() + 30
            while len(failing.requests) < 4 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert log.read_text() == ""  # nothing while the screen is up
            pane.send_keys("q")
            assert "EXIT=0" in pane.wait_for("EXIT=")
    said = log.read_text().splitlines()
    assert said and all(line.startswith("livescore: warning: espn nba: HTTP 503") for line in said)
    assert len(said) == len(set(said)) and any("(×" in line for line in said), said
