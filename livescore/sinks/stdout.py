"""Writing lines to stdout, and noticing at once when the reader has gone away.

``livescore watch nba --json | head -1`` must end promptly even when no further change is
coming, as ``tail -f`` does: we watch the pipe for its error condition instead of waiting
for the next write to fail.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from typing import TYPE_CHECKING, BinaryIO

from livescore.core.errors import StdoutClosed

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


def write_bytes(stream: BinaryIO, data: bytes) -> None:
    """Write all of ``data`` and flush. Raises StdoutClosed if the reader is gone.

    Under PYTHONUNBUFFERED stdout is a raw file, whose write may take only part of the data.
    """
    try:
        view = memoryview(data)
        while view:
            written = stream.write(view)
            view = view[written if written is not None else len(view) :]
        stream.flush()
    except OSError as exc:
        raise _closed_or(exc) from None


def _closed_or(exc: OSError) -> OSError | StdoutClosed:
    """StdoutClosed for a reader that has gone away (EPIPE, reset), else the error itself."""
    if isinstance(exc, (BrokenPipeError, ConnectionResetError)) or exc.errno == errno.EPIPE:
        return StdoutClosed()
    return exc


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
    """Point fd 1 at /dev/null so nothing at exit complains about the closed pipe."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
