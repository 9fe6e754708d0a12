"""`--on-event CMD`: run a command for each matching event, beside the command's own output.

The command is run directly (its words split as a shell would, but never through a shell:
a team name cannot inject anything); ask for a shell with ``sh -c '…'``. It gets the event's
JSON line on stdin and ``LIVESCORE_*`` variables in its environment; its own output goes to
stderr. The environment is livescore's without its own settings (``LIVESCORE_*`` and
``SPORTRIX_*``: the API key, the bridge token, the Redis URL's password). Each hook runs in
a session of its own: when it ends, or is killed at its time limit, whatever it left running
in the background is ended with it. Hooks run one at a time, in order, from a bounded
queue, each with a time limit: a slow or failing hook never holds up the ticker. A failure
is warned about once per kind of failure; the run ends with one line counting them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from livescore.core.board import Board
from livescore.core.health import Health
from livescore.core.model import Event, FeedEvent, Plays
from livescore.jsonlines import event_bytes
from livescore.sinks import Sink

KINDS = ("snapshot", "score", "status", "clock")
DEFAULT_KINDS = ("score", "status")
QUEUE = 100  # events waiting for the hook; past it the oldest wait is dropped
TIMEOUT = 10.0  # seconds a hook may run before it is killed


@dataclass(frozen=True)
class Hook:
    argv: tuple[str, ...]
    kinds: frozenset[str]
    timeout: float = TIMEOUT


def inherited() -> dict[str, str]:
    """livescore's environment less its own settings, secrets among them."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("LIVESCORE_", "SPORTRIX_"))}


def _end_group(pgid: int) -> None:
    """SIGKILL a hook's process group (the hook and whatever it started); gone already: fine."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def environment(event: Event) -> dict[str, str]:
    """What a hook finds in its environment besides the JSON on stdin."""
    game = event.game

    def score(value: int | None) -> str:
        return "" if value is None else str(value)

    return {
        "LIVESCORE_EVENT": event.kind,
        "LIVESCORE_SEQ": str(event.seq),
        "LIVESCORE_SOURCE": game.source,
        "LIVESCORE_LEAGUE": game.league,
        "LIVESCORE_ID": game.id,
        "LIVESCORE_STATE": game.state,
        "LIVESCORE_DETAIL": game.detail,
        "LIVESCORE_HOME": game.home.abbr,
        "LIVESCORE_HOME_NAME": game.home.name,
        "LIVESCORE_HOME_SCORE": score(game.home.score),
        "LIVESCORE_AWAY": game.away.abbr,
        "LIVESCORE_AWAY_NAME": game.away.name,
        "LIVESCORE_AWAY_SCORE": score(game.away.score),
    }


class HookSink(Sink):
    """Passes everything to ``inner``; queues the matching events for the hook."""

    def __init__(self, inner: Sink, hook: Hook, warn: Callable[[str], None]) -> None:
        self.inner = inner
        self.hook = hook
        self.warn = warn
        self.ran = 0
        self.failed = 0
        self.dropped = 0
        self._queue: deque[Event] = deque()
        self._wake = asyncio.Event()
        self._worker: asyncio.Task[None] | None = None
        self._said: set[str] = set()
        self._running = False  # a hook is running now

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        self.inner.publish(events, board, health, now)
        for event in events:
            if event.kind in self.hook.kinds:
                if len(self._queue) >= QUEUE:
                    self._queue.popleft()
                    self.dropped += 1
                    self._once("queue", f"--on-event is behind: dropped events past {QUEUE}")
                self._queue.append(event)
        if self._queue:
            if self._worker is None:
                self._worker = asyncio.get_running_loop().create_task(self._drain())
            self._wake.set()

    def feed(self, event: FeedEvent, board: Board, health: Health, now: datetime) -> None:
        self.inner.feed(event, board, health, now)

    def plays(self, item: Plays, board: Board, health: Health, now: datetime) -> None:
        self.inner.plays(item, board, health, now)  # plays run no hook (their own kind: later)

    def refresh(self, board: Board, health: Health, now: datetime) -> None:
        self.inner.refresh(board, health, now)

    def close(self, board: Board, health: Health, now: datetime) -> None:
        self.inner.close(board, health, now)

    def note(self, message: str) -> bool:
        return self.inner.note(message)

    def summary(self) -> list[str]:
        return self.inner.summary()

    async def finish(self, cancelled: bool) -> None:
        """Let the queued hooks run (at most the hook's timeout; none when ``cancelled``),
        then stop; say how it went."""
        await self.inner.finish(cancelled)
        within = 0.0 if cancelled else self.hook.timeout
        if self._worker is not None:
            deadline = asyncio.get_running_loop().time() + within
            while (self._queue or self._running) and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.01)
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
        if self.failed or self.dropped:
            self.warn(
                f"--on-event: {self.failed} of {self.ran} run(s) failed, "
                f"{self.dropped} event(s) dropped"
            )

    async def _drain(self) -> None:
        while True:
            if not self._queue:
                self._wake.clear()
                await self._wake.wait()
                continue
            event = self._queue.popleft()
            self._running = True
            try:
                await self._run(event)
            finally:
                self._running = False

    async def _run(self, event: Event) -> None:
        self.ran += 1
        try:
            proc = await asyncio.create_subprocess_exec(
                *self.hook.argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=2,
                stderr=2,
                env={**inherited(), **environment(event)},
                start_new_session=True,  # its own process group: ended as one
            )
        except OSError as exc:
            self.failed += 1
            self._once("start", f"--on-event could not start {self.hook.argv[0]!r}: {exc.strerror}")
            return
        try:
            await asyncio.wait_for(proc.communicate(event_bytes(event) + b"\n"), self.hook.timeout)
        except TimeoutError:
            _end_group(proc.pid)
            await proc.wait()
            self.failed += 1
            self._once("slow", f"--on-event took over {self.hook.timeout:g}s: killed")
            return
        except asyncio.CancelledError:
            _end_group(proc.pid)
            await proc.wait()
            raise
        _end_group(proc.pid)  # what it left running in the background
        if proc.returncode != 0:
            self.failed += 1
            self._once("exit", f"--on-event exited {proc.returncode}")

    def _once(self, kind: str, message: str) -> None:
        if kind not in self._said:
            self._said.add(kind)
            self.warn(f"{message} (said once; counted at exit)")
