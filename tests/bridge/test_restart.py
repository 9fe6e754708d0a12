"""A bridge stopped with SIGTERM and started again on the same port, while a resuming raw
client and `livescore tail` follow it: both end with exactly the view a fresh client gets,
and the resuming client never sees a silent gap."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import sys

from websockets.asyncio.client import connect

from livescore.sim.http import serve
from tests.followers import ResumingClient, Slate, TailView, View, apply, wait_until
from tests.helpers import cli_env, popen_cli


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _bridge(port: int, espn: str) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "livescore", "serve", "nba", "--port", str(port)]
    proc = subprocess.Popen(
        [*argv, "--espn-url", espn, "--interval", "0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    assert proc.stderr is not None
    assert "serving ws://" in proc.stderr.readline()
    return proc


def fresh_view(url: str) -> View:
    async def main() -> View:
        view: View = {}
        async with connect(url) as ws:
            while len(view) < 3:
                apply(view, json.loads(await ws.recv()))
        return view

    return asyncio.run(main())


def test_views_after_a_sigterm_restart_match_a_fresh_client() -> None:
    slate = Slate()
    port = _free_port()
    url = f"ws://127.0.0.1:{port}/"
    with serve(slate) as espn:
        bridge = _bridge(port, espn)
        tail = TailView(popen_cli("tail", url, "--json"))
        with ResumingClient(url) as raw:
            for _ in range(5):
                slate.advance()
                assert wait_until(lambda: raw.view == tail.view == slate.expected())
            bridge.send_signal(signal.SIGTERM)
            assert bridge.wait(5) == 0
            slate.advance()  # the score moves on while the bridge is down
            bridge = _bridge(port, espn)
            for _ in range(3):
                slate.advance()
                assert wait_until(lambda: raw.view == tail.view == slate.expected()), (
                    raw.view,
                    tail.view,
                    slate.expected(),
                )
            fresh = fresh_view(url)
        tail.proc.terminate()
        tail.proc.wait(10)
        bridge.terminate()
        bridge.wait(10)
    assert fresh == raw.view == tail.view == slate.expected()
    assert raw.gaps == 0 and raw.connections >= 2
    states = [(f["feed"], f["state"]) for f in tail.feeds]
    assert states[-1] == ("bridge 127.0.0.1:" + str(port), "ok")  # the link is back
