"""The option values several commands share, frozen and checked: where the output goes and
what it shows, ESPN's and Sportrix's connection settings, the bridge, Redis, a recording.
Each command's own options (``commands/<command>.py``) are made of these."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING

from livescore.core.leagues import League
from livescore.core.teams import EVERYTHING, GameFilter, TeamSpec
from livescore.mqtt.address import MqttAddress
from livescore.redisstream.address import RedisAddress

if TYPE_CHECKING:
    from livescore.sinks.hooks import Hook
    from livescore.sinks.notify import Notify


@dataclass(frozen=True)
class Mqtt:
    address: MqttAddress
    teams: tuple[TeamSpec, ...] = ()  # --ha-discovery: a device for each
    ha_discovery: bool = False


@dataclass(frozen=True)
class Output:
    format: str  # table, lines or jsonl
    keep: GameFilter = EVERYTHING  # --team
    favourites: tuple[TeamSpec, ...] = ()
    once: bool = False
    title: str = "livescore"
    hook: Hook | None = None  # --on-event
    delay: float = 0.0  # --delay, seconds
    zone: tzinfo | None = None  # --tz: for start times; None for the system's
    mqtt: Mqtt | None = None  # --publish mqtt://...
    notify: Notify | None = None  # --notify URL


@dataclass(frozen=True)
class Espn:
    leagues: tuple[League, ...]
    url: str
    interval: float
    timeout: float
    date: str | None = None
    day_ends: int = 6  # hour ET: see livescore/espn/sportsday.py
    push: str | None = None  # --push: the FastCast discovery base URL; None polls only
    plays: str | None = None  # --plays: "scoring" or "all"; None: no summaries fetched


@dataclass(frozen=True)
class Sportrix:
    ids: tuple[str, ...]
    key: str = field(repr=False)
    stream_url: str
    api_url: str
    idle_timeout: float
    rediscover: float
    live: str | None = None


@dataclass(frozen=True)
class Bridge:
    host: str
    port: int
    token: str | None = field(repr=False)
    origins: tuple[str, ...] = ()  # --allow-origin: browser pages let in
    max_clients: int = 1000  # --max-clients


@dataclass(frozen=True)
class Replay:
    file: str
    speed: float


@dataclass(frozen=True)
class FromRedis:
    address: RedisAddress
    stream: str
    cursor: str | None = None


@dataclass(frozen=True)
class Publish:
    address: RedisAddress
    stream: str
    maxlen: int


SECRETS = ("key", "token", "password")


def secrets_of(options: object) -> tuple[str, ...]:
    """Every secret an options object holds (fields named key, token or password, at any
    depth), for the redactor."""
    found: list[str] = []
    if not is_dataclass(options):
        return ()
    for item in fields(options):
        value = getattr(options, item.name)
        if item.name in SECRETS and isinstance(value, str):
            found.append(value)
        elif is_dataclass(value):
            found.extend(secrets_of(value))
    return tuple(found)
