"""A real websockets server on 127.0.0.1 in a background thread, driven by a test's handler."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request, Response

Handler = Callable[["WsServer", ServerConnection, int], Awaitable[None]]


class WsServer:
    """Counts connections, keeps what clients sent, checks the key (401 otherwise)."""

    def __init__(self, handler: Handler, key: str | None = "sk_test_key_123456") -> None:
        self.handler = handler
        self.key = key
        self.connections = 0
        self.received: list[tuple[int, Any]] = []  # (connection number, decoded message)
        self.headers: list[dict[str, str]] = []
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Future[None] | None = None
        self._handlers: set[asyncio.Task[None]] = set()
        self.port = 0
        # a test may refuse a handshake: return a response to refuse, None to go on
        self.reject: Callable[[ServerConnection, Request], Response | None] | None = None
        self.thread = threading.Thread(target=self._main, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/v1/stream"

    def __enter__(self) -> WsServer:
        self.thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stop is not None:
            self.loop.call_soon_threadsafe(self._stop.set_result, None)
        self.thread.join(10)

    def _main(self) -> None:
        self.loop.run_until_complete(self._serve())

    def _check(self, connection: ServerConnection, request: Request) -> Response | None:
        self.headers.append({k.lower(): v for k, v in request.headers.raw_items()})
        if self.reject is not None:
            refused = self.reject(connection, request)
            if refused is not None:
                return refused
        if self.key is not None and request.headers.get("X-API-Key") != self.key:
            return connection.respond(401, "bad key\n")
        return None

    async def _handle(self, ws: ServerConnection) -> None:
        self.connections += 1
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            await self.handler(self, ws, self.connections)
        finally:
            self._handlers.discard(task)

    async def _serve(self) -> None:
        self._stop = self.loop.create_future()
        async with serve(self._handle, "127.0.0.1", 0, process_request=self._check) as server:
            self.port = server.sockets[0].getsockname()[1]
            self._ready.set()
            await self._stop
            for task in list(self._handlers):  # a handler that sleeps must not hold the exit
                task.cancel()
            for ws in list(server.connections):
                ws.transport.abort()

    async def subscriptions(self, ws: ServerConnection, number: int, count: int) -> list[int]:
        """Read ``count`` subscribe messages from a client."""
        ids = []
        while len(ids) < count:
            msg = json.loads(await ws.recv())
            self.received.append((number, msg))
            if msg.get("action") == "subscribe":
                ids.append(msg["match_id"])
        return ids


def soccer(match_id: int, home: int = 0, away: int = 0, minute: int = 10, **extra: Any) -> dict:
    data = {
        "v": 1,
        "match_id": match_id,
        "sport": "soccer",
        "competition": "Test League",
        "home": f"Home {match_id}",
        "away": f"Away {match_id}",
        "status": "live",
        "clock": {"minute": minute, "second": 0, "period": "1H", "running": True, "added": 0},
        "score": {"home": home, "away": away},
        "phase": {"vc": "1", "code": "1", "team": "home", "label": "Attack"},
        "stats": {"corners": {"home": 1, "away": 0}},
    }
    data.update(extra)
    return data


def frame(op: str, data: dict) -> str:
    return json.dumps({"op": op, "data": data})
