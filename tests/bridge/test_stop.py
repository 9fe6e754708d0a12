"""Stopping the bridge: SIGTERM and Ctrl-C both close every client with 1001 and a reason
within a second, clients that never read included; SIGTERM exits 0, Ctrl-C 130."""

from __future__ import annotations

import asyncio
import signal
import socket
import time

import pytest
from websockets.asyncio.client import connect

from livescore.sim.http import serve
from tests.helpers import Script, event, ok, start_bridge


def _stuck_client(url: str) -> socket.socket:
    """A raw TCP client that does the WebSocket handshake and then never reads."""
    port = int(url.rsplit(":", 1)[1].strip("/"))
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.sendall(
        b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    return sock


@pytest.mark.parametrize(("sig", "exit_code"), [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
def test_a_stop_closes_every_client_with_1001_within_a_second(
    sig: signal.Signals, exit_code: int
) -> None:
    name = "A Very Long Team Name " * 300  # big frames: the stuck clients' buffers fill
    games = [event(str(i), home=("BOS", "1"), away=("PHI", "2")) for i in range(30)]
    for g in games:
        g["competitions"][0]["competitors"][0]["team"]["displayName"] = name
    with serve(Script([ok(*games)])) as espn:
        proc, url = start_bridge("nba", "--espn-url", espn)
        stuck = [_stuck_client(url) for _ in range(3)]

        async def main() -> tuple[list[int | None], list[str | None], float]:
            clients = [await connect(url, max_size=None) for _ in range(20)]
            for ws in clients:
                await ws.recv()  # connected and served

            async def read_to_the_end(ws: object) -> None:
                async for _ in ws:  # type: ignore[attr-defined]
                    pass

            readers = [asyncio.create_task(read_to_the_end(ws)) for ws in clients]
            await asyncio.sleep(0.5)  # let the readers catch up with the snapshots
            started = time.monotonic()
            proc.send_signal(sig)
            await asyncio.wait_for(asyncio.gather(*readers, return_exceptions=True), 5)
            took = time.monotonic() - started
            return [ws.close_code for ws in clients], [ws.close_reason for ws in clients], took

        codes, reasons, took = asyncio.run(main())
        proc.wait(5)
        for sock in stuck:
            sock.close()
    assert set(codes) == {1001}
    assert set(reasons) == {"livescore serve is stopping"}
    assert took < 1.5  # 1 s is the promise; the rest is this test's own scheduling
    assert proc.returncode == exit_code
