"""Writing lines to stdout, and noticing at once when the reader has gone away.

``livescore watch nba --json | head -1`` must end promptly even when no further change is
coming, as ``tail -f`` does: we watch the pipe for its error condition instead of waiting
for the next write to fail.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
from typing import TYPE_CHECKING, BinaryIO

from livescore.core.errors import LivescoreError, StdoutClosed, StdoutStuck

if TYPE_CHECKING:
    import asyncio

__all__ = [
    "StdoutClosed",
    "is_pipe",
    "silence_stdout",
    "watch_closed",
    "write_bytes",
    "write_line",
    "write_lines",
]


def write_line(stream: BinaryIO, text: str) -> None:
    """Write one line and flush it at once. Raises StdoutClosed if the reader is gone."""
    write_lines(stream, [text])


def write_lines(stream: BinaryIO, lines: list[str]) -> None:
    """Write lines and flush them. Raises StdoutClosed if the reader is gone."""
    write_bytes(stream, "".join(f"{line}\n" for line in lines).encode("utf-8", "replace"))


# True while a write to stdout is under way: a write to a pipe nobody reads blocks the
# whole process, so SIGTERM ends it there (``stop_when_stuck``) rather than after it.
writing = False
gave_up = False  # a write was given up that way: the command line says so


def write_bytes(stream: BinaryIO, data: bytes) -> None:
    """Write all of ``data`` and flush. Raises StdoutClosed if the reader is gone.

    Under PYTHONUNBUFFERED stdout is a raw file, whose write may take only part of the data.
    """
    global writing
    writing = True
    try:
        view = memoryview(data)
        while view:
            written = stream.write(view)
            view = view[written if written is not None else len(view) :]
        stream.flush()
    except OSError as exc:
        raise _closed_or(exc) from None
    finally:
        writing = False


STUCK_AFTER = 0.25  # seconds after SIGTERM a write to stdout still under way is given up


def stop_when_stuck(signum: int, frame: object) -> None:
    """The SIGTERM handler of a running command, beside asyncio's (which cancels the run
    once the event loop gets control). While a write to stdout is blocked (a pipe nobody
    reads), the loop never gets control: so a quarter of a second after SIGTERM, a write still
    under way is given up (``disarm`` once the run has ended)."""
    import signal

    signal.signal(signal.SIGALRM, _give_up)
    signal.setitimer(signal.ITIMER_REAL, STUCK_AFTER)


def _give_up(signum: int, frame: object) -> None:
    global gave_up
    if writing:
        gave_up = True
        raise StdoutStuck


def disarm() -> None:
    """The run is over: no write is to be given up any more."""
    import signal

    signal.setitimer(signal.ITIMER_REAL, 0)


def _closed_or(exc: OSError) -> Exception:
    """StdoutClosed for a reader that has gone away (EPIPE, reset); a one-line error for a
    stdout that was closed before the start (EBADF); else the error itself."""
    if isinstance(exc, (BrokenPipeError, ConnectionResetError)) or exc.errno == errno.EPIPE:
        return StdoutClosed()
    if exc.errno == errno.EBADF:
        return LivescoreError("cannot write to standard output: it is closed")
    return exc


class _Closed(io.RawIOBase):
    """What stdout is when the process was started with it closed (``>&-``)."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def closed_stdout() -> io.TextIOWrapper:
    """A stand-in for a stdout that was closed at the start: writing to it is one clear
    error (exit 1), and a command that writes nothing there runs as usual."""
    return io.TextIOWrapper(io.BufferedWriter(_Closed()), encoding="utf-8")


def is_pipe(fd: int) -> bool:
    try:
        return stat.S_ISFIFO(os.fstat(fd).st_mode)
    except OSError:
        return False


def watch_closed(fd: int) -> asyncio.Future[None] | None:
    """A future that completes when the pipe on ``fd`` loses its reader; None if not a pipe.

    epoll reports EPOLLERR on a pipe's write end once the read end is closed; asyncio hands
    that to a reader callback.
    """
    if not is_pipe(fd):
        return None
    import asyncio

    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def check() -> None:
        import select

        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        for _, mask in poller.poll(0):
            if mask & (select.POLLERR | select.POLLHUP) and not done.done():
                loop.remove_reader(fd)
                done.set_result(None)

    try:
        loop.add_reader(fd, check)
    except (OSError, ValueError, NotImplementedError):
        return None
    done.add_done_callback(lambda _: _quiet_remove(loop, fd))
    return done


def _quiet_remove(loop: asyncio.AbstractEventLoop, fd: int) -> None:
    with contextlib.suppress(Exception):
        loop.remove_reader(fd)


def silence_stdout() -> None:
    """Point fd 1 at /dev/null so nothing at exit complains about the closed pipe (and
    drop a closed-at-start stand-in, whose flush at exit would fail again)."""
    import sys

    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    if isinstance(sys.stdout, io.TextIOWrapper) and isinstance(
        getattr(sys.stdout.buffer, "raw", None), _Closed
    ):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
