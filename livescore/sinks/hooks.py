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

The kind ``play`` is a scoring play (``watch --plays``, ``game``): said, corrected or
removed, with the play's JSON line; the plays of a game's first summary are what happened
before livescore followed it, and run no hook (as a game's first sighting is a snapshot).
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
from functools import partial

from livescore.core.board import Board
from livescore.core.health import Health
from livescore.core.model import Event, Game, Play, Plays
from livescore.jsonlines import event_bytes
from livescore.sinks import Sink, Wrapping

KINDS = ("snapshot", "score", "status", "clock", "play")
DEFAULT_KINDS = ("score", "status")
QUEUE = 100  # events waiting for the hook; past it the oldest wait is dropped
TIMEOUT = 10.0  # seconds a hook may run before it is killed


@dataclass(frozen=True)
class Hook:
    argv: tuple[str, ...]
    kinds: frozenset[str]
    timeout: float = TIMEOUT


Job = Callable[[], tuple[bytes, dict[str, str]]]  # the JSON line and environment of a run


def inherited() -> dict[str, str]:
    """livescore's environment less its own settings, secrets among them."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("LIVESCORE_", "SPORTRIX_"))}


def _end_group(pgid: int) -> None:
    """SIGKILL a hook's process group (the hook and whatever it started); gone already: fine."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def _score(value: int | None) -> str:
    return "" if value is None else str(value)


def environment(event: Event) -> dict[str, str]:
    """What a hook finds in its environment besides the JSON on stdin."""
    return {"LIVESCORE_EVENT": event.kind, "LIVESCORE_SEQ": str(event.seq),
            **_game_environment(event.game)}  # fmt: skip


def _event_job(event: Event) -> tuple[bytes, dict[str, str]]:
    return event_bytes(event), environment(event)


def play_environment(game: Game, play: Play, change: str, seq: int) -> dict[str, str]:
    """A play event's: the game's variables with the score after the play, and the play's
    text, whether it scored, and ``corrected``/``removed`` when ESPN changed it."""
    env = _game_environment(game)
    env.update({
        "LIVESCORE_EVENT": "play",
        "LIVESCORE_SEQ": str(seq),
        "LIVESCORE_HOME_SCORE": _score(play.home_score),
        "LIVESCORE_AWAY_SCORE": _score(play.away_score),
        "LIVESCORE_PLAY_TEXT": play.text,
        "LIVESCORE_PLAY_SCORING": "1" if play.scoring else "",
        "LIVESCORE_PLAY_CHANGE": "" if change == "new" else change,
    })  # fmt: skip
    return env


def _game_environment(game: Game) -> dict[str, str]:
    score = _score
    return {
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


class HookSink(Wrapping):
    """Passes everything to ``inner``; queues the matching events for the hook."""

    def __init__(self, inner: Sink, hook: Hook, warn: Callable[[str], None]) -> None:
        super().__init__(inner)
        self.hook = hook
        self.warn = warn
        self.ran = 0
        self.failed = 0
        self.dropped = 0
        self._queue: deque[Job] = deque()
        self._wake = asyncio.Event()
        self._worker: asyncio.Task[None] | None = None
        self._said: set[str] = set()
        self._running = False  # a hook is running now
        self._closing = False
        self._followed: set[tuple[str, str, str]] = set()  # games whose plays were seen

    def publish(self, events: Sequence[Event], board: Board, health: Health, now: datetime) -> None:
        self.inner.publish(events, board, health, now)
        for event in events:
            if event.kind in self.hook.kinds:
                self._add(partial(_event_job, event))

    def _add(self, job: Job) -> None:
        """Queue a job (made when its turn comes: its JSON and environment)."""
        if len(self._queue) >= QUEUE:
            self._queue.popleft()
            self.dropped += 1
            self._once("queue", f"--on-event is behind: dropped events past {QUEUE}")
        self._queue.append(job)
        if self._worker is None:
            self._worker = asyncio.get_running_loop().create_task(self._drain())
        self._wake.set()

    def plays(self, item: Plays, board: Board, health: Health, now: datetime) -> None:
        self.inner.plays(item, board, health, now)
        if "play" not in self.hook.kinds:
            return
        if item.game.key not in self._followed:  # its plays so far: before we followed it
            self._followed.add(item.game.key)
            return
        from livescore.jsonlines.detail import play_json

        seq = board.seq  # the position, as the outputs number play events
        for change, play in item.changes:
            if not play.scoring:
                continue  # the kind "play" is a scoring play (said, corrected or removed)

            def job(play: Play = play, change: str = change) -> tuple[bytes, dict[str, str]]:
                line = play_json(item.game, play, seq, item.at, change, feed=item.feed)
                return line.encode(), play_environment(item.game, play, change, seq)

            self._add(job)

    async def finish(self, cancelled: bool) -> None:
        """Let the queued hooks run (at most the hook's timeout; none when ``cancelled``),
        then stop; say how it went."""
        await self.inner.finish(cancelled)
        within = 0.0 if cancelled else self.hook.timeout
        if self._worker is not None:
            deadline = asyncio.get_running_loop().time() + within
            while (self._queue or self._running) and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.01)
            # told to stop, cancelled, waited for a moment: a cancel asyncio.wait_for
            # swallows (Python 3.11, a hook ending just then) cannot keep the run going
            self._closing = True
            self._wake.set()
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait({self._worker}, timeout=1.0)
        if self.failed or self.dropped:
            self.warn(
                f"--on-event: {self.failed} of {self.ran} run(s) failed, "
                f"{self.dropped} event(s) dropped"
            )

    async def _drain(self) -> None:
        while not self._closing:
            if not self._queue:
                self._wake.clear()
                await self._wake.wait()
                continue
            job = self._queue.popleft()
            self._running = True
            try:
                await self._run(*job())
            finally:
                self._running = False

    async def _run(self, line: bytes, env: dict[str, str]) -> None:
        self.ran += 1
        try:
            proc = await asyncio.create_subprocess_exec(
                *self.hook.argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=2,
                stderr=2,
                env={**inherited(), **env},
                start_new_session=True,  # its own process group: ended as one
            )
        except OSError as exc:
            self.failed += 1
            self._once("start", f"--on-event could not start {self.hook.argv[0]!r}: {exc.strerror}")
            return
        try:
            await asyncio.wait_for(proc.communicate(line + b"\n"), self.hook.timeout)
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
