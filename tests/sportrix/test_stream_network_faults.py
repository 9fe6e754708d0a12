"""The Sportrix stream below WebSocket: DNS failure and a reset in the middle of a frame."""

from __future__ import annotations

from pathlib import Path

from websockets.asyncio.server import ServerConnection

from tests.helpers import SPORTRIX_KEY as KEY
from tests.helpers import (
    Stderr,
    dns_failing,
    popen_cli,
    read_json_lines,
    stop,
)
from tests.helpers import sportrix_env as env
from tests.wsserver import WsServer, frame, soccer


def test_dns_failure_on_the_stream_reconnects_and_never_shows_the_key(tmp_path: Path) -> None:
    environ = dns_failing(tmp_path, SPORTRIX_API_KEY=KEY)
    proc = popen_cli("stream", "1", "--stream-url", "wss://feed.dnsfail/v1/stream", env=environ)
    stderr = Stderr(proc)
    assert stderr.wait_for("reconnecting", count=2), stderr.text
    assert proc.poll() is None
    err = stderr.finish(proc)
    assert "sportrix: cannot connect: DNS lookup failed" in err and "reconnecting" in err
    assert KEY not in err and "Traceback" not in err


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
