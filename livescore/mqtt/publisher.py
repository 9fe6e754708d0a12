"""``--publish mqtt://...``: the connection to the broker, kept for the run.

``offer`` never waits (the ticker and the bridge's clients come first): messages queue in a
bounded buffer that ``run`` drains, QoS 1 messages many at a time (the broker's
acknowledgements overlap). A retained message is also kept (the latest per topic) and all of
them are written again after every reconnect: a broker that restarted empty has every game's
state again at once. While the broker is away the publisher reports its feed stale (a
``feed`` event), holds the newest ``buffer`` messages and reconnects with backoff; past the
buffer the oldest are dropped and it says so. The status topic is ``online`` while
connected, and the connection's last will makes it ``offline`` if livescore dies; a clean
stop writes ``offline`` itself. Bad credentials at the start exit 3, an unreachable broker
exits 1; the password is never shown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import ssl
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from livescore.core.errors import LivescoreError, RejectedError
from livescore.core.model import Notice, Problem, SourceItem, Update
from livescore.mqtt import BUFFER, MISSING
from livescore.mqtt.address import MqttAddress
from livescore.mqtt.topics import Message, Topics
from livescore.net.backoff import Backoff
from livescore.net.fanin import Put

BATCH = 500  # QoS 1 messages in flight at once
TIMEOUT = 10.0  # seconds for the broker to answer a connect or acknowledge a batch
_QUIET = logging.getLogger("livescore.mqtt")  # aiomqtt logs "N pending publish calls"
_QUIET.addHandler(logging.NullHandler())  # per message past ten: not for the terminal
_QUIET.propagate = False
REFUSED = ("not authori", "bad user name or password", "bad username or password")


def _aiomqtt() -> Any:
    try:
        import aiomqtt
    except ImportError:
        raise LivescoreError(MISSING) from None
    return aiomqtt


class MqttPublisher:
    def __init__(
        self,
        address: MqttAddress,
        *,
        buffer: int = BUFFER,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.address = address
        self.topics = Topics(address.prefix)
        self.limit = buffer
        self.clock = clock
        self.sleep = sleep
        self.feed = f"mqtt {address.shown}"
        self.pending: deque[Message] = deque()
        self.retained: dict[str, Message] = {}  # the latest retained message of each topic
        self.dropped = 0
        self.sent = 0
        self._wake = asyncio.Event()
        self._lost = asyncio.Event()  # the connection went away (the watcher saw it)
        self._watcher: asyncio.Task[None] | None = None
        self._client: Any = None
        self._identifier = f"livescore-{os.getpid()}-{os.urandom(3).hex()}"

    def offer(self, messages: Iterable[Message]) -> None:
        for message in messages:
            if message.retain:
                self.retained[message.topic] = message
            self.pending.append(message)
        while len(self.pending) > self.limit:
            self.pending.popleft()
            self.dropped += 1
        self._wake.set()

    def _new_client(self) -> Any:
        mqtt = _aiomqtt()
        address = self.address
        tls = ssl.create_default_context() if address.tls else None
        will = mqtt.Will(self.topics.status, b"offline", qos=1, retain=True)
        return mqtt.Client(
            address.host, address.port, username=address.username, password=address.password,
            identifier=self._identifier, will=will, tls_context=tls, timeout=TIMEOUT,
            max_inflight_messages=BATCH, keepalive=30, logger=_QUIET,
        )  # fmt: skip

    async def _connect(self) -> None:
        client = self._new_client()
        await client.__aenter__()
        self._client = client
        self._lost.clear()
        self._watcher = asyncio.get_running_loop().create_task(self._watch(client))
        await client.publish(self.topics.status, b"online", qos=1, retain=True)

    async def _watch(self, client: Any) -> None:
        """Wait for the connection to go: aiomqtt's message iterator ends with MqttError
        when it does (nothing is subscribed, so no message comes)."""
        mqtt = _aiomqtt()
        with contextlib.suppress(mqtt.MqttError):
            async for _ in client.messages:
                pass
        self._lost.set()
        self._wake.set()

    def _describe(self, exc: BaseException) -> str:
        text = str(exc) or type(exc).__name__
        if self.address.password:
            text = text.replace(self.address.password, "***")
        return text

    async def start(self) -> None:
        """Connect for the first time: an unreachable broker exits 1, a refusal 3."""
        mqtt = _aiomqtt()
        try:
            await self._connect()
        except mqtt.MqttError as exc:
            text = self._describe(exc)
            if any(word in text.lower() for word in REFUSED):
                raise RejectedError(f"the MQTT broker {self.address.shown} refused us: {text}"
                                    ) from None  # fmt: skip
            raise LivescoreError(f"cannot reach the MQTT broker {self.address.shown}: {text}"
                                 ) from None  # fmt: skip
        except OSError as exc:
            raise LivescoreError(f"cannot reach the MQTT broker {self.address.shown}: "
                                 f"{exc.strerror or exc}") from None  # fmt: skip

    async def run(self, put: Put[SourceItem]) -> None:
        """Drain the buffer for ever, reconnecting when the broker goes away; the broker's
        health is a feed (stale while away)."""
        mqtt = _aiomqtt()
        backoff = Backoff(initial=0.5, cap=30.0)
        down = False
        while True:
            if not self.pending and not down and not self._lost.is_set():
                self._wake.clear()
                await self._wake.wait()
            try:
                if self._lost.is_set() and self._client is not None:
                    raise mqtt.MqttError("the broker closed the connection")
                if self._client is None:
                    await self._connect()
                    await self._send(list(self.retained.values()))  # the broker may be empty
                while self.pending:
                    # taken out first: a stop while they are in flight leaves them to the
                    # connection (sent before the stop's "offline"), never sent twice
                    batch = [self.pending.popleft() for _ in range(min(BATCH, len(self.pending)))]
                    try:
                        await self._send(batch)
                    except (mqtt.MqttError, OSError):
                        self.pending.extendleft(reversed(batch))  # again after reconnecting
                        raise
                    self.sent += len(batch)
            except (mqtt.MqttError, OSError) as exc:
                await self._drop_client()
                now = self.clock()
                delay = backoff.next_delay()
                held = f"holding {len(self.pending)} message(s), up to {self.limit}"
                message = f"cannot publish: {self._describe(exc)}; {held}"
                await put(Problem(self.feed, message, now, now + timedelta(seconds=delay)))
                down = True
                await self.sleep(delay)
                continue
            if down:
                down = False
                backoff.reset()
                if self.dropped:
                    note = f"{self.dropped} message(s) did not fit the buffer and were dropped"
                    await put(Notice(self.feed, note, self.clock()))
                    self.dropped = 0
                await put(Update(self.feed, (), self.clock()))

    async def _send(self, batch: list[Message]) -> None:
        """The messages in order on the wire; the batch is done when the broker has
        acknowledged its last (it acknowledges in order), or failed when the connection
        goes first (then the whole batch is sent again: at least once).

        All but the last go straight to paho-mqtt's client under aiomqtt (its per-message
        future costs 40% of the throughput: bench/mqtt_publish.py); the last through
        aiomqtt, awaited."""
        client = self._client
        paho = getattr(client, "_client", None)  # aiomqtt 2.x: the paho client it drives
        if paho is not None and len(batch) > 1:
            for m in batch[:-1]:
                info = paho.publish(m.topic, m.payload, qos=m.qos, retain=m.retain)
                if info.rc != 0:
                    raise _aiomqtt().MqttError(f"could not publish (paho rc {info.rc})")
            batch = batch[-1:]
        sending = asyncio.ensure_future(asyncio.gather(
            *(client.publish(m.topic, m.payload, qos=m.qos, retain=m.retain) for m in batch)
        ))  # fmt: skip
        lost = asyncio.ensure_future(self._lost.wait())
        try:
            await asyncio.wait((sending, lost), return_when=asyncio.FIRST_COMPLETED)
        finally:
            lost.cancel()
        if not sending.done():
            sending.cancel()
            with contextlib.suppress(BaseException):
                await sending
            raise _aiomqtt().MqttError("the broker closed the connection")
        sending.result()

    async def _drop_client(self) -> None:
        client, self._client = self._client, None
        if self._watcher is not None:
            self._watcher.cancel()
            self._watcher = None
        if client is not None:
            with contextlib.suppress(Exception):  # the connection is gone already
                await client.__aexit__(None, None, None)

    async def close(self) -> None:
        """A clean stop: what is still queued (for a moment), then ``offline``."""
        client = self._client
        if client is None:
            return
        try:
            async with asyncio.timeout(2.0):
                while self.pending:
                    batch = [self.pending.popleft() for _ in range(min(BATCH, len(self.pending)))]
                    await self._send(batch)
                await client.publish(self.topics.status, b"offline", qos=1, retain=True)
        except (TimeoutError, Exception):
            pass
        await self._drop_client()
