"""Faults below HTTP and WebSocket: DNS failure, resets in the middle of a body or a frame,
bodies over the size limit. The real CLI against servers on 127.0.0.1; DNS is failed
in the CLI process itself (a sitecustomize that makes one made-up domain not resolve),
since a test may not ask a real resolver."""

from __future__ import annotations

import os
import time
from pathlib import Path

from websockets.asyncio.server import ServerConnection

from livescore.sim.http import Response, serve
from tests.helpers import (
    ROOT,
    Script,
    cli_env,
    event,
    ok,
    popen_cli,
    read_json_lines,
    run_cli,
    stop,
)
from tests.test_stream import KEY, env
from tests.wsserver import WsServer, frame, soccer

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
    (tmp_path / "sitecustomize.py").write_text(FAILING_DNS)
    return cli_env(PYTHONPATH=f"{tmp_path}{os.pathsep}{ROOT}", **extra)


def test_dns_failure_is_a_warning_while_watching_and_exit_1_with_once(tmp_path: Path) -> None:
    environ = dns_failing(tmp_path)
    proc = popen_cli("watch", "nba", "--espn-url", "http://espn.dnsfail", "--json", env=environ)
    time.sleep(3)
    assert proc.poll() is None, "watch must keep running through DNS failures"
    err = stop(proc)
    assert "livescore: warning: espn nba: cannot reach espn.dnsfail: DNS lookup failed" in err
    assert "retrying in" in err and "Traceback" not in err
    once = run_cli(
        "watch", "nba", "--espn-url", "http://espn.dnsfail", "--once", env=environ, timeout=60
    )
    assert once.returncode == 1 and once.stdout == ""
    assert once.stderr.splitlines()[-1].startswith("livescore: error: espn nba: cannot reach")


def test_dns_failure_on_the_stream_reconnects_and_never_shows_the_key(tmp_path: Path) -> None:
    environ = dns_failing(tmp_path, SPORTRIX_API_KEY=KEY)
    proc = popen_cli("stream", "1", "--stream-url", "wss://feed.dnsfail/v1/stream", env=environ)
    time.sleep(3)
    assert proc.poll() is None
    err = stop(proc)
    assert "sportrix: cannot connect: DNS lookup failed" in err and "reconnecting" in err
    assert KEY not in err and "Traceback" not in err


def test_reset_in_the_middle_of_an_espn_body_is_a_warning() -> None:
    body = ok(event(home=("BOS", "99"))).body
    script = Script([ok(event()), Response(200, body, cut_after=len(body) // 2), ok(event())])
    script.responses.append(ok(event(home=("BOS", "90"))))
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json")
        lines = read_json_lines(proc, 2)
        err = stop(proc)
    assert [(x["event"], x["home"]["score"]) for x in lines] == [("snapshot", 87), ("score", 90)]
    assert "livescore: warning: espn nba: cannot reach 127.0.0.1" in err
    assert "Traceback" not in err


def test_body_over_the_size_limit_is_refused_with_a_warning() -> None:
    huge = b'{"events": [], "padding": "' + b"x" * (33 * 1024 * 1024) + b'"}'
    script = Script([ok(event()), Response(200, huge), ok(event(home=("BOS", "90")))])
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json")
        lines = read_json_lines(proc, 2, timeout=30)
        err = stop(proc)
    assert [x["home"]["score"] for x in lines] == [87, 90]
    assert "response larger than 32 MB" in err and "Traceback" not in err


def test_reset_in_the_middle_of_a_websocket_frame_reconnects_and_resyncs() -> None:
    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 1)
        await ws.send(frame("snapshot", soccer(1, home=n)))
        if n == 1:
            text = frame("update", soccer(1, home=7)).encode()
            # a text frame announcing its full length, cut halfway, then a reset
            ws.transport.write(b"\x81\x7e" + len(text).to_bytes(2) + text[: len(text) // 2])
            ws.transport.abort()
            return
        await ws.wait_closed()

    with WsServer(handler) as server:
        proc = popen_cli("stream", "1", "--stream-url", server.url, "--json", env=env())
        lines = read_json_lines(proc, 2, timeout=30)
        err = stop(proc)
    assert [(x["event"], x["home"]["score"]) for x in lines] == [("snapshot", 1), ("snapshot", 2)]
    assert lines[1].get("resync") is True
    assert "sportrix: connection lost" in err and "reconnecting" in err
    assert "Traceback" not in err and KEY not in err
