"""A local Sportrix-protocol server: WebSocket stream and REST API on 127.0.0.1.

Checks the key (HTTP 401 otherwise), pings every 30 s, answers ``subscribe`` with a
``snapshot`` or an ``error`` frame, then sends an ``update`` whenever a match changes.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request as WsRequest
from websockets.http11 import Response as WsResponse

from livescore.sim import sportrix_games
from livescore.sim.espn_server import ScriptClock
from livescore.sim.http import Request, Response
from livescore.sim.http import serve as serve_http

TICK = 0.25  # script seconds between checks for changes
_LIVE = re.compile(r"^/api/matches/(\d+)/live$")


def _key_ok(headers: Any, query: dict[str, list[str]], key: str) -> bool:
    given = headers.get("x-api-key") or (query.get("key") or [""])[0]
    return bool(given) and given == key


class SportrixSim:
    def __init__(self, key: str, speed: float = 1.0, seed: int = 11) -> None:
        self.key = key
        self.matches = {m.id: m for m in sportrix_games.schedule(seed)}
        self.clock: Callable[[], float] = ScriptClock(speed)
        self.speed = speed

    # -- WebSocket ---------------------------------------------------------------------------
    def _check(self, connection: ServerConnection, request: WsRequest) -> WsResponse | None:
        query = parse_qs(urlsplit(request.path).query)
        if not _key_ok(request.headers, query, self.key):
            return connection.respond(401, "invalid or missing API key\n")
        return None

    async def _handle(self, ws: ServerConnection) -> None:
        subscribed: dict[int, str] = {}  # match id -> last JSON sent
        reader = asyncio.create_task(self._read(ws, subscribed))
        try:
            while not reader.done():
                t = self.clock()
                for match_id, last in list(subscribed.items()):
                    data = sportrix_games.snapshot(self.matches[match_id], t)
                    text = json.dumps(data)
                    if text != last:
                        subscribed[match_id] = text
                        await ws.send(json.dumps({"op": "update", "data": data}))
                await asyncio.sleep(TICK / self.speed)
        finally:
            reader.cancel()

    async def _read(self, ws: ServerConnection, subscribed: dict[int, str]) -> None:
        async for message in ws:
            try:
                msg = json.loads(message)
                action, match_id = msg.get("action"), msg.get("match_id")
            except (ValueError, AttributeError):
                await ws.send(json.dumps({"op": "error", "error": "invalid control message"}))
                continue
            if action == "unsubscribe":
                subscribed.pop(match_id, None)
            elif action != "subscribe" or not isinstance(match_id, int):
                await ws.send(json.dumps({"op": "error", "error": "invalid control message"}))
            elif match_id not in self.matches:
                await ws.send(json.dumps({"op": "error", "error": "match not live or not found"}))
            else:
                data = sportrix_games.snapshot(self.matches[match_id], self.clock())
                subscribed[match_id] = json.dumps(data)
                await ws.send(json.dumps({"op": "snapshot", "data": data}))

    # -- REST --------------------------------------------------------------------------------
    def rest(self, request: Request) -> Response:
        if request.path == "/api/health":
            return _json(200, {"status": "ok"})
        if not _key_ok(request.headers, {}, self.key):
            return _json(401, {"detail": "Invalid or missing API key"})
        t = self.clock()
        if request.path == "/api/sports":
            return _json(200, [{"id": 1, "name": "Soccer"}, {"id": 2, "name": "Cricket"}])
        if request.path == "/api/matches/live":
            sport = {"1": "soccer", "2": "cricket"}.get((request.query.get("sport") or [""])[0])
            if sport is None:
                return _json(422, {"detail": "sport: a known sport id is required"})
            live = [
                {
                    "id": m.id,
                    "home_team": m.home,
                    "away_team": m.away,
                    "start_time": "2026-06-18T01:00:00Z",
                    "status": "STARTED",
                }
                for m in self.matches.values()
                if m.sport == sport and m.start <= t and not sportrix_games.is_over(m, t)
            ]
            return _json(200, live)
        found = _LIVE.match(request.path)
        if found and int(found.group(1)) in self.matches:
            data = sportrix_games.snapshot(self.matches[int(found.group(1))], t)
            data.pop("match_id", None)  # REST omits it
            return _json(200, data)
        return _json(404, {"detail": "Not found"})

    @asynccontextmanager
    async def run(self, host: str = "127.0.0.1") -> AsyncIterator[tuple[str, str]]:
        """Serve WebSocket and REST; yields (stream URL, API base URL)."""
        async with serve(
            self._handle,
            host,
            0,
            process_request=self._check,
            ping_interval=30,
            ping_timeout=30,
        ) as server:
            port = server.sockets[0].getsockname()[1]
            with serve_http(self.rest, host) as api:
                yield f"ws://{host}:{port}/v1/stream", f"{api}/api"


def _json(status: int, body: object) -> Response:
    return Response(status, json.dumps(body).encode())
