"""Clients that follow a bridge the way third-party bots do, for tests and benches: each
keeps a view of every game (scores and state) and counts what would be a silent gap."""

from __future__ import annotations

import asyncio
import json
import subprocess
import threading
import time
from typing import Any

from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

from livescore.sim.http import Request, Response
from tests.helpers import board_json, event

View = dict[str, tuple[Any, Any, Any]]  # game id → (home score, away score, state)


def apply(view: View, event: dict[str, Any]) -> None:
    if event.get("event") in ("snapshot", "score", "status", "clock"):
        view[event["id"]] = (event["home"]["score"], event["away"]["score"], event["state"])


class ResumingClient:
    """A raw websockets client in a thread: keeps (seq, epoch), resumes with
    ``?since=SEQ&epoch=E`` after every drop, and counts gaps: a jump in seq within one
    epoch that no resync explains."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.view: View = {}
        self.seq: int | None = None
        self.epoch: str | None = None
        self.gaps = 0
        self.connections = 0
        self.events = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def __enter__(self) -> ResumingClient:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(10)

    async def _run(self) -> None:
        while not self._stop.is_set():
            query = f"?since={self.seq}&epoch={self.epoch}" if self.seq is not None else ""
            try:
                async with connect(self.url + query, open_timeout=5) as ws:
                    self.connections += 1
                    while not self._stop.is_set():
                        try:
                            frame = await asyncio.wait_for(ws.recv(), 0.2)
                        except TimeoutError:
                            continue
                        self._take(json.loads(frame))
            except (OSError, WebSocketException, TimeoutError):
                await asyncio.sleep(0.2)

    def _take(self, event: dict[str, Any]) -> None:
        if event["event"] == "error":
            return
        if event.get("epoch") != self.epoch:
            self.epoch, self.seq = event.get("epoch"), None
        is_game = event["event"] not in ("feed",)
        if is_game:
            self.events += 1
            if (
                self.seq is not None
                and event["event"] != "snapshot"
                and event["seq"] > self.seq + 1
            ):
                self.gaps += 1
            if self.seq is not None and event["seq"] < self.seq:
                self.gaps += 1  # a position that went backwards
        apply(self.view, event)
        self.seq = event["seq"] if self.seq is None else max(self.seq, event["seq"])


class TailView:
    """``livescore tail URL --json`` in a subprocess; its output read into a view."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.view: View = {}
        self.feeds: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            event = json.loads(line)
            self.events.append(event)
            if event["event"] == "feed":
                self.feeds.append(event)
            apply(self.view, event)


def wait_until(condition: Any, timeout: float = 30, every: float = 0.05) -> bool:
    """Poll ``condition()`` until it is true or the deadline passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return bool(condition())


class Slate:
    """Three live games whose scores the test moves on."""

    def __init__(self) -> None:
        self.step = 0
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        with self.lock:
            n = self.step
        games = [
            event(str(i), home=("H" + str(i), str(n * (i + 1))), away=("A" + str(i), str(n)))
            for i in range(3)
        ]
        return Response(200, board_json(*games))

    def advance(self) -> None:
        with self.lock:
            self.step += 1

    def expected(self) -> View:
        return {str(i): (self.step * (i + 1), self.step, "in") for i in range(3)}
