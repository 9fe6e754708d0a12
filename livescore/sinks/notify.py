"""``--notify URL``: a short message for each chosen event, through apprise, beside the
command's own output, which it wraps.

Off the hot path: messages wait in a bounded queue that one task sends, each URL's send in a
thread with a deadline, so a slow webhook never holds up the table. Rate-limited per game
(``gap`` seconds between two messages of one game; later ones wait their turn, none is
dropped unless the queue is full). The plays of a game's first summary happened before it
was followed and make no message. Each URL's failure is warned about once (the URL shown as
its scheme only: it holds tokens); the run ends with one line counting failures.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from livescore.core.board import Board
from livescore.core.health import Health
from livescore.core.model import Event, Game, Plays
from livescore.core.teams import TeamSpec
from livescore.notify.message import event_text, kind_of, play_text, wanted
from livescore.sinks import Sink, Wrapping

QUEUE = 200
SEND_TIMEOUT = 15.0  # seconds for one URL to take one message
GAP = 1.0  # seconds between two messages of one game


@dataclass(frozen=True)
class Notify:
    urls: tuple[str, ...] = field(repr=False)  # apprise URLs: they hold tokens
    kinds: frozenset[str]
    teams: tuple[TeamSpec, ...] = ()  # only these teams' games (none: every game)
    gap: float = GAP


def shown(url: str) -> str:
    """A URL as messages may show it: its scheme only (``discord://…``)."""
    return f"{url.partition('://')[0]}://…"


Send = Callable[[str, str, str], bool]  # (url, title, body) → delivered


def apprise_send(urls: Sequence[str]) -> Send:
    """One Apprise object per URL (built once), plain text in. apprise's own log (which
    may name a URL, tokens and all) goes nowhere: failures are said here, by scheme."""
    import logging

    import apprise

    quiet = logging.getLogger("apprise")
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False

    objects = {}
    for url in urls:
        one = apprise.Apprise()
        one.add(url)
        objects[url] = one

    def send(url: str, title: str, body: str) -> bool:
        return bool(objects[url].notify(body=body, title=title,
                                        body_format=apprise.NotifyFormat.TEXT))  # fmt: skip

    return send


class NotifySink(Wrapping):
    def __init__(self, inner: Sink, notify: Notify, warn: Callable[[str], None],
                 send: Send | None = None) -> None:  # fmt: skip
        super().__init__(inner)
        self.notify = notify
        self.warn = warn
        self.send = send or apprise_send(notify.urls)
        self.sent = 0
        self.failed = 0
        self.dropped = 0
        self._queue: deque[tuple[tuple[str, str, str], str, str]] = deque()
        self._wake = asyncio.Event()
        self._worker: asyncio.Task[None] | None = None
        self._last: dict[tuple[str, str, str], float] = {}
        self._said: set[str] = set()
        self._busy = False
        self._closing = False
        self._followed: set[tuple[str, str, str]] = set()

    def _mine(self, game: Game) -> bool:
        teams = self.notify.teams
        return not teams or any(spec.matches(game) for spec in teams)

    def _add(self, game: Game, title: str, body: str) -> None:
        if len(self._queue) >= QUEUE:
            self._queue.popleft()
            self.dropped += 1
            self._once("queue", f"--notify is behind: dropped messages past {QUEUE}")
        self._queue.append((game.key, title, body))
        if self._worker is None:
            self._worker = asyncio.get_running_loop().create_task(self._drain())
        self._wake.set()

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        self.inner.publish(events, board, health, now)
        for event in events:
            kind = kind_of(event)
            if kind and wanted(kind, self.notify.kinds) and self._mine(event.game):
                self._add(event.game, *event_text(event, kind, now))

    def plays(self, item: Plays, board: Board, health: Health, now: datetime) -> None:
        self.inner.plays(item, board, health, now)
        if "play" not in self.notify.kinds or not self._mine(item.game):
            return
        if item.game.key not in self._followed:  # the plays before we followed the game
            self._followed.add(item.game.key)
            return
        for change, play in item.changes:
            if change == "new" and play.scoring:
                self._add(item.game, *play_text(item.game, play))

    async def finish(self, cancelled: bool) -> None:
        """Let queued messages go (at most the send deadline; none when ``cancelled``)."""
        await self.inner.finish(cancelled)
        if self._worker is not None:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + (0.0 if cancelled else SEND_TIMEOUT)
            while (self._queue or self._busy) and loop.time() < deadline:
                await asyncio.sleep(0.01)
            # told to stop, then cancelled, then waited for a moment: a cancel that
            # asyncio.wait_for swallows (Python 3.11, a send ending just then) cannot keep
            # the run from ending
            self._closing = True
            self._wake.set()
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait({self._worker}, timeout=1.0)
        if self.failed or self.dropped:
            self.warn(f"--notify: {self.failed} of {self.sent + self.failed} message(s) failed, "
                      f"{self.dropped} dropped")  # fmt: skip

    async def _drain(self) -> None:
        while not self._closing:
            if not self._queue:
                self._wake.clear()
                await self._wake.wait()
                continue
            key, title, body = self._queue.popleft()
            self._busy = True
            try:
                wait = self._last.get(key, -1e9) + self.notify.gap - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._last[key] = time.monotonic()
                for url in self.notify.urls:
                    await self._deliver(url, title, body)
            finally:
                self._busy = False

    async def _deliver(self, url: str, title: str, body: str) -> None:
        try:
            ok = await asyncio.wait_for(asyncio.to_thread(self.send, url, title, body),
                                        SEND_TIMEOUT)  # fmt: skip
        except TimeoutError:
            ok = False
            self._once(url + "slow", f"--notify {shown(url)}: no answer in {SEND_TIMEOUT:g}s")
        except Exception as exc:
            ok = False
            self._once(url + "error", f"--notify {shown(url)}: {type(exc).__name__}")
        if ok:
            self.sent += 1
            return
        self.failed += 1
        self._once(url, f"--notify {shown(url)}: the message was not delivered")

    def _once(self, kind: str, message: str) -> None:
        if kind not in self._said:
            self._said.add(kind)
            self.warn(f"{message} (said once; counted at exit)")
