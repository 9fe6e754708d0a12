"""A Redis URL (``redis://[user:password@]host:port/db?stream=NAME``, or ``rediss://`` for
TLS), checked before anything connects, and shown without its password."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

from livescore.errors import UsageError


@dataclass(frozen=True)
class RedisAddress:
    url: str = field(repr=False)  # without ?stream=, as redis-py takes it
    shown: str  # host:port/db: for messages and feed names
    password: str | None = field(default=None, repr=False)
    stream: str | None = None  # from ?stream=


def parse(text: str, label: str) -> RedisAddress:
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        raise UsageError(f"bad {label}: expected redis://HOST:PORT/DB or rediss://...") from None
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise UsageError(f"bad {label}: expected redis://HOST:PORT/DB or rediss://...")
    db = parts.path.strip("/") or "0"
    if not db.isdigit():
        raise UsageError(f"bad {label}: the database is a number (redis://HOST:PORT/0)")
    query = parse_qs(parts.query)
    stream = query["stream"][0] if query.get("stream") else None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    shown = f"{host}:{port or 6379}/{db}"
    password = unquote(parts.password) if parts.password else None
    url = urlunsplit(parts._replace(path=f"/{db}", query=""))
    return RedisAddress(url, shown, password, stream.strip() if stream else None)


def refused(exc: BaseException) -> bool:
    """Did Redis refuse our credentials? (redis-py raises AuthenticationError, or a plain
    ResponseError saying NOAUTH / WRONGPASS, depending on the server's version.)"""
    from redis.exceptions import AuthenticationError

    text = str(exc)
    return isinstance(exc, AuthenticationError) or "NOAUTH" in text or "WRONGPASS" in text
