"""`livescore serve`: one upstream, broadcast to any number of local WebSocket clients.

Wire contract (README "The bridge"): each text frame is one JSON lines v1 object; a new
client first gets a ``snapshot`` for every current game, then changes in ``seq`` order.
Query: ``since=SEQ&epoch=E`` (resume), ``league=``, ``team=`` (repeatable), ``token=``.
``GET /healthz``. What a client sends or asks that the bridge cannot use gets an ``error``
frame, never silence. Stopping closes every client with 1001 within a second.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.frames import Frame, Opcode
from websockets.http11 import Request, Response
from websockets.protocol import OPEN

from livescore.bridge.hub import EPOCH, Client, Hub, Item, state_key
from livescore.bridge.limits import CONTROL_BURST, CONTROL_RATE, MAX_CLIENTS, MAX_FILTER
from livescore.core.board import Board
from livescore.core.health import Health
from livescore.core.model import Event, FeedEvent, Plays
from livescore.core.sanitize import clean
from livescore.core.teams import GameFilter
from livescore.core.timefmt import iso_ms
from livescore.jsonlines import error_json
from livescore.sinks import Sink

PING_INTERVAL = 20.0
PING_TIMEOUT = 20.0  # a client that never reads is dropped ~40 s after it stopped
STOP_GRACE = 0.5  # seconds clients get to take the close frame when the bridge stops
STOPPING = "livescore serve is stopping"
DIRECT_LIMIT = 64 * 1024  # bytes a client may have unsent before its events queue instead


# (state key, JSON lines text) entries; a key of None: a stream entry only (a play)
Relay = Callable[[list[tuple[str | None, str]]], None]


class BridgeSink(Sink):
    """The pipeline's sink for `serve`: every event goes to the hub, and to ``relay`` (a
    Redis publisher) when there is one."""

    def __init__(self, hub: Hub, relay: Relay | None = None) -> None:
        self.hub = hub
        self.relay = relay

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        self.hub.health = health
        items = self.hub.publish(events)
        if self.relay is not None and items:
            self.relay([(state_key(e), text) for e, text in items if isinstance(e, Event)])

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        self.hub.health = health
        item = self.hub.publish_feed(event)
        if self.relay is not None:
            self.relay([(state_key(event), item[1])])

    def plays(self, item: Plays, board: Board, health: Health, now: datetime) -> None:
        self.hub.health = health
        texts = self.hub.publish_plays(item)
        if self.relay is not None and texts:
            self.relay([(None, text) for text in texts])  # a stream entry, no state

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
        "epoch": hub.epoch,
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
    """The bridge's WebSocket server. Browser pages are refused unless their origin is
    allowed (a page the user opens could otherwise read every event from 127.0.0.1);
    connections are capped, and so are each client's filter and control messages."""

    def __init__(
        self,
        hub: Hub,
        token: str | None = None,
        *,
        origins: Sequence[str] = (),
        max_clients: int = MAX_CLIENTS,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.hub = hub
        self.token = token
        self.origins = frozenset(o.rstrip("/").lower() for o in origins)
        self.max_clients = max_clients
        self.warn = warn
        self.frames = Frames()
        self._said: set[str] = set()

    def _once(self, key: str, message: str) -> None:
        if key not in self._said and self.warn is not None:
            self._said.add(key)
            self.warn(message)

    def _process(self, connection: ServerConnection, request: Request) -> Response | None:
        parts = urlsplit(request.path)
        query = parse_qs(parts.query)
        authorised = self.token is None or self._authorised(request, query)
        if parts.path.rstrip("/") == "/healthz":
            # without the token, only that the bridge is alive: no feeds, errors or counts
            body = health_body(self.hub) if authorised else {"status": "alive"}
            response = connection.respond(200, json.dumps(body) + "\n")
            del response.headers["Content-Type"]
            response.headers["Content-Type"] = "application/json"
            return response
        origin = request.headers.get("Origin")
        if origin is not None and origin.rstrip("/").lower() not in self.origins:
            shown = clean(origin, 80)
            self._once(f"origin {shown}", f"refused a browser page from {shown} "
                       "(serve --allow-origin ORIGIN lets one in)")  # fmt: skip
            return connection.respond(403, "browser origins are not allowed\n")
        if not authorised:
            return connection.respond(401, "a valid token is required\n")
        if len(self.hub.clients) >= self.max_clients:
            self._once("full", f"{self.max_clients} clients connected (--max-clients): "
                       "refusing more until some leave")  # fmt: skip
            response = connection.respond(503, "too many clients, try again later\n")
            response.headers["Retry-After"] = "5"
            return response
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
        query = parse_qs(urlsplit(ws.request.path).query, keep_blank_values=True)
        since, epoch, problems = _position(query)
        leagues, teams = query.get("league", []), query.get("team", [])
        if len(leagues) > MAX_FILTER or len(teams) > MAX_FILTER:
            problems.append(f"a filter names at most {MAX_FILTER} leagues and {MAX_FILTER} teams")
            leagues, teams = [], []
        flt = GameFilter.of(leagues, teams)
        client = self.hub.attach(flt, since, epoch)
        client.pending.extendleft(reversed([self._error(p) for p in problems]))
        client.direct = _direct_writer(ws, client, self.frames)
        sender = asyncio.create_task(_send(ws, client, self.frames))
        bucket = _Bucket(CONTROL_RATE, CONTROL_BURST)
        try:
            async for message in ws:
                if bucket.take():
                    self._control(client, message)
                elif bucket.warn():
                    client.offer(self._error("too many control messages: slow down"))
        except ConnectionClosed:
            pass
        finally:
            self.hub.detach(client)
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                await sender

    def _error(self, message: str) -> Item:
        return None, error_json(message, self.hub.seq, datetime.now(UTC), self.hub.epoch)

    def _control(self, client: Client, message: str | bytes) -> None:
        """``{"action": "subscribe", "league": [...], "team": [...]}`` changes the filter;
        anything else gets an error frame."""
        try:
            msg = json.loads(message)
        except (ValueError, RecursionError):
            client.offer(self._error(f"not JSON: send {SUBSCRIBE}"))
            return
        if not isinstance(msg, dict) or msg.get("action") != "subscribe":
            action = msg.get("action") if isinstance(msg, dict) else None
            shown = f"unknown action {clean(str(action), 40)!r}" if action else "no action"
            client.offer(self._error(f"{shown}: send {SUBSCRIBE}"))
            return
        leagues, teams = _strings(msg.get("league")), _strings(msg.get("team"))
        if len(leagues) > MAX_FILTER or len(teams) > MAX_FILTER:
            limit = f"at most {MAX_FILTER} leagues and {MAX_FILTER} teams"
            client.offer(self._error(f"a filter names {limit}: not changed"))
            return
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
            compression=None,  # and so no extension: a frame is the same bytes for all (Frames)
        )


async def stop(listening: Server, grace: float = STOP_GRACE) -> None:
    """Close every client with 1001 and a reason; one that has not taken its close frame
    within ``grace`` seconds (it never reads) has its connection dropped."""
    connections = list(listening.connections)  # once closing, they are no longer listed
    listening.close(close_connections=True, reason=STOPPING)
    try:
        await asyncio.wait_for(asyncio.shield(listening.wait_closed()), grace)
    except TimeoutError:
        for ws in connections:
            ws.transport.abort()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(listening.wait_closed(), 1.0)


class Frames:
    """Each event's WebSocket frame, built once and written as it is to every client that
    takes it (``websockets.broadcast`` builds one per client). The bridge offers no
    compression, so a frame is the same bytes for every connection. The latest ``keep``
    are kept: a client that is behind sends its queue from here too."""

    def __init__(self, keep: int = 4096) -> None:
        self.keep = keep
        self._built: dict[str, bytes] = {}

    def __call__(self, text: str) -> bytes:
        frame = self._built.get(text)
        if frame is None:
            frame = Frame(Opcode.TEXT, text.encode()).serialize(mask=False, extensions=[])
            self._built[text] = frame
            if len(self._built) > self.keep:
                del self._built[next(iter(self._built))]  # the oldest
        return frame


SEND_BATCH = 256 * 1024  # bytes of queued frames written at once to a client behind


async def _send(ws: ServerConnection, client: Client, frames: Frames) -> None:
    """Drain the client's queue: what is pending goes out in one write (up to SEND_BATCH
    bytes), then the connection is waited on (backpressure) before the next, so a client
    that was behind catches up at the pace it reads, not one frame per turn of the loop."""
    while True:
        await client.wake.wait()
        client.wake.clear()
        while client.pending:
            if ws.protocol.state is not OPEN:
                return  # closing: the handler sees it end; a client resumes with since=
            batch: list[bytes] = []
            size = 0
            while client.pending and size < SEND_BATCH:
                frame = frames(client.pending.popleft()[1])
                batch.append(frame)
                size += len(frame)
            client.sending = True
            try:
                ws.transport.write(b"".join(batch))
                await ws.drain()
            except (OSError, RuntimeError):  # the connection was lost while it waited
                return
            finally:
                client.sending = False


def _direct_writer(ws: ServerConnection, client: Client, frames: Frames) -> Callable[[str], bool]:
    """Write a frame synchronously while the client keeps up; refuse while it is behind
    (its sender task is mid-send, or more than DIRECT_LIMIT bytes wait in its buffer)."""
    transport, protocol = ws.transport, ws.protocol

    def write(text: str) -> bool:
        if client.sending:
            return False
        if protocol.state is not OPEN:
            return True  # closing (as broadcast skips it): a client resumes with since=
        if transport.get_write_buffer_size() > DIRECT_LIMIT:
            return False
        transport.write(frames(text))
        return True

    return write


SUBSCRIBE = '{"action": "subscribe", "league": [...], "team": [...]}'


def _position(query: dict[str, list[str]]) -> tuple[int | None, str | None, list[str]]:
    """``since`` and ``epoch`` from the query, and what is wrong with them. Anything wrong
    means no usable position: the client gets resync snapshots (and an error frame)."""
    problems: list[str] = []
    given_since = query["since"][0] if query.get("since") else None
    given_epoch = query["epoch"][0] if query.get("epoch") else None
    since: int | None = None
    if given_since is not None:
        text = given_since.strip()
        if text.isascii() and text.isdigit() and len(text) <= 18:  # not "²" or "٣"
            since = int(text)
        else:
            shown = clean(given_since, 40)
            problems.append(f"bad since {shown!r}: give the seq of the last event you got")
            since = 0
    epoch = given_epoch.strip().lower() if given_epoch is not None else None
    if epoch is not None and not EPOCH.fullmatch(epoch):
        shown = clean(given_epoch, 40)
        problems.append(f"bad epoch {shown!r}: give the epoch of the events you got")
    return since, (None if problems else epoch), problems


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


class _Bucket:
    """A token bucket: ``rate`` a second on average, ``burst`` at once."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = float(burst)
        self.at = time.monotonic()
        self.warned = False

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            self.warned = False
            return True
        return False

    def warn(self) -> bool:
        """True the first time in a run of refusals: one error frame, not one per message."""
        first, self.warned = not self.warned, True
        return first
