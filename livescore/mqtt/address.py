"""An MQTT URL (``mqtt://[user:password@]host[:port][/prefix]``, or ``mqtts://`` for TLS),
checked before anything connects, and shown without its password."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from livescore.core.errors import UsageError

DEFAULT_PREFIX = "livescore"


@dataclass(frozen=True)
class MqttAddress:
    host: str
    port: int
    username: str | None
    password: str | None = field(repr=False)
    prefix: str  # the topic root: livescore
    tls: bool

    @property
    def shown(self) -> str:
        """``mqtts://user@host:8883/livescore``: for messages and feed names, no password."""
        user = f"{self.username}@" if self.username else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'mqtts' if self.tls else 'mqtt'}://{user}{host}:{self.port}/{self.prefix}"


def parse(text: str, label: str) -> MqttAddress:
    bad = f"bad {label}: expected mqtt://[USER:PASSWORD@]HOST[:PORT][/PREFIX] or mqtts://..."
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        raise UsageError(bad) from None
    if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
        raise UsageError(bad)
    if parts.query or parts.fragment:
        raise UsageError(f"{bad} (no ?query or #fragment)")
    prefix = parts.path.strip("/") or DEFAULT_PREFIX
    if any(c in prefix for c in "#+\x00") or "//" in prefix:
        raise UsageError(f"bad {label}: the topic prefix {prefix!r} may not hold #, + or //")
    tls = parts.scheme == "mqtts"
    return MqttAddress(
        parts.hostname,
        port or (8883 if tls else 1883),
        unquote(parts.username) if parts.username else None,
        unquote(parts.password) if parts.password else None,
        prefix,
        tls,
    )
