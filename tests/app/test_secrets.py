"""Secrets (the Sportrix key) never appear on any error path of any command."""

from __future__ import annotations

import time

from websockets.asyncio.server import ServerConnection

from tests.helpers import SPORTRIX_KEY as KEY
from tests.helpers import popen_cli
from tests.helpers import sportrix_env as env
from tests.wsserver import WsServer


def test_secret_never_in_any_error_path() -> None:
    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await ws.close()

    with WsServer(handler) as server:
        runs = [
            popen_cli(
                "stream", "1", "--stream-url", server.url + f"?key={KEY}", "--json", env=env()
            ),
            popen_cli("stream", "1", "--stream-url", "ws://127.0.0.1:9/", "--json", env=env()),
            popen_cli(
                "matches", "--live", "soccer", "--api-url", "http://127.0.0.1:9/api", env=env()
            ),
        ]
        time.sleep(4)
        texts = []
        for proc in runs:
            proc.terminate()
            out, err = proc.communicate(timeout=10)
            texts.append(out + err)
    assert all(KEY not in text for text in texts)
    assert all(text for text in texts)
