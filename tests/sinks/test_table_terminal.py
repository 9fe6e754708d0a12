"""The table sink in a real terminal (tmux): markup shown literally, Ctrl-C restores the
terminal."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from livescore.sim.http import serve
from tests.helpers import (
    Script,
    event,
    ok,
)
from tests.tmux import HAVE_TMUX, Pane

# on a terminal `watch` and `demo` are driven with keys unless --no-keys: both views are held
# to what the table promises
MODES = pytest.mark.parametrize("mode", ["", " --no-keys"], ids=["keys", "table"])  # both views


@MODES
def test_table_in_tmux_shows_markup_literally(mode: str) -> None:
    import sys

    if not HAVE_TMUX:
        pytest.skip("tmux is not installed")
    raw = event()
    raw["competitions"][0]["competitors"][0]["team"]["displayName"] = "[blink]Evil[/] \x1b[5mFC"
    with serve(Script([ok(raw)])) as url:
        cmd = f"{sys.executable} -m livescore watch nba{mode} --espn-url {url}; sleep 20"
        with Pane(cmd, 120, 15, env={"NO_COLOR": "1", "TERM": "xterm"}) as pane:
            screen = pane.wait_for("Evil")
    assert "[blink]Evil[/] FC" in screen


@pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")
@MODES
def test_table_in_a_real_terminal_and_ctrl_c_restores_it(tmp_path, mode: str) -> None:  # type: ignore[no-untyped-def]
    script = Script([ok(event("1"), event("2", home=("LAL", "3"), away=("GS", "4")))])
    with serve(script) as url:
        cmd = (
            f"{sys.executable} -m livescore watch nba{mode} --espn-url {url} --interval 0.2; "
            f"echo EXIT=$?; sleep 30"
        )
        with Pane(cmd, 100, 20, env={"NO_COLOR": "1", "TERM": "xterm"}) as pane:
            screen = pane.wait_for("Team LAL")
            assert "Team PHI" in screen and "8:41 - 4th" in screen
            assert "espn nba updated" in screen
            pane.send_keys("C-c")
            screen = pane.wait_for("EXIT=")
            assert "EXIT=130" in screen and "Traceback" not in screen


@pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")
@MODES
def test_the_final_frame_is_printed_without_the_screens_padding(mode: str) -> None:
    script = Script([ok(event("1"), event("2", home=("LAL", "3"), away=("GS", "4")))])
    with serve(script) as url:
        cmd = (
            f"{sys.executable} -m livescore watch nba{mode} --espn-url {url} --interval 0.2; "
            f"echo EXIT=$?; sleep 30"
        )
        with Pane(cmd, 120, 40, env={"NO_COLOR": "1", "TERM": "xterm"}) as pane:
            pane.wait_for("Team LAL")
            pane.send_keys("C-c")
            screen = pane.wait_for("EXIT=").splitlines()
    footer = next(i for i, line in enumerate(screen) if "espn nba updated" in line)
    assert screen[footer + 1].startswith("EXIT=130"), screen  # no blank lines in between


def _history(pane: Pane) -> int:
    return int(pane.display("#{history_size}"))


@pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")
@pytest.mark.parametrize(("width", "height"), [(80, 24), (40, 10)])
@MODES
def test_the_table_fits_the_pane_and_leaves_the_scrollback_alone(
    width: int, height: int, mode: str
) -> None:
    def slate(step: int) -> list[dict]:
        return [
            event(str(i), home=(f"H{i:02d}", str(i + step)), away=(f"A{i:02d}", "3"))
            for i in range(30)
        ]

    with serve(Script([ok(*slate(0)), ok(*slate(0)), ok(*slate(2))])) as url:
        cmd = (
            f"{sys.executable} -m livescore watch nba{mode} --espn-url {url} --interval 0.2; "
            f"echo EXIT=$?; sleep 30"
        )
        env = {"TERM": "xterm-256color", "LIVESCORE_DAY_ENDS": "0"}
        with Pane(cmd, width, height, env=env) as pane:
            screen = pane.wait_for("more")
            rows = screen.rstrip("\n").split("\n")
            assert rows[0].startswith("livescore")  # the title stays on the first row
            if rows[-1].startswith("↑↓ select"):  # the keys' footer, under the table's
                rows = rows[:-1]
            assert len(rows) <= height and "30 games" in rows[-1]
            games_shown = [r for r in rows[1:-2] if "@" in r]
            assert games_shown and all(("H" in r and "A" in r) for r in games_shown)
            assert f"+{30 - len(games_shown)} more" in screen
            for _ in range(5):  # redraws (the clock ticks, polls come) add nothing to it
                pane.wait_for("livescore")
            assert _history(pane) == 0
            resize = [*pane.tmux, "resize-window", "-t", pane.session, "-x", "100", "-y", "45"]
            subprocess.run(resize, check=True)
            screen = pane.wait_for("Team H29")  # 100x45: all 30 games, with names, at once
            assert "more" not in screen and _history(pane) == 0
            pane.send_keys("C-c")
            screen = pane.wait_for("EXIT=")
            assert "EXIT=130" in screen and "Traceback" not in screen


@pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")
@MODES
def test_failures_go_to_the_footer_and_once_to_stderr_at_exit(tmp_path, mode: str) -> None:  # type: ignore[no-untyped-def]
    """While the table is up nothing is printed over it: the footer says what fails; at exit
    stderr gets each message once, with a count."""
    from livescore.sim.http import Response

    failing = Script([ok(event("1"))] + [Response(503, b"<html>busy</html>")] * 400)
    err = tmp_path / "err"
    with serve(failing) as url:
        cmd = (
            f"{sys.executable} -m livescore watch nba{mode} --espn-url {url} --interval 0.1 "
            f"2> {err}; echo EXIT=$?; sleep 30"
        )
        env = {"TERM": "xterm-256color", "LIVESCORE_DAY_ENDS": "0"}
        with Pane(cmd, 100, 20, env=env) as pane:
            screen = pane.wait_for("STALE")
            assert screen.startswith("livescore") and "HTTP 503" in screen
            assert err.read_text() == ""  # nothing on stderr while the table is up
            assert _history(pane) == 0
            deadline = time.monotonic() + 30
            while len(failing.requests) < 4 and time.monotonic() < deadline:
                time.sleep(0.1)  # the 4th request comes after 2 failures were reported
            assert err.read_text() == ""
            pane.send_keys("C-c")
            pane.wait_for("EXIT=")
    said = err.read_text().splitlines()
    assert said and all(line.startswith("livescore: warning: espn nba: HTTP 503") for line in said)
    assert len(said) == len(set(said))  # each message once
    assert any("(×" in line for line in said)  # with how often it came


@pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")
@MODES
def test_the_window_title_names_the_leagues_or_the_one_followed_game(mode: str) -> None:
    games = ok(event("1"), event("2", home=("LAL", "3"), away=("GS", "4")))
    with serve(Script([games])) as url:
        base = f"{sys.executable} -m livescore watch nba{mode} --espn-url {url} --interval 0.2"
        env = {"TERM": "xterm-256color", "LIVESCORE_DAY_ENDS": "0"}
        with Pane(f"{base}; sleep 30", 100, 20, env=env) as pane:
            pane.wait_for("Team LAL")
            assert _title(pane) == "livescore · NBA"
        with Pane(f"{base} --team LAL; sleep 30", 100, 20, env=env) as pane:
            pane.wait_for("Team LAL")
            assert _title(pane) == "GS 4 @ LAL 3 · 8:41 - 4th"


def _title(pane: Pane) -> str:
    deadline = time.monotonic() + 15
    title = ""
    while time.monotonic() < deadline:
        title = pane.display("#{pane_title}")
        if title.startswith(("livescore", "GS")):
            return title
        time.sleep(0.1)
    return title


def _running(pane: Pane) -> bool:
    """livescore's own code runs: its event loop is up (the loop's first socket is open),
    the screen not yet set up. Earlier, an interrupt falls in Python's own start-up."""
    pid = pane.pid()
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for child in children.read_text().split() if children.is_file() else ():
        with contextlib.suppress(OSError):  # it may be gone already
            fds = Path(f"/proc/{child}/fd")
            if any(os.readlink(fd).startswith("socket:") for fd in fds.iterdir()):
                return True
    return False


def _switched(pane: Pane) -> bool:
    """The terminal is on the alternate screen: the table has just set it up."""
    return pane.display("#{alternate_on}") == "1"


@pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")
@pytest.mark.parametrize("moment", [_running, _switched], ids=["running", "switching"])
@MODES
def test_ctrl_c_at_any_moment_gives_the_terminal_back(
    moment: Callable[[Pane], bool], mode: str
) -> None:
    """Ctrl-C at the riskiest moments of the start: the normal screen and the cursor are back
    (checked in tmux's own state of the pane), the exit is 130, with no traceback."""
    for _ in range(3):
        # the shell traps INT, so it outlives a livescore that dies of it and says how it ended
        cmd = f"trap true INT; {sys.executable} -m livescore demo{mode}; echo EXIT=$?; sleep 30"
        with Pane(cmd, 100, 30, env={"TERM": "xterm-256color"}) as pane:
            deadline = time.monotonic() + 20
            while not moment(pane):  # polled as fast as tmux answers
                assert time.monotonic() < deadline, "the moment never came"
            pane.send_keys("C-c")
            screen = pane.wait_for("EXIT=")
            assert "EXIT=130" in screen and "Traceback" not in screen, screen
            assert pane.display("#{alternate_on}") == "0", screen
            assert pane.display("#{cursor_flag}") == "1", screen


@pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")
@pytest.mark.parametrize("end", ["raise SystemExit(3)", "raise KeyboardInterrupt"])
def test_a_screen_never_stopped_is_given_back_at_exit(end: str) -> None:
    """Whatever ends the process before the run's own clean-up (an error, an interrupt
    outside the event loop), the screen set up is undone as the interpreter exits."""
    code = (
        "from rich.console import Console; from livescore.sinks.screen import Screen; "
        "import sys; c = Console(force_terminal=True); s = Screen(c, sys.stdout); s.start(); "
        f"s.draw(lambda w, h: 'DRAWN'); sys.stdout.flush(); {end}"
    )
    cmd = f'trap true INT; {sys.executable} -c "{code}"; echo EXIT=$?; sleep 30'
    with Pane(cmd, 80, 10, env={"TERM": "xterm-256color"}) as pane:
        pane.wait_for("EXIT=")
        assert pane.display("#{alternate_on}") == "0"
        assert pane.display("#{cursor_flag}") == "1"


@pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")
@pytest.mark.parametrize(("width", "height"), [(80, 24), (120, 40)])
@MODES
def test_the_demo_keeps_one_layout_from_its_first_full_frame_to_the_end(
    width: int, height: int, mode: str
) -> None:
    """Once every game is on the board, the columns stay where they are (scores reaching the
    hundreds, cricket's wickets, longer statuses), to the final frame."""
    cmd = f"{sys.executable} -m livescore demo{mode} --speed 10; echo EXIT=$?; sleep 30"
    with Pane(cmd, width, height, env={"TERM": "xterm-256color"}) as pane:
        pane.wait_for("8 games")
        headers: set[str] = set()
        screen = ""
        deadline = time.monotonic() + 90
        while "EXIT=" not in screen:
            assert time.monotonic() < deadline, screen
            screen = pane.capture()
            headers |= {line for line in screen.splitlines() if line.rstrip().endswith("Status")}
    assert "EXIT=0" in screen
    assert len(headers) == 1, headers


@pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")
@pytest.mark.parametrize(("width", "height"), [(100, 30), (60, 15)])
def test_a_game_in_full_fits_the_pane_and_ends_at_its_final(width: int, height: int) -> None:
    """``game`` (here against the demo's simulator) on a real terminal: the detail view on
    the full screen, never taller than the pane, updated until the final, which is printed
    back on the normal screen."""
    cmd = f"{sys.executable} -m livescore demo --game BOS --speed 8; echo EXIT=$?; sleep 30"
    with Pane(cmd, width, height, env={"TERM": "xterm-256color"}) as pane:
        screen = pane.wait_for("Scoring", timeout=30)
        rows = screen.rstrip("\n").split("\n")
        assert len(rows) <= height and rows[0].startswith(("BOS", "NY"))
        assert "espn detail nba updated" in rows[-1]
        screen = pane.wait_for("EXIT=", timeout=60)
        history = [*pane.tmux, "capture-pane", "-p", "-S", "-", "-t", pane.session]
        printed = subprocess.run(history, capture_output=True, text=True).stdout
        assert "EXIT=0" in screen and "Traceback" not in printed
        assert "Final" in printed  # the final frame, printed back (its head may scroll)
        assert pane.display("#{alternate_on}") == "0"
