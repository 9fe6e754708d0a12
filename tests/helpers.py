"""Builders for ESPN-shaped data the tests write themselves, and ways to run the real CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from livescore.core.model import Game, Team
from livescore.sim.http import Request, Response

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LIVESCORE_SHARED", ROOT.parent / "shared"))
ESPN_FIXTURES = SHARED / "fixtures" / "espn"
TIMELINE = SHARED / "fixtures" / "espn-timeline"
DETAIL = SHARED / "fixtures" / "espn-detail"
SKIP_SHARED = f"shared fixtures not found at {SHARED} (set LIVESCORE_SHARED to point at them)"


def competitor(
    side: str, abbr: str, score: Any = "0", name: str | None = None, **extra: Any
) -> dict[str, Any]:
    team = {"abbreviation": abbr, "displayName": name or f"Team {abbr}"}
    return {"homeAway": side, "score": score, "team": team, **extra}


def status(
    state: str = "in",
    name: str = "STATUS_IN_PROGRESS",
    short: str = "8:41 - 4th",
    clock: str = "8:41",
    period: int | None = 4,
    completed: bool = False,
    description: str = "In Progress",
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "clock": 521.0,
        "displayClock": clock,
        "type": {
            "id": "2",
            "name": name,
            "state": state,
            "completed": completed,
            "description": description,
            "detail": short,
            "shortDetail": short,
        },
    }
    if period is not None:
        out["period"] = period
    return out


def event(
    event_id: str = "401",
    home: tuple[str, Any] = ("BOS", "87"),
    away: tuple[str, Any] = ("PHI", "92"),
    st: dict[str, Any] | None = None,
    date: str = "2026-05-02T23:30Z",
    away_first: bool = True,
    **comp_extra: Any,
) -> dict[str, Any]:
    competitors = [competitor("home", *home), competitor("away", *away)]
    if away_first:
        competitors.reverse()
    st = st or status()
    return {
        "id": event_id,
        "date": date,
        "name": "x",
        "competitions": [{"id": event_id, "competitors": competitors, "status": st, **comp_extra}],
        "status": st,
    }


def board_json(*events: dict[str, Any]) -> bytes:
    return json.dumps({"leagues": [{"slug": "nba"}], "events": list(events)}).encode()


class Script:
    """An HTTP handler that answers with each response in turn, repeating the last one."""

    def __init__(self, responses: Sequence[Response]) -> None:
        self.responses = list(responses)
        self.requests: list[Request] = []
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        with self._lock:
            self.requests.append(request)
            index = min(len(self.requests), len(self.responses)) - 1
            return self.responses[index]


def ok(*events: dict[str, Any]) -> Response:
    return Response(200, board_json(*events))


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVESCORE_", "SPORTRIX_"))}
    env.update({"PYTHONUNBUFFERED": "1", "NO_COLOR": "1", "COLUMNS": "100"})
    # the scripted scoreboards answer requests in turn: no extra request for the previous
    # sports day, whatever the hour in New York (tests of the sports day set their clock)
    env["LIVESCORE_DAY_ENDS"] = "0"
    # never the config file of whoever runs the tests
    env["XDG_CONFIG_HOME"] = str(ROOT / "tests" / "no-config-here")
    env.update(extra)
    return env


def run_cli(
    *args: str, timeout: float = 30, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "livescore", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or cli_env(),
        stdin=subprocess.DEVNULL,
    )


def _as_from_a_terminal(then: Callable[[], None] | None) -> Callable[[], None]:
    """In the child before it starts: SIGINT back to its default, as a command typed in a
    terminal has it (a test runner started in the background, ``cmd &`` from a script,
    has it ignored, and so would every child: Ctrl-C tests would then fail); then
    ``then``."""

    def run() -> None:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if then is not None:
            then()

    return run


def popen_cli(
    *args: str, env: dict[str, str] | None = None, preexec: Callable[[], None] | None = None
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "livescore", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env or cli_env(),
        stdin=subprocess.DEVNULL,
        preexec_fn=_as_from_a_terminal(preexec),
    )


# A hostile upstream must not make livescore eat the machine: the tests of attacks run it
# under this limit of address space, so a regression fails there instead.
MEMORY_LIMIT = 2 * 1024 * 1024 * 1024


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def popen_bounded(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """``popen_cli`` under MEMORY_LIMIT."""
    return popen_cli(*args, env=env, preexec=_limit_memory)


def exit_time(proc: subprocess.Popen[str]) -> float:
    """SIGTERM, then how long the process took to exit (killed past 10 s). Its output is
    read by whoever reads it (``Lines``, ``Stderr``)."""
    proc.terminate()
    start = time.monotonic()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
    return time.monotonic() - start


def jsonl(text: str, feeds: bool = False) -> list[dict[str, Any]]:
    """The JSON lines in ``text``; game events only unless ``feeds``."""
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [x for x in lines if feeds or x.get("event") != "feed"]


def _stdout(proc: subprocess.Popen[str], timeout: float) -> Iterator[str]:
    """A running CLI's stdout, line by line (without the newline), until it ends or the
    deadline passes (checked between lines)."""
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            return
        yield line.rstrip("\n")


def read_lines(proc: subprocess.Popen[str], count: int, timeout: float = 30) -> list[str]:
    """Up to ``count`` lines (without their newline) from a running CLI's stdout."""
    out: list[str] = []
    for line in _stdout(proc, timeout):
        out.append(line)
        if len(out) == count:
            break
    return out


def read_json_lines(
    proc: subprocess.Popen[str], count: int, timeout: float = 20, feeds: bool = False
) -> list[dict]:
    """Read up to ``count`` JSON lines from a running CLI's stdout (fewer if it ends first);
    game events only, unless ``feeds`` (feed events are counted and kept too)."""
    out: list[dict] = []
    for line in _stdout(proc, timeout):
        item = json.loads(line)
        if feeds or item.get("event") != "feed":
            out.append(item)
            if len(out) == count:
                break
    return out


def stop(proc: subprocess.Popen[str]) -> str:
    """Stop a running CLI (SIGTERM); return what it wrote on stderr."""
    proc.terminate()
    _, err = proc.communicate(timeout=10)
    return err


def start_listening(
    argv: Sequence[str],
    env: dict[str, str] | None = None,
    stdout: int = subprocess.PIPE,
    preexec: Callable[[], None] | None = None,
) -> tuple[subprocess.Popen[str], str]:
    """Start a server that names its ws:// URL in its first line on stderr (as
    ``livescore serve --port 0`` does); return the process and that URL. ``preexec`` runs
    in the child before it starts (limits)."""
    proc = subprocess.Popen(
        list(argv),
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=env or cli_env(),
        preexec_fn=_as_from_a_terminal(preexec),
    )
    assert proc.stderr is not None
    before: list[str] = []  # warnings the server said before it listened (Stderr keeps them)
    found = None
    while found is None and len(before) < 10:
        line = proc.stderr.readline()
        found = re.search(r"ws://127\.0\.0\.1:\d+/", line)
        if found is None:
            before.append(line)
            if not line:
                break
    if not found:
        proc.kill()
        raise AssertionError(f"no ws:// URL in the server's first lines: {before!r}")
    proc.said_first = before  # type: ignore[attr-defined]
    return proc, found.group(0)


def start_bridge(
    *args: str,
    env: dict[str, str] | None = None,
    stdout: int = subprocess.PIPE,
    preexec: Callable[[], None] | None = None,
) -> tuple[subprocess.Popen[str], str]:
    """``livescore serve ARGS`` on a free port; the process and its ws:// URL."""
    argv = [sys.executable, "-m", "livescore", "serve", "--port", "0", *args]
    return start_listening(argv, env, stdout, preexec)


SPORTRIX_KEY = "sk_test_key_123456"


def sportrix_env(**extra: str) -> dict[str, str]:
    """The CLI's environment with a Sportrix key, and a REST URL where nothing listens."""
    return cli_env(
        SPORTRIX_API_KEY=SPORTRIX_KEY, SPORTRIX_API_URL="http://127.0.0.1:9/api", **extra
    )


FAILING_DNS = """
import socket
_real = socket.getaddrinfo
def _getaddrinfo(host, *args, **kwargs):
    if isinstance(host, (str, bytes)) and str(host).rstrip("'").endswith(".dnsfail"):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return _real(host, *args, **kwargs)
socket.getaddrinfo = _getaddrinfo
"""


def dns_failing(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The CLI's environment, with host names ending in .dnsfail failing to resolve."""
    (tmp_path / "sitecustomize.py").write_text(FAILING_DNS)
    return cli_env(PYTHONPATH=f"{tmp_path}{os.pathsep}{ROOT}", **extra)


def game(
    gid: str, home: int = 0, league: str = "nba", abbr: str = "BOS", name: str = "Home"
) -> Game:
    """A live NBA game as the board holds it (for tests of what comes after parsing)."""
    return Game(
        "espn",
        league,
        "basketball",
        gid,
        "in",
        "Q1",
        Team(name, abbr, home),
        Team("Away", "PHI", 0),
        1,
        "12:00",
    )


class Stderr:
    """Collects a running process's stderr in a thread, so a test can wait for a line to
    appear (with a generous deadline) instead of sleeping a fixed time."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stderr is not None
        self._stream = proc.stderr
        self.lines: list[str] = list(getattr(proc, "said_first", []))
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for line in self._stream:
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()

    def wait_for(self, text: str, timeout: float = 30, count: int = 1) -> bool:
        """True once ``count`` lines holding ``text`` have come; False at the deadline."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while sum(text in line for line in self.lines) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True

    @property
    def text(self) -> str:
        with self._changed:
            return "".join(self.lines)

    def finish(self, proc: subprocess.Popen[str], timeout: float = 10) -> str:
        """Stop the process (SIGTERM) and return all it wrote on stderr."""
        proc.terminate()
        proc.wait(timeout)
        self._thread.join(timeout)
        return self.text
