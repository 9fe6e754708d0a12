"""A Redis URL (``redis://[user:password@]host:port/db?stream=NAME``, or ``rediss://`` for
TLS), checked before anything connects, and shown without its password.

Besides ``stream``, a ``rediss://`` URL takes the TLS settings redis-py knows, passed on as
they are: ``ssl_ca_certs`` (a PEM file of the CAs to trust, beside the system's),
``ssl_certfile`` and ``ssl_keyfile`` (a client certificate), ``ssl_cert_reqs``
(``required``, the default, ``optional`` or ``none``) and ``ssl_check_hostname``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit, urlunsplit

from livescore.core.errors import UsageError

TLS_FILES = ("ssl_ca_certs", "ssl_certfile", "ssl_keyfile")
TLS_CHOICES = {
    "ssl_cert_reqs": ("required", "optional", "none"),
    "ssl_check_hostname": ("true", "false"),
}


@dataclass(frozen=True)
class RedisAddress:
    url: str = field(repr=False)  # without ?stream=, as redis-py takes it
    shown: str  # host:port/db: for messages and feed names
    password: str | None = field(default=None, repr=False)
    stream: str | None = None  # from ?stream=
    tls: bool = False

    @property
    def scheme(self) -> str:
        return "rediss" if self.tls else "redis"


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
    query = parse_qs(parts.query, keep_blank_values=True)
    stream = query.pop("stream", [""])[0].strip() or None
    tls = _tls_settings(query, parts.scheme == "rediss", label)
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    shown = f"{host}:{port or 6379}/{db}"
    password = unquote(parts.password) if parts.password else None
    url = urlunsplit(parts._replace(path=f"/{db}", query=urlencode(tls)))
    return RedisAddress(url, shown, password, stream, parts.scheme == "rediss")


def _tls_settings(query: dict[str, list[str]], tls: bool, label: str) -> dict[str, str]:
    """The URL's TLS settings, checked (files exist, choices known); nothing else passes."""
    known = (*TLS_FILES, *TLS_CHOICES)
    settings: dict[str, str] = {}
    for name, values in query.items():
        value = values[-1].strip()
        if name not in known:
            allowed = ", ".join(("stream", *known))
            raise UsageError(f"bad {label}: unknown setting {name!r} (known: {allowed})")
        if not tls:
            raise UsageError(f"bad {label}: {name} needs a rediss:// (TLS) URL")
        if name in TLS_FILES and not Path(value).is_file():
            raise UsageError(f"bad {label}: {name}: no such file: {value}")
        choices = TLS_CHOICES.get(name)
        if choices and value.lower() not in choices:
            raise UsageError(f"bad {label}: {name} is one of {', '.join(choices)}")
        settings[name] = value.lower() if choices else value
    return settings


def refused(exc: BaseException) -> bool:
    """Did Redis refuse our credentials? (redis-py raises AuthenticationError, or a plain
    ResponseError saying NOAUTH / WRONGPASS, depending on the server's version.)"""
    from redis.exceptions import AuthenticationError

    text = str(exc)
    return isinstance(exc, AuthenticationError) or "NOAUTH" in text or "WRONGPASS" in text
