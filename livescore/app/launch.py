"""Starting a command: build its options (every check first), then run it with a redactor
made from the secrets those options hold. The command line's error boundary (``cli.main``)
asks the same ``Boundary`` to redact whatever error ends the run."""

from __future__ import annotations

import sys
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from livescore.core.secrets import Redactor

if TYPE_CHECKING:
    import logging

Opts = TypeVar("Opts")
Job = Callable[[Opts, Redactor], Coroutine[Any, Any, None]]


def warn(message: str) -> None:
    print(f"livescore: warning: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Given:
    """What every command's ``build`` gets besides its own parameters."""

    config: str | None = None  # --config / LIVESCORE_CONFIG
    warn: Callable[[str], None] = warn
    environ: Mapping[str, str] | None = None  # None: this process's


@dataclass
class Boundary:
    """What the command line knows across one run: the chosen config file and the secrets."""

    config: str | None = None
    redact: Redactor = field(default_factory=Redactor)
    # This process is the command (``cli.main``), not a test calling the app in-process:
    # process-wide settings (the garbage collector's) may be changed.
    process: bool = False


_failures: list[str] = []  # said during the run, for its exit code (fail_at_exit)


def fail_at_exit(message: str) -> None:
    """The run goes on, but exits 1 at its end with ``message`` (a recording that stopped
    early), however it ends: its source ran out, --once, SIGTERM."""
    _failures.append(message)


def launch(boundary: Boundary, build: Callable[[Given], Opts], job: Job[Opts]) -> None:
    import asyncio  # ~20 ms: only for the commands that run something

    from livescore.app.options import secrets_of

    options = build(Given(boundary.config))
    boundary.redact = Redactor.of(*secrets_of(options))
    if boundary.process:
        _settle()
        _quiet_socket_noise()
    _failures.clear()
    asyncio.run(_until_stopped(job(options, boundary.redact)))
    if _failures:
        from livescore.core.errors import LivescoreError

        raise LivescoreError(_failures[0])


def _quiet_socket_noise() -> None:
    """asyncio logs a line for every write to a connection that was lost before it noticed
    ("socket.send() raised exception.": a few hundred bridge clients vanishing at once
    wrote 87 KB, and to a stderr nobody read, blocked the process), and for every failed
    accept() when descriptors run out (1.4 million lines a minute under a flood). A lost
    client is routine: nothing is said. Running out of descriptors is said once."""
    import logging

    said = False

    class SocketNoise(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            nonlocal said
            message = record.getMessage()
            if message == "socket.send() raised exception.":
                return False
            if message.startswith("socket.accept() out of system resource"):
                if not said:
                    said = True
                    warn("out of file descriptors: new connections wait (the limit: ulimit -n)")
                return False
            return not _closed_while_paused(record, message)

    logging.getLogger("asyncio").addFilter(SocketNoise())


def _closed_while_paused(record: logging.LogRecord, message: str) -> bool:
    """asyncio's retry of accept() (scheduled when descriptors ran out) that fires after the
    server was closed at the stop: its socket is gone ("Invalid file descriptor: -1"). The
    server is stopping on purpose; nothing to say."""
    error = record.exc_info[1] if record.exc_info else None
    return (
        message.startswith("Exception in callback BaseSelectorEventLoop._start_serving")
        and isinstance(error, ValueError)
        and "Invalid file descriptor" in str(error)
    )


def _settle() -> None:
    """Take what the run has loaded so far (modules, settings: kept to the end) out of the
    cyclic collector's scans. A long run makes many short-lived objects per update, and
    each full collection would otherwise walk every loaded module's objects again: 8% of
    the stream's CPU at full speed (bench/stream_throughput.py)."""
    import gc

    gc.freeze()


async def _until_stopped(work: Coroutine[Any, Any, None]) -> None:
    """Run ``work``; SIGTERM (systemd, docker stop, kill) cancels it like Ctrl-C does, so
    every ``finally`` runs (outputs flushed, the terminal restored, bridge clients closed
    with 1001), and the command exits 0. Ctrl-C stays asyncio's: a cancel, then exit 130."""
    import asyncio
    import contextlib
    import signal

    task = asyncio.ensure_future(work)
    loop = asyncio.get_running_loop()
    stopped = False

    def terminate() -> None:
        nonlocal stopped
        stopped = True
        task.cancel()

    with contextlib.suppress(NotImplementedError, RuntimeError):  # no signals off the main thread
        loop.add_signal_handler(signal.SIGTERM, terminate)
        # asyncio's handler runs once the loop gets control; a write blocked on a stdout
        # nobody reads never gives it: that write is given up by this one (the wake-up of
        # asyncio's handler still comes through)
        from livescore.sinks.stdout import stop_when_stuck

        signal.signal(signal.SIGTERM, stop_when_stuck)
    try:
        await task
    except asyncio.CancelledError:
        if not stopped:
            raise
    finally:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.remove_signal_handler(signal.SIGTERM)
            from livescore.sinks.stdout import disarm

            disarm()
