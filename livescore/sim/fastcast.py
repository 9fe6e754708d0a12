"""A local FastCast service (shared/reference/espn-fastcast.md §9), for ``demo --push`` and
the tests: discovery, the WebSocket with its op sequence, the checkpoint endpoint and the
plain ESPN scoreboard (the polling floor), all on 127.0.0.1, playing the demo's ESPN script.

- ``GET /public/websockethost`` → ``{ip, port, securePort, token}``; each token is new and
  lives ``token_life`` seconds; an old or unknown token gets HTTP 403 at the upgrade (raw and
  percent-encoded tokens are both accepted, as the sources disagree).
- ``/FastcastService/pubsub/profiles/12000``: silent until ``{"op":"C"}``, then ``C`` with
  ``sid`` and ``hbi``; ``S`` per topic → ``S`` rc 200 and an ``H`` carrying the checkpoint URL,
  or rc 404 for a topic it does not serve (``scoreboard-{sport}-{league}`` of the script's
  leagues only); then, each ``tick``, a ``P`` with the RFC 6902 patch from the last document
  (uid paths; compressed ``~c:1`` and plain ``~c:0`` in turn), an ``I`` per topic when nothing
  changed (each uses up a mid), a topicless ``B`` every ``b_every`` seconds; protocol pings.
- ``/FastcastService/pubsub/profiles/12000/topic/{tc}/message/{mid}/checkpoint``: the whole
  document at that mid; 404 for a mid it never issued.
- Faults, for tests: ``drop()`` closes every connection; ``mute(True)`` stops every frame
  while the socket stays open; ``refuse(topic)``; ``corrupt_next()`` sends a patch that does
  not apply; ``gap_next()`` skips a mid.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request as WsRequest
from websockets.http11 import Response as WsResponse

from livescore.espn.fastcast.patch import make
from livescore.espn.fastcast.wire import encode_payload
from livescore.sim import espn_games
from livescore.sim.espn_server import ScriptClock, handler
from livescore.sim.http import Request, Response
from livescore.sim.http import serve as serve_http

_CHECKPOINT = re.compile(
    r"^/FastcastService/pubsub/profiles/12000/topic/([^/]+)/message/(\d+)/checkpoint$"
)
WS_PATH = "/FastcastService/pubsub/profiles/12000"
KEEP = 500  # checkpoints kept per topic


@dataclass
class Topic:
    name: str
    league: str  # ESPN slug
    mid: int = 0
    doc: dict[str, Any] = field(default_factory=dict)
    history: dict[int, str] = field(default_factory=dict)  # mid → the document's JSON


class FastcastSim:
    def __init__(
        self,
        speed: float = 1.0,
        seed: int = 7,
        tick: float = 0.5,
        hbi: float = 30.0,
        b_every: float = 10.0,
        token_life: float = 60.0,
    ) -> None:
        self.games = espn_games.schedule(seed)
        self.clock: Callable[[], float] = ScriptClock(speed)
        self.day = espn_games.start_of_day()
        self.tick, self.hbi, self.b_every, self.token_life = tick, hbi, b_every, token_life
        self.topics = {
            f"scoreboard-{espn_games.SPORT[slug]}-{slug}": Topic(
                f"scoreboard-{espn_games.SPORT[slug]}-{slug}", slug
            )
            for slug in dict.fromkeys(g.league for g in self.games)
        }
        self.refused: set[str] = set()
        self.frozen: set[str] = set()
        self.tokens: dict[str, float] = {}
        self.connections: dict[ServerConnection, set[str]] = {}  # each one's topics
        self.muted = False
        self.sent_frames = 0
        self._inject: list[Any] | None = None  # the ops of the next patch, as a fault
        self._inject_times = 0
        self._inject_topic: str | None = None
        self.checkpoints_served = 0
        self._gap = False
        # faults for the hostile-upstream tests: an answer of its own to any HTTP request
        # (None: the usual one), and where H frames send clients for checkpoints
        self.http_fault: Callable[[Request], Response | None] | None = None
        self.checkpoint_base: str | None = None
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._scoreboard = handler(self.games, self.clock, self.day)
        self.http_url = ""
        self.ws_port = 0
        for topic in self.topics.values():
            self._advance(topic)

    # --- faults ---
    def drop(self) -> None:
        loop = self._loop
        if loop is not None:
            for ws in list(self.connections):
                asyncio.run_coroutine_threadsafe(ws.close(1011, "dropped"), loop)

    def mute(self, on: bool) -> None:
        self.muted = on

    def refuse(self, topic: str) -> None:
        self.refused.add(topic)

    def freeze(self, topic: str, on: bool = True) -> None:
        """Stop publishing changes of ``topic`` (heartbeats only), while the scoreboard over
        HTTP goes on: push goes wrong without failing, for the cross-check to find."""
        if on:
            self.frozen.add(topic)
        else:
            self.frozen.discard(topic)

    def corrupt_next(self) -> None:
        self.inject_next([{"op": "remove", "path": "s:0~l:0~e:0/nothing"}])

    def inject_next(self, ops: list[Any], times: int = 1, topic: str | None = None) -> None:
        """Send ``ops`` as the next ``times`` patches (of ``topic`` only, if named), at the
        next ticks whether the topic changed or not."""
        self._inject = ops
        self._inject_times = times
        self._inject_topic = topic

    def gap_next(self) -> None:
        self._gap = True

    # --- documents ---
    def _document(self, topic: Topic) -> dict[str, Any]:
        return espn_games.scoreboard(self.games, topic.league, self.clock(), self.day)

    def _advance(self, topic: Topic) -> list[dict[str, Any]] | None:
        """The next document of ``topic``: its patch (None when nothing changed), new mid."""
        with self._lock:
            new = self._document(topic)
            if topic.doc and new == topic.doc:
                return None
            ops = make(topic.doc, new) if topic.doc else []
            topic.mid += 1
            topic.doc = new
            topic.history[topic.mid] = json.dumps(new)
            for old in [m for m in topic.history if m <= topic.mid - KEEP]:
                del topic.history[old]
            return ops

    def _bump(self, topic: Topic) -> None:
        """A mid used up with the document unchanged (an I frame): its checkpoint is the same."""
        with self._lock:
            topic.history[topic.mid + 1] = topic.history[topic.mid]
            topic.mid += 1
            topic.history.pop(topic.mid - KEEP, None)

    # --- HTTP: discovery, checkpoints, the scoreboard ---
    def _http(self, request: Request) -> Response:
        if self.http_fault is not None:
            fault = self.http_fault(request)
            if fault is not None:
                return fault
        if request.path == "/public/websockethost":
            token = secrets.token_urlsafe(18) + "+/="  # the characters that need encoding
            self.tokens[token] = time.monotonic() + self.token_life
            body = {"ip": "127.0.0.1", "port": self.ws_port, "securePort": self.ws_port,
                    "token": token}  # fmt: skip
            return Response(200, json.dumps(body).encode())
        found = _CHECKPOINT.match(request.path)
        if found:
            topic = self.topics.get(found.group(1))
            with self._lock:
                doc = topic.history.get(int(found.group(2))) if topic else None
            if doc is None:
                return Response(404, b"")
            self.checkpoints_served += 1
            return Response(200, doc.encode())
        return self._scoreboard(request)

    # --- WebSocket ---
    def _check(self, connection: ServerConnection, request: WsRequest) -> WsResponse | None:
        parts = urlsplit(request.path)
        if parts.path != WS_PATH:
            return connection.respond(404, "")
        raw = parts.query.partition("TrafficManager-Token=")[2].partition("&")[0]
        now = time.monotonic()
        parsed = parse_qs(parts.query).get("TrafficManager-Token", [""])[0]
        for given in (raw, unquote(raw), parsed):
            if self.tokens.get(given, 0) > now:
                return None
        return connection.respond(403, "token\n")

    async def _handle(self, ws: ServerConnection) -> None:
        subscribed: set[str] = set()
        try:
            first = json.loads(await ws.recv())
            if first.get("op") != "C":
                await ws.send(json.dumps({"rc": 400, "op": "ERROR", "pl": "Missing OpCode"}))
                return
            sid = secrets.token_hex(8)
            await ws.send(json.dumps({"rc": 200, "hbi": self.hbi, "op": "C", "sid": sid}))
            self.connections[ws] = subscribed
            await self._read(ws, subscribed)
        except (ConnectionClosed, ValueError):
            pass
        finally:
            self.connections.pop(ws, None)

    async def _read(self, ws: ServerConnection, subscribed: set[str]) -> None:
        async for message in ws:
            msg = json.loads(message)
            name = msg.get("tc")
            if msg.get("op") != "S" or not isinstance(name, str):
                continue
            topic = self.topics.get(name)
            if topic is None or name in self.refused:
                await ws.send(json.dumps({"op": "S", "rc": 404, "tc": name}))
                continue
            await ws.send(json.dumps({"op": "S", "rc": 200, "tc": name}))
            with self._lock:
                mid = topic.mid
            base = self.checkpoint_base or self.http_url
            url = f"{base}/FastcastService/pubsub/profiles/12000/topic/{name}"
            url += f"/message/{mid}/checkpoint"
            await self._send(ws, {"op": "H", "tc": name, "mid": mid, "pl": url})
            subscribed.add(name)

    async def _ticker(self) -> None:
        """Each tick, each topic's patch (or heartbeat) to every connection that follows it."""
        last_b = time.monotonic()
        compressed = itertools.cycle((True, False))
        while True:
            await asyncio.sleep(self.tick)
            for topic in self.topics.values():
                ops = None if topic.name in self.frozen else self._advance(topic)
                if self._gap:
                    self._gap = False
                    self._bump(topic)  # a frame that never comes
                injected = self._inject is not None and self._inject_topic in (None, topic.name)
                if ops is None and not injected:
                    self._bump(topic)
                    frame = {"op": "I", "tc": topic.name, "mid": topic.mid, "pl": "0"}
                else:
                    if ops is None:
                        self._bump(topic)  # the mid the injected patch takes
                    if self._inject is not None and injected:
                        ops = self._inject
                        self._inject_times -= 1
                        if self._inject_times <= 0:
                            self._inject = None
                    payload = encode_payload(ops, int(time.time() * 1000), next(compressed))
                    frame = {"op": "P", "tc": topic.name, "mid": topic.mid, "pl": payload}
                for ws, subscribed in list(self.connections.items()):
                    if topic.name in subscribed:
                        await self._send(ws, frame)
            if time.monotonic() - last_b >= self.b_every:
                last_b = time.monotonic()
                for ws in list(self.connections):
                    await self._send(ws, {"op": "B"})

    async def _send(self, ws: ServerConnection, frame: dict[str, Any]) -> None:
        if self.muted:
            return
        self.sent_frames += 1
        with suppress(ConnectionClosed):
            await ws.send(json.dumps(frame))

    @contextmanager
    def running(self) -> Iterator[str]:
        """Serve on 127.0.0.1 in a thread of its own; yields the base URL (discovery,
        checkpoints and the ESPN scoreboard alike)."""
        started = threading.Event()
        stop: list[asyncio.Event] = []

        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            done = asyncio.Event()
            stop.append(done)
            async with serve(
                self._handle, "127.0.0.1", 0, process_request=self._check, compression=None,
                ping_interval=10, ping_timeout=120,
            ) as server:  # fmt: skip
                self.ws_port = server.sockets[0].getsockname()[1]
                ticker = asyncio.create_task(self._ticker())
                started.set()
                await done.wait()
                ticker.cancel()

        thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
        thread.start()
        started.wait(10)
        with serve_http(self._http) as url:
            self.http_url = url
            try:
                yield url
            finally:
                loop = self._loop
                if loop is not None and stop:
                    loop.call_soon_threadsafe(stop[0].set)
                thread.join(10)
