"""Secrets (the Sportrix key) never appear on any error path of any command."""

from __future__ import annotations

from websockets.asyncio.server import ServerConnection

from tests.helpers import SPORTRIX_KEY as KEY
from tests.helpers import Stderr, popen_cli
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
        errs = [Stderr(proc) for proc in runs]
        # wait for what each one says on its error path, not for a fixed time
        assert errs[0].wait_for("reconnecting") and errs[1].wait_for("reconnecting")
        assert errs[2].wait_for("livescore: error:", timeout=60)
        texts = []
        for proc, err in zip(runs, errs, strict=True):
            said = err.finish(proc)
            assert proc.stdout is not None
            texts.append(proc.stdout.read() + said)
    assert all(KEY not in text for text in texts)
    assert all(text for text in texts)
