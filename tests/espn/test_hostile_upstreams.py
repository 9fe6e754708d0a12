"""Servers livescore talks to that are broken, compromised or malicious: gzip bombs, JSON
nested past Python's limit, a patch that copies the document into itself, a body trickled
a byte at a time, redirects and checkpoint URLs to other hosts. Each attack is a warning
(and a `feed` event) while livescore keeps running on what it had, within 200 MB, and it
stops within a second of SIGTERM. livescore runs under a memory limit (tests/helpers.py)."""

from __future__ import annotations

import json
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from livescore.sim.fastcast import FastcastSim
from livescore.sim.http import Request, Response, serve
from tests.helpers import (
    Script,
    Stderr,
    event,
    exit_time,
    ok,
    popen_bounded,
    read_json_lines,
    run_cli,
    sportrix_env,
)
from tests.procstat import peak_rss_mb

MB = 1024 * 1024
NBA = "scoreboard-basketball-nba"
DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """256 MB of zeros, gzipped to about 250 KB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MB)
    out = [packer.compress(zeros) for _ in range(256)]
    out.append(packer.flush())
    return b"".join(out)


def bomb(body: bytes) -> Response:
    return Response(200, body, {"Content-Type": "application/json", "Content-Encoding": "gzip"})


class Lines:
    """A running CLI's JSON lines, read in a thread as they come."""

    def __init__(self, proc: Any) -> None:
        self.lines: list[dict[str, Any]] = []
        self._thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self._thread.start()

    def _read(self, proc: Any) -> None:
        for line in proc.stdout:
            self.lines.append(json.loads(line))

    def push(self) -> list[dict[str, Any]]:
        return [x for x in list(self.lines) if x.get("feed") == "espn push"]

    def games(self) -> list[dict[str, Any]]:
        return [x for x in list(self.lines) if x.get("event") != "feed"]


def wait(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never came"
        time.sleep(0.05)


@pytest.fixture
def sim() -> Iterator[tuple[FastcastSim, str]]:
    fastcast = FastcastSim(speed=4, tick=0.2, hbi=3.0)
    with fastcast.running() as url:
        yield fastcast, url


def watch_push(url: str) -> tuple[Any, Lines, Stderr]:
    proc = popen_bounded(
        "watch", "nba", "--push", "--fastcast-url", url, "--espn-url", url, "--json",
        "--interval", "0.5",
    )  # fmt: skip
    return proc, Lines(proc), Stderr(proc)


def _checkpoint(request: Request) -> bool:
    return request.path.endswith("/checkpoint")


@pytest.mark.parametrize("attack", ["deep", "bomb"])
def test_a_hostile_checkpoint_falls_back_to_polling(
    sim: tuple[FastcastSim, str], attack: str, gzip_bomb: bytes
) -> None:
    fastcast, url = sim
    hostile = Response(200, DEEP) if attack == "deep" else bomb(gzip_bomb)
    fastcast.http_fault = lambda r: hostile if _checkpoint(r) else None
    proc, seen, err = watch_push(url)
    try:
        wait(lambda: any(x["state"] == "stale" for x in seen.push()))
        count = len(seen.games())
        wait(lambda: len(seen.games()) > count)  # polling goes on
        peak = peak_rss_mb(proc.pid)
    finally:
        took = exit_time(proc)
    stale = next(x for x in seen.push() if x["state"] == "stale")
    said = "a checkpoint that is not JSON" if attack == "deep" else "larger than 8 MB"
    assert said in stale["error"]
    assert peak < 200, peak
    assert took < 1.0 and proc.returncode == 0
    assert "Traceback" not in err.text and "internal error" not in err.text


def test_a_discovery_gzip_bomb_falls_back_to_polling(
    sim: tuple[FastcastSim, str], gzip_bomb: bytes
) -> None:
    fastcast, url = sim
    hostile = bomb(gzip_bomb)
    fastcast.http_fault = lambda r: hostile if r.path == "/public/websockethost" else None
    proc, seen, err = watch_push(url)
    try:
        wait(lambda: any(x["state"] == "stale" for x in seen.push()))
        wait(lambda: len(seen.games()) > 0)
        peak = peak_rss_mb(proc.pid)
    finally:
        took = exit_time(proc)
    stale = next(x for x in seen.push() if x["state"] == "stale")
    assert "discovery failed: response larger than 64 KB" in stale["error"]
    assert peak < 200, peak
    assert took < 1.0
    assert "Traceback" not in err.text


def test_a_patch_that_copies_the_document_into_itself(sim: tuple[FastcastSim, str]) -> None:
    """Once: the checkpoint again, push goes on. Twice in a row: push is given up for
    polling. Neither takes memory or blocks the loop."""
    fastcast, url = sim
    doubling = [{"op": "copy", "from": "/events", "path": "/events/-"}] * 40
    proc, seen, err = watch_push(url)
    try:
        wait(lambda: len(fastcast.connections) == 1 and len(seen.games()) > 0)
        wait(lambda: fastcast.checkpoints_served > 0)
        served = fastcast.checkpoints_served
        fastcast.inject_next(doubling, topic=NBA)
        wait(lambda: fastcast.checkpoints_served > served)  # the checkpoint again...
        frames = fastcast.sent_frames
        wait(lambda: fastcast.sent_frames > frames + 5)  # ...and push goes on
        assert seen.push() == []
        count = len(seen.games())
        fastcast.inject_next(doubling, times=3, topic=NBA)
        wait(lambda: any(x["state"] == "stale" for x in seen.push()))
        wait(lambda: len(seen.games()) > count)
        peak = peak_rss_mb(proc.pid)
    finally:
        took = exit_time(proc)
    stale = next(x for x in seen.push() if x["state"] == "stale")
    assert "grows the document past" in stale["error"] and "again" in stale["error"]
    assert peak < 200, peak
    assert took < 1.0
    assert "Traceback" not in err.text


def test_a_checkpoint_on_another_host_is_not_fetched(sim: tuple[FastcastSim, str]) -> None:
    fastcast, url = sim
    asked: list[str] = []

    def elsewhere(request: Request) -> Response:
        asked.append(request.path)
        return Response(200, b"{}")

    with serve(elsewhere, host="127.0.0.2") as other:
        fastcast.checkpoint_base = other
        proc, seen, err = watch_push(url)
        try:
            wait(lambda: any(x["state"] == "stale" for x in seen.push()))
            wait(lambda: len(seen.games()) > 0)
        finally:
            exit_time(proc)
    stale = next(x for x in seen.push() if x["state"] == "stale")
    assert "a checkpoint on an unexpected host (127.0.0.2)" in stale["error"]
    assert asked == []
    assert "Traceback" not in err.text


def test_a_redirect_to_another_host_is_refused_and_one_to_the_same_host_followed() -> None:
    asked: list[str] = []

    def elsewhere(request: Request) -> Response:
        asked.append(request.path)
        return ok(event())

    with serve(elsewhere, host="127.0.0.2") as other:
        moved: dict[str, str] = {}

        def home(request: Request) -> Response:
            if request.path.startswith("/moved"):
                return ok(event(home=("BOS", "90")))
            target = moved["to"] + request.path
            return Response(302, b"", {"Location": target})

        with serve(home) as url:
            moved["to"] = other
            result = run_cli("watch", "nba", "--espn-url", url, "--once", "--json", timeout=30)
            moved["to"] = url + "/moved"
            same = run_cli("watch", "nba", "--espn-url", url, "--once", "--json", timeout=30)
    assert result.returncode == 1
    assert "redirected to another host (127.0.0.2): not followed" in result.stderr
    assert "Traceback" not in result.stderr
    assert asked == []
    assert same.returncode == 0, same.stderr
    assert json.loads(same.stdout.splitlines()[0])["home"]["score"] == 90


def test_a_body_trickled_byte_by_byte_is_cut_at_the_timeout() -> None:
    slow = ok(event(home=("BOS", "90")))
    slow.trickle = 0.2
    script = Script([ok(event()), slow, ok(event(home=("BOS", "91")))])
    with serve(script) as url:
        proc = popen_bounded(
            "watch", "nba", "--espn-url", url, "--interval", "0.1", "--timeout", "1", "--json"
        )
        err = Stderr(proc)
        try:
            lines = read_json_lines(proc, 4, timeout=30, feeds=True)
        finally:
            took = exit_time(proc)
    assert [(x["event"], x.get("state")) for x in lines] == [
        ("snapshot", "in"),
        ("feed", "stale"),
        ("feed", "ok"),
        ("score", "in"),
    ]
    assert lines[1]["error"].endswith("timed out after 1s")
    assert lines[3]["home"]["score"] == 91
    assert took < 1.0
    assert "timed out after 1s" in err.text


def test_a_sportrix_rest_gzip_bomb_is_a_clear_error(gzip_bomb: bytes) -> None:
    hostile = bomb(gzip_bomb)
    with serve(lambda r: hostile) as url:
        result = run_cli(
            "matches", "--live", "soccer", "--api-url", url, env=sportrix_env(), timeout=60
        )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("livescore: error:") and "larger than 4 MB" in lines[-1]
    assert "Traceback" not in result.stderr
