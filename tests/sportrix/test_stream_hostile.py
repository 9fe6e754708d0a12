"""The Sportrix stream against frames over the size limit and invalid UTF-8: a reconnect, not
the end of the run."""

from __future__ import annotations

from websockets.asyncio.server import ServerConnection

from tests.helpers import SPORTRIX_KEY as KEY
from tests.helpers import popen_cli, read_json_lines
from tests.helpers import sportrix_env as env
from tests.wsserver import WsServer, frame, soccer


def test_oversized_and_invalid_utf8_frames_cost_a_reconnect_not_the_run() -> None:
    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 1)
        await ws.send(frame("snapshot", soccer(1, home=n)))
        if n == 1:
            await ws.send("x" * (5 * 1024 * 1024))  # over the 4 MiB frame limit
        elif n == 2:
            ws.transport.write(b"\x81\x02\xff\xfe")  # a text frame that is not UTF-8
        await ws.wait_closed()

    with WsServer(handler) as server:
        proc = popen_cli("stream", "1", "--stream-url", server.url, "--json", env=env())
        lines = read_json_lines(proc, 3, timeout=30)
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert [x["home"]["score"] for x in lines] == [1, 2, 3]
    assert server.connections == 3
    assert "1009" in err or "too big" in err
    assert "1007" in err or "UTF-8" in err
    assert KEY not in err
