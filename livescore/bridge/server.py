"""`livescore serve`: one upstream, broadcast to any number of local WebSocket clients.

Wire contract (README "The bridge"): each text frame is one JSON lines v1 object; a new
client first gets a ``snapshot`` for every current game, then changes in ``seq`` order.
Query: ``since=SEQ``, ``league=``, ``team=`` (repeatable), ``token=``. ``GET /healthz``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from livescore.board import Board
from livescore.bridge.hub import Client, Hub
from livescore.health import Health
from livescore.model import Event
from livescore.teams import GameFilter
from livescore.timefmt import iso_ms

PING_INTERVAL = 20.0
PING_TIMEOUT = 20.0
DIRECT_LIMIT = 64 * 1024  # bytes a client may have unsent before its events queue instead


class BridgeSink:
    """The pipeline's sink for `serve`: every event goes to the hub."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        self.hub.health = health
        self.hub.publish(events)

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        self.hub.health = health

    def close(self, board: Board, health: Health, now: datetime) -> None:
        pass


def health_body(hub: Hub) -> dict[str, Any]:
    health = hub.health
    last = health.last_ok
    if not health.feeds:
        status = "starting"
    elif health.stale:
        status = "stale"
    else:
        status = "ok"
    return {
        "status": status,
        "last_update": iso_ms(last) if last else None,
        "clients": len(hub.clients),
        "games": len(hub.latest),
        "seq": hub.seq,
        "feeds": [
            {
                "feed": f.feed,
                "last_ok": iso_ms(f.last_ok) if f.last_ok else None,
                "error": f.error,
            }
            for f in sorted(health.feeds.values(), key=lambda f: f.feed)
        ],
    }


class BridgeServer:
    def __init__(self, hub: Hub, token: str | None = None) -> None:
        self.hub = hub
        self.token = token

    def _process(self, connection: ServerConnection, request: Request) -> Response | None:
        parts = urlsplit(request.path)
        if parts.path.rstrip("/") == "/healthz":
            response = connection.respond(200, json.dumps(health_body(self.hub)) + "\n")
            del response.headers["Content-Type"]
            response.headers["Content-Type"] = "application/json"
            return response
        if self.token is not None and not self._authorised(request, parse_qs(parts.query)):
            return connection.respond(401, "a valid token is required\n")
        return None

    def _authorised(self, request: Request, query: dict[str, list[str]]) -> bool:
        assert self.token is not None
        given = (query.get("token") or [""])[0]
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            given = header[7:].strip()
        return bool(given) and hmac.compare_digest(given.encode(), self.token.encode())

    async def _handle(self, ws: ServerConnection) -> None:
        assert ws.request is not None
        query = parse_qs(urlsplit(ws.request.path).query)
        since = _since((query.get("since") or [""])[0])
        flt = GameFilter.of(query.get("league", []), query.get("team", []))
        client = self.hub.attach(flt, since)
        client.direct = _direct_writer(ws, client)
        sender = asyncio.create_task(_send(ws, client))
        try:
            async for message in ws:
                self._control(client, message)
        except ConnectionClosed:
            pass
        finally:
            self.hub.detach(client)
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                await sender

    def _control(self, client: Client, message: str | bytes) -> None:
        """``{"action": "subscribe", "league": [...], "team": [...]}`` changes the filter."""
        try:
            msg = json.loads(message)
        except ValueError:
            return
        if not isinstance(msg, dict) or msg.get("action") != "subscribe":
            return
        leagues, teams = _strings(msg.get("league")), _strings(msg.get("team"))
        client.filter = GameFilter.of(leagues, teams)
        client.replace(self.hub.snapshots(client.filter, resync=True))

    async def start(self, host: str, port: int) -> Server:
        return await serve(
            self._handle,
            host,
            port,
            process_request=self._process,
            ping_interval=PING_INTERVAL,
            ping_timeout=PING_TIMEOUT,
            max_size=64 * 1024,
            compression=None,
        )


async def _send(ws: ServerConnection, client: Client) -> None:
    """Drain the client's queue, waiting on the connection (backpressure) between frames."""
    while True:
        await client.wake.wait()
        client.wake.clear()
        while client.pending:
            _, text = client.pending.popleft()
            client.sending = True
            try:
                await ws.send(text)
            finally:
                client.sending = False


def _direct_writer(ws: ServerConnection, client: Client) -> Callable[[str], bool]:
    """Write a frame synchronously while the client keeps up; refuse while it is behind
    (its sender task is mid-send, or more than DIRECT_LIMIT bytes wait in its buffer)."""

    def write(text: str) -> bool:
        if client.sending or ws.transport.get_write_buffer_size() > DIRECT_LIMIT:
            return False
        broadcast([ws], text)  # skips a connection that is closing: it resumes with since=
        return True

    return write


def _since(value: str) -> int | None:
    if not value.strip().isdigit():
        return None
    return int(value.strip()[:18])


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []
