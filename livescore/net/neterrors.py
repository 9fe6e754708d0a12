"""One wording for network failures, whichever library raised them (httpx, websockets)."""

from __future__ import annotations

import socket
import ssl

from livescore.core.sanitize import clean


def describe(exc: BaseException) -> str:
    """A short reason for a failed connection: the DNS and refusal cases said plainly, else
    the library's own message (cleaned: it may quote what a server sent)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, socket.gaierror):
            return "DNS lookup failed (the host name does not resolve)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ssl.SSLCertVerificationError):
            why = clean(str(cause.verify_message or cause.reason or ""), 80)
            return f"TLS certificate not trusted ({why or 'verification failed'})"
        cause = cause.__cause__ or cause.__context__
    return clean(str(exc), 160) or type(exc).__name__
