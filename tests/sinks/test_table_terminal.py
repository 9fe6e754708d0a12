"""The table sink in a real terminal (tmux): markup shown literally, Ctrl-C restores the
terminal."""

from __future__ import annotations

import sys

import pytest

from livescore.sim.http import serve
from tests.helpers import (
    Script,
    event,
    ok,
)
from tests.tmux import HAVE_TMUX, Pane


def test_table_in_tmux_shows_markup_literally() -> None:
    import sys

    if not HAVE_TMUX:
        pytest.skip("tmux is not installed")
    raw = event()
    raw["competitions"][0]["competitors"][0]["team"]["displayName"] = "[blink]Evil[/] \x1b[5mFC"
    with serve(Script([ok(raw)])) as url:
        cmd = f"{sys.executable} -m livescore watch nba --espn-url {url}; sleep 20"
        with Pane(cmd, 120, 15, env={"NO_COLOR": "1", "TERM": "xterm"}) as pane:
            screen = pane.wait_for("Evil")
    assert "[blink]Evil[/] FC" in screen


@pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")
def test_table_in_a_real_terminal_and_ctrl_c_restores_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    script = Script([ok(event("1"), event("2", home=("LAL", "3"), away=("GS", "4")))])
    with serve(script) as url:
        cmd = (
            f"{sys.executable} -m livescore watch nba --espn-url {url} --interval 0.2; "
            f"echo EXIT=$?; sleep 30"
        )
        with Pane(cmd, 100, 20, env={"NO_COLOR": "1", "TERM": "xterm"}) as pane:
            screen = pane.wait_for("Team LAL")
            assert "League" in screen and "Team PHI" in screen and "8:41 - 4th" in screen
            assert "espn nba updated" in screen
            pane.send_keys("C-c")
            screen = pane.wait_for("EXIT=")
            assert "EXIT=130" in screen and "Traceback" not in screen
