"""asyncio's noise about sockets is kept off stderr: in particular its accept() retry that
fires after the server was closed at the stop (scheduled when descriptors ran out), which
otherwise writes a traceback per retry (seen once in a CI run: 487 lines)."""

from __future__ import annotations

import logging

from livescore.app import launch


def _record(message: str, error: BaseException | None) -> logging.LogRecord:
    info = (type(error), error, None) if error is not None else None
    return logging.LogRecord("asyncio", logging.ERROR, __file__, 1, message, None, info)


def test_the_retry_of_a_closed_server_is_dropped_and_other_errors_kept() -> None:
    logger = logging.getLogger("asyncio")
    before = list(logger.filters)
    try:
        launch._quiet_socket_noise()
        noise = next(f for f in logger.filters if f not in before)
        closed = _record(
            "Exception in callback BaseSelectorEventLoop._start_serving(<function ...>)\n"
            "handle: <TimerHandle when=1.0 BaseSelectorEventLoop._start_serving(...)>",
            ValueError("Invalid file descriptor: -1"),
        )
        assert not noise.filter(closed)
        other = _record("Exception in callback Something.else()", ValueError("boom"))
        assert noise.filter(other)
        lost = _record("socket.send() raised exception.", None)
        assert not noise.filter(lost)
    finally:
        logger.filters[:] = before
