"""A real terminal for tests and benchmarks: a detached tmux pane running one command."""

from __future__ import annotations

import shutil
import subprocess
import time
from types import TracebackType

HAVE_TMUX = shutil.which("tmux") is not None


class Pane:
    """``with Pane(cmd, 100, 20) as pane:`` runs the shell command ``cmd`` in a fresh detached
    tmux session of that size (with ``env`` set), and kills it on the way out.

    Each pane has a tmux server of its own (``tmux -L``): on the shared default server, a
    session started just as the last one's exit stopped the server failed with "server
    exited unexpectedly". ``pane.tmux`` is the argv prefix that reaches it."""

    def __init__(
        self, cmd: str, width: int = 100, height: int = 20, env: dict[str, str] | None = None
    ) -> None:
        self.session = f"livescore-{time.monotonic_ns()}"
        self.tmux = ["tmux", "-L", self.session, "-f", "/dev/null"]
        settings = [arg for k, v in (env or {}).items() for arg in ("-e", f"{k}={v}")]
        size = ["-x", str(width), "-y", str(height)]
        self._argv = [*self.tmux, "new-session", "-d", "-s", self.session, *size, *settings, cmd]

    def __enter__(self) -> Pane:
        subprocess.run(self._argv, check=True)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        subprocess.run([*self.tmux, "kill-server"], check=False, capture_output=True)

    def capture(self) -> str:
        return subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.session], capture_output=True, text=True
        ).stdout

    def wait_for(self, text: str, timeout: float = 15) -> str:
        """The screen once ``text`` is on it; AssertionError with the screen if it never is."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared on screen:\n{screen}")

    def send_keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.session, *keys], check=True)

    def display(self, fmt: str) -> str:
        """A tmux format of this pane: ``#{history_size}``, ``#{pane_title}``..."""
        return subprocess.run(
            [*self.tmux, "display", "-p", "-t", self.session, fmt],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    def pid(self) -> int:
        """The process running in the pane."""
        return int(self.display("#{pane_pid}"))
