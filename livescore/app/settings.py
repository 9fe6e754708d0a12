"""Every setting livescore can keep, named once: its config key, environment variable,
built-in default and type. Precedence (documented in the README): flag > environment >
config file > built-in default. ``resolve`` says where each value came from."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from livescore.core import defaults
from livescore.core.errors import UsageError
from livescore.espn.sportsday import DAY_ENDS
from livescore.redisstream import DEFAULT_MAXLEN


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _integer(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _strings(value: object) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


@dataclass(frozen=True, slots=True)
class Setting:
    key: str  # the config file key: "interval", or "section.key"
    default: Any
    convert: Callable[[object], Any]  # a config value → the value, or None if the type is wrong
    kind: str  # the expected type, for error messages and `config show`
    help: str
    flag: str | None = None  # the command-line flag that also sets it
    env: str | None = None
    secret: bool = False  # shown as *** and may be { env = "NAME" } in the file
    from_env: Callable[[str], Any] = str
    param: str | None = None  # the command parameter its flag arrives in (None: no flag)


def _float_env(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return math.nan  # refused by the range check, which names the variable


def _int_env(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return -1  # refused by the range check, which names the variable


_LIST = "list of strings"

# Each setting, named once: its config key, default, type, help, flag, environment variable,
# and the command parameter (the build function's argument) its flag arrives in.
FORMAT = Setting(
    "format",
    None,
    _string,
    "string",
    "table, lines or jsonl on a terminal",
    "--format",
    param="fmt",
)
LEAGUES = Setting(
    "leagues",
    [],
    _strings,
    _LIST,
    "what watch and serve follow given none",
    "LEAGUE",
    param="leagues",
)
TEAMS = Setting("teams", [], _strings, _LIST, 'favourites ("nba:BOS"): sorted first and marked')
ESPN_URL = Setting(
    "espn.url",
    defaults.ESPN_URL,
    _string,
    "string",
    "ESPN API base URL",
    "--espn-url",
    "LIVESCORE_ESPN_URL",
    param="espn_url",
)
ESPN_INTERVAL = Setting(
    "espn.interval",
    defaults.INTERVAL,
    _number,
    "number",
    "seconds between polls while a game is live",
    "--interval",
    from_env=_float_env,
    param="interval",
)
ESPN_TIMEOUT = Setting(
    "espn.timeout",
    defaults.TIMEOUT,
    _number,
    "number",
    "seconds to wait for each ESPN response",
    "--timeout",
    from_env=_float_env,
    param="timeout",
)
FASTCAST_URL = Setting(
    "espn.fastcast_url",
    defaults.FASTCAST_URL,
    _string,
    "string",
    "ESPN FastCast discovery base URL (--push)",
    "--fastcast-url",
    "LIVESCORE_FASTCAST_URL",
    param="fastcast_url",
)
DAY_ENDS_AT = Setting(
    "espn.day_ends",
    DAY_ENDS,
    _integer,
    "integer",
    "hour (US Eastern, 0-12) until which the previous day's late games are polled too; 0: never",
    env="LIVESCORE_DAY_ENDS",
    from_env=_int_env,
)
SPORTRIX_KEY = Setting(
    "sportrix.key",
    None,
    _string,
    "string",
    "Sportrix API key",
    "--key",
    "SPORTRIX_API_KEY",
    secret=True,
    param="key",
)
SPORTRIX_STREAM_URL = Setting(
    "sportrix.stream_url",
    defaults.SPORTRIX_STREAM_URL,
    _string,
    "string",
    "Sportrix WebSocket URL",
    "--stream-url",
    "SPORTRIX_STREAM_URL",
    param="stream_url",
)
SPORTRIX_API_URL = Setting(
    "sportrix.api_url",
    defaults.SPORTRIX_API_URL,
    _string,
    "string",
    "Sportrix REST base URL",
    "--api-url",
    "SPORTRIX_API_URL",
    param="api_url",
)
IDLE_TIMEOUT = Setting(
    "sportrix.idle_timeout",
    defaults.IDLE_TIMEOUT,
    _number,
    "number",
    "seconds of silence before a link counts as dead",
    "--idle-timeout",
    param="idle_timeout",
)
REDISCOVER = Setting(
    "sportrix.rediscover",
    defaults.REDISCOVER,
    _number,
    "number",
    "with --live: seconds between looks for new matches",
    "--rediscover",
    param="rediscover",
)
BRIDGE_HOST = Setting(
    "bridge.host",
    defaults.HOST,
    _string,
    "string",
    "where serve listens",
    "--host",
    param="host",
)
BRIDGE_PORT = Setting(
    "bridge.port",
    defaults.PORT,
    _integer,
    "integer",
    "serve's port (0: any)",
    "--port",
    param="port",
)
BRIDGE_TOKEN = Setting(
    "bridge.token",
    None,
    _string,
    "string",
    "the token bridge clients present",
    "--token",
    "LIVESCORE_TOKEN",
    secret=True,
    param="token",
)
BRIDGE_URL = Setting(
    "bridge.url",
    None,
    _string,
    "string",
    "the bridge tail follows given no URL",
    "URL",
    param="url",
)
REDIS_URL = Setting(
    "redis.url",
    None,
    _string,
    "string",
    "the Redis serve publishes to",
    "--publish",
    "LIVESCORE_REDIS_URL",
    secret=True,
    param="publish",
)
REDIS_STREAM = Setting(
    "redis.stream",
    None,
    _string,
    "string",
    "the stream name",
    "--redis-stream",
    param="redis_stream",
)
REDIS_MAXLEN = Setting(
    "redis.maxlen",
    DEFAULT_MAXLEN,
    _integer,
    "integer",
    "entries the stream keeps",
    "--redis-maxlen",
    param="redis_maxlen",
)
MQTT_URL = Setting(
    "mqtt.url",
    None,
    _string,
    "string",
    "the MQTT broker watch and serve publish to",
    "--publish",
    "LIVESCORE_MQTT_URL",
    secret=True,
    param="mqtt",
)
MQTT_HA = Setting(
    "mqtt.ha_discovery",
    False,
    lambda value: value if isinstance(value, bool) else None,
    "boolean",
    "Home Assistant discovery for the followed teams",
    "--ha-discovery",
    param="ha_discovery",
)
NOTIFY = Setting(
    "notify",
    [],
    lambda value: value.split() if isinstance(value, str) else _strings(value),
    _LIST,
    "apprise URLs for notifications (discord://..., ntfys://topic)",
    "--notify",
    "LIVESCORE_NOTIFY",
    secret=True,
    from_env=lambda text: text.split(),
    param="notify",
)
SETTINGS: tuple[Setting, ...] = (
    FORMAT, LEAGUES, TEAMS, ESPN_URL, ESPN_INTERVAL, ESPN_TIMEOUT, FASTCAST_URL, DAY_ENDS_AT,
    SPORTRIX_KEY, SPORTRIX_STREAM_URL, SPORTRIX_API_URL, IDLE_TIMEOUT, REDISCOVER,
    BRIDGE_HOST, BRIDGE_PORT, BRIDGE_TOKEN, BRIDGE_URL, REDIS_URL, REDIS_STREAM, REDIS_MAXLEN,
    MQTT_URL, MQTT_HA, NOTIFY,
)  # fmt: skip
BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Value:
    value: Any
    origin: str  # "flag --interval", "env LIVESCORE_ESPN_URL", "config FILE", "default"
    setting: Setting

    @property
    def label(self) -> str:
        """How an error names where the value came from."""
        if self.origin.startswith("config"):
            return f"{self.setting.key} in {self.origin[len('config ') :]}"
        if self.origin.startswith("env"):
            return self.origin[len("env ") :]
        return self.setting.flag or self.setting.key

    def shown(self) -> str:
        if self.setting.secret and self.value:
            return "***"
        return repr(self.value) if self.value is not None else "(not set)"


@dataclass(frozen=True)
class Settings:
    values: Mapping[str, Value]  # by config key

    def __getitem__(self, setting: Setting) -> Value:
        return self.values[setting.key]

    def get(self, setting: Setting) -> Any:
        return self.values[setting.key].value


def resolve(
    given: Mapping[str, object],
    config: Mapping[str, Any],
    config_origin: str,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Each setting from the first of: its flag given (``given``: a command's parameters by
    name, a setting's ``param`` picks its own; None is not given), the environment, the
    config file (values already type-checked by ``config``), the built-in default."""
    env = os.environ if environ is None else environ
    values: dict[str, Value] = {}
    for setting in SETTINGS:
        flagged = given.get(setting.param) if setting.param is not None else None
        if flagged is not None and flagged != []:
            values[setting.key] = Value(flagged, f"flag {setting.flag}", setting)
        elif setting.env and env.get(setting.env, "").strip():
            raw = env[setting.env].strip()
            values[setting.key] = Value(setting.from_env(raw), f"env {setting.env}", setting)
        elif setting.key in config:
            values[setting.key] = Value(config[setting.key], f"config {config_origin}", setting)
        else:
            values[setting.key] = Value(setting.default, "default", setting)
    return Settings(values)


def check_type(key: str, value: object, where: str) -> Any:
    setting = BY_KEY[key]
    converted = setting.convert(value)
    if converted is None:
        got = type(value).__name__
        shown = "" if setting.secret else f" {value!r}"[:60]
        raise UsageError(f"{where}: {key} must be a {setting.kind}, got {got}{shown}")
    return converted
