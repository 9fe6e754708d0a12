"""Builders for ESPN-shaped data the tests write themselves, and ways to run the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from livescore.sim.http import Request, Response

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LIVESCORE_SHARED", ROOT.parent / "shared"))
ESPN_FIXTURES = SHARED / "fixtures" / "espn"
TIMELINE = SHARED / "fixtures" / "espn-timeline"
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


def popen_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "livescore", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env or cli_env(),
        stdin=subprocess.DEVNULL,
    )


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
