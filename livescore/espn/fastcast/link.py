"""One FastCast session (shared/reference/espn-fastcast.md §1): discovery → WebSocket → C →
S per league topic → H (checkpoint fetched over HTTP) → R and P patches applied in order.

Every league rides one connection. The session ends with ``PushLost`` saying why: discovery
or handshake refused, a topic the server does not serve, a patch that does not apply and a
checkpoint that cannot be had again, silence past the heartbeat, the connection dropped. The
caller (``source.py``) falls back to polling and tries again later.

Handshake variants, tried in this order until one is accepted: with ``Origin:
https://www.espn.com`` and the token as sent (unencoded, F's finding), then percent-encoded
(I, L); then both again without ``Origin`` (G). The User-Agent is livescore's own, honest
one. No permessage-deflate; header names as websockets writes them (title case).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from livescore import USER_AGENT
from livescore.core.leagues import League
from livescore.core.sanitize import clean
from livescore.espn.fastcast import patch
from livescore.espn.fastcast.wire import Frame, WireError, decode_payload, read_frame
from livescore.net import http
from livescore.net.neterrors import describe

ORIGIN = "https://www.espn.com"
PROFILE = 12000
TOPIC_WAIT = 15.0  # seconds for an S ack and its H before a topic counts as unserved
MAX_FRAME = 8 * 1024 * 1024
MAX_DISCOVERY = 64 * 1024  # bytes: a host, a port and a token
MAX_CHECKPOINT = 8 * 1024 * 1024  # decoded bytes: a whole slate is well under 2 MB
# Where checkpoints may be fetched from: the discovery host, or ESPN's CDN (H frames name
# fcast.espncdn.com and regional hosts under it). Any other host is refused: a compromised
# or spoofed push server must not send livescore to fetch from wherever it likes.
CHECKPOINT_DOMAIN = ".espncdn.com"


class PushLost(Exception):
    """Push stopped working; the message says why (for the warning and the feed event)."""


def topic(league: League) -> str:
    return f"scoreboard-{league.sport}-{league.slug}"


Publish = Callable[[League, dict[str, Any]], Awaitable[None]]


@dataclass
class Session:
    """One connection's worth of push for ``leagues``; ``publish`` gets each new document."""

    base_url: str
    leagues: Sequence[League]
    client: httpx.AsyncClient
    publish: Publish
    timeout: float = 10.0
    received: int = 0  # bytes of frames and checkpoints, for the benchmark
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    _mids: dict[str, int] = field(default_factory=dict)
    _checkpoint: dict[str, str] = field(default_factory=dict)  # topic → its last H URL
    _resync: set[str] = field(default_factory=set)
    _sizes: dict[str, int] = field(default_factory=dict)  # topic → its document's size
    _over: set[str] = field(default_factory=set)  # topics whose last patch was over the limits

    def resync(self, league: League) -> None:
        """Fetch the checkpoint again at the next frame (the poll disagreed with push)."""
        self._resync.add(topic(league))

    async def run(self, on_push: Callable[[League], None]) -> None:
        """Until push is lost (raises PushLost). ``on_push`` is told of each league once its
        first document is in."""
        discovery = await self._discover()
        ws = await self._connect(discovery)
        try:
            await self._session(ws, on_push)
        except ConnectionClosed as exc:
            raise PushLost(f"the connection dropped ({describe(exc)})") from None
        finally:
            await ws.close()

    async def _discover(self) -> dict[str, Any]:
        url = f"{self.base_url.rstrip('/')}/public/websockethost"
        headers = {"User-Agent": USER_AGENT}
        answer = await self._answer(url, headers, MAX_DISCOVERY, "discovery", "discovery failed")
        try:
            found = answer.json()
        except ValueError:
            raise PushLost("discovery answered something that is not JSON") from None
        if not isinstance(found, dict) or not found.get("ip") or not found.get("token"):
            raise PushLost("discovery gave no host or token")
        return found

    async def _answer(
        self, url: str, headers: dict[str, str], cap: int, what: str, failed: str
    ) -> http.Answer:
        """A 200 answer of at most ``cap`` bytes (counted as received), else PushLost
        saying ``failed: why`` or that ``what`` answered another status."""
        try:
            answer = await http.get(
                self.client, url, deadline=self.timeout, headers=headers, max_body=cap
            )
        except http.HttpFailure as exc:
            raise PushLost(f"{failed}: {exc}") from None
        if answer.status != 200:
            raise PushLost(f"{what} answered HTTP {answer.status}")
        self.received += len(answer.body)
        return answer

    async def _connect(self, found: dict[str, Any]) -> ClientConnection:
        secure = self.base_url.startswith("https")
        port = found.get("securePort") if secure else found.get("port") or found.get("securePort")
        host = str(found["ip"])
        token = str(found["token"])
        scheme = "wss" if secure else "ws"
        path = f"/FastcastService/pubsub/profiles/{PROFILE}"
        last = "no handshake tried"
        for origin in (ORIGIN, None):
            for encoded in (token, quote(token, safe="")):
                uri = f"{scheme}://{host}:{port}{path}?TrafficManager-Token={encoded}"
                try:
                    return await connect(
                        uri,
                        origin=origin,  # type: ignore[arg-type]
                        user_agent_header=USER_AGENT,
                        compression=None,
                        max_size=MAX_FRAME,
                        open_timeout=self.timeout,
                    )
                except InvalidStatus as exc:
                    last = f"HTTP {exc.response.status_code} at the handshake"
                except (InvalidHandshake, OSError, TimeoutError) as exc:
                    last = describe(exc)
        raise PushLost(f"the handshake was refused every way ({last})")

    async def _session(self, ws: ClientConnection, on_push: Callable[[League], None]) -> None:
        await ws.send(json.dumps({"op": "C"}))
        ack = await self._frame(ws, 30.0)
        if ack.op != "C" or (ack.rc is not None and ack.rc >= 400) or not ack.sid:
            raise PushLost(f"no session (answer to C: {ack.op} {ack.rc})")
        heartbeat = ack.hbi or 30.0
        by_topic = {topic(league): league for league in self.leagues}
        waiting = dict.fromkeys(by_topic, time.monotonic() + TOPIC_WAIT)
        for name in by_topic:
            await ws.send(json.dumps({"op": "S", "sid": ack.sid, "tc": name}))
        while True:
            wait = heartbeat
            if waiting:
                wait = min(wait, max(0.05, min(waiting.values()) - time.monotonic()))
            try:
                frame = await self._frame(ws, wait)
            except TimeoutError:
                late = [t for t, due in waiting.items() if due <= time.monotonic()]
                if late:
                    raise PushLost(f"no checkpoint for {late[0]} (a topic not served)") from None
                raise PushLost(f"silent for {heartbeat:g}s (the heartbeat)") from None
            league = by_topic.get(frame.topic)
            if frame.op == "S" and frame.rc is not None and frame.rc >= 400:
                raise PushLost(f"topic {frame.topic} refused (rc {frame.rc})")
            if frame.op == "S" and isinstance(frame.payload, str) and "No such" in frame.payload:
                raise PushLost(f"topic {frame.topic} refused ({frame.payload[:60]})")
            if league is None or frame.op not in ("H", "R", "P", "I"):
                continue  # B, acks, M, anything new: the heartbeat was seen, that is all
            if frame.op == "H":
                await self._checkpoint_from(frame)
                waiting.pop(frame.topic, None)
                await self.publish(league, self.docs[frame.topic])
                on_push(league)
                continue
            if frame.topic not in self.docs:
                continue  # patches before the checkpoint: it includes them
            await self._patch(frame, league)

    async def _patch(self, frame: Frame, league: League) -> None:
        name = frame.topic
        expected = self._mids.get(name, 0) + 1
        if frame.mid is not None:
            self._mids[name] = frame.mid
        if name in self._resync or (frame.mid is not None and frame.mid != expected):
            self._resync.discard(name)
            await self._fetch(name, frame.mid)  # a gap: the document is unknown, start over
            await self.publish(league, self.docs[name])
            return
        if frame.op == "I" or frame.payload in ("0", None):
            return
        try:
            ops, _ = decode_payload(frame.payload)
            self.docs[name], self._sizes[name] = patch.apply_counted(
                self.docs[name], ops, self._size(name)
            )
            self._over.discard(name)
        except (WireError, patch.PatchError) as exc:
            if isinstance(exc, patch.PatchLimit):
                if name in self._over:  # again, after a fresh checkpoint: push is unsound
                    raise PushLost(f"{name}: {exc}, again after a fresh checkpoint") from None
                self._over.add(name)
            try:
                await self._fetch(name, frame.mid)
            except PushLost:
                raise PushLost(f"{name}: {exc}, and no checkpoint to start over from") from None
        await self.publish(league, self.docs[name])

    def _size(self, name: str) -> int:
        """The held document's size in JSON values (counted once per checkpoint)."""
        if name not in self._sizes:
            self._sizes[name] = patch.nodes(self.docs[name])
        return self._sizes[name]

    async def _checkpoint_from(self, frame: Frame) -> None:
        self._sizes.pop(frame.topic, None)
        if isinstance(frame.payload, dict):  # the document inline (I's test)
            self.docs[frame.topic] = frame.payload
        elif isinstance(frame.payload, str) and frame.payload.startswith("http"):
            self._checkpoint[frame.topic] = frame.payload
            self.docs[frame.topic] = await self._get(frame.payload)
        else:
            raise PushLost(f"a checkpoint for {frame.topic} without a URL")
        if frame.mid is not None:
            self._mids[frame.topic] = frame.mid

    async def _fetch(self, name: str, mid: int | None) -> None:
        """The checkpoint at ``mid``, from the URL the last H gave (its mid replaced)."""
        url = self._checkpoint.get(name)
        if url is None or mid is None or "/message/" not in url:
            raise PushLost(f"{name}: out of step and no checkpoint to start over from")
        head, _, tail = url.rpartition("/message/")
        self._sizes.pop(name, None)
        self.docs[name] = await self._get(f"{head}/message/{mid}/{tail.partition('/')[2]}")

    async def _get(self, url: str) -> dict[str, Any]:
        self._check_host(url)
        headers = {"User-Agent": USER_AGENT, "Origin": ORIGIN}
        answer = await self._answer(url, headers, MAX_CHECKPOINT, "checkpoint", "checkpoint")
        try:
            body = answer.json()
        except ValueError:  # malformed, or nested too deep
            raise PushLost("a checkpoint that is not JSON") from None
        if isinstance(body, dict) and "pl" in body and "events" not in body:
            try:
                body, _ = decode_payload(body)  # {"pl": document}, maybe compressed
            except WireError as exc:
                raise PushLost(f"checkpoint: {exc}") from None
        if not isinstance(body, dict) or not isinstance(body.get("events"), list):
            raise PushLost("a checkpoint that is not a scoreboard")
        return body

    def _check_host(self, url: str) -> None:
        """A checkpoint URL must be https (or the discovery's own scheme) on the discovery
        host or ESPN's CDN."""
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL:
            raise PushLost("a checkpoint URL that is not a URL") from None
        home = httpx.URL(self.base_url)
        host = parsed.host.lower()
        same = host == home.host.lower()
        cdn = host.endswith(CHECKPOINT_DOMAIN) and parsed.scheme == "https"
        if not (same and parsed.scheme in ("https", home.scheme)) and not cdn:
            raise PushLost(f"a checkpoint on an unexpected host ({clean(host, 80)}): not fetched")

    async def _frame(self, ws: ClientConnection, wait: float) -> Frame:
        while True:
            message = await asyncio.wait_for(ws.recv(), wait)
            self.received += len(message)
            try:
                return read_frame(message)
            except WireError:
                continue  # not a frame we can read: skipped, the heartbeat still counts
