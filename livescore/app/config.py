"""The config file: where it is, reading it (tomllib), and a commented one to start from.

``$LIVESCORE_CONFIG`` or ``--config FILE`` chooses it; else
``$XDG_CONFIG_HOME/livescore/config.toml``, else ``~/.config/livescore/config.toml``. A
missing default file is no error (built-in defaults apply); a missing chosen one is.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from livescore.app.settings import BY_KEY, SETTINGS, check_type
from livescore.core.errors import UsageError


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    chosen: bool  # named by --config / LIVESCORE_CONFIG (so it must exist)
    values: Mapping[str, Any] = field(default_factory=dict)  # "section.key" → checked value
    found: bool = False


def default_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "livescore" / "config.toml"


def config_path(given: str | None, environ: Mapping[str, str] | None = None) -> tuple[Path, bool]:
    """The path to read, and whether the user chose it."""
    env = os.environ if environ is None else environ
    chosen = given or env.get("LIVESCORE_CONFIG", "").strip()
    if chosen:
        return Path(chosen).expanduser(), True
    return default_path(env), False


def load(
    given: str | None,
    warn: Callable[[str], None],
    environ: Mapping[str, str] | None = None,
) -> ConfigFile:
    env = os.environ if environ is None else environ
    path, chosen = config_path(given, env)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if chosen:
            raise UsageError(f"config file {str(path)!r} does not exist") from None
        return ConfigFile(path, chosen)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise UsageError(f"cannot read config file {str(path)!r}: {reason}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: {_toml_error(exc)}") from None
    _check_mode(path, data, warn)
    return ConfigFile(path, chosen, _checked(data, str(path), warn, env), True)


def _check_mode(path: Path, data: Mapping[str, Any], warn: Callable[[str], None]) -> None:
    """A file that holds a secret itself (not ``{ env = ... }``) and that others may read is
    said, as ssh says of a private key; it is still read."""
    import stat

    held = [k for k, v in _flatten(data) if k in BY_KEY and BY_KEY[k].secret and isinstance(v, str)]
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if held and mode & (stat.S_IRWXG | stat.S_IRWXO):
        warn(
            f"config file {str(path)!r} holds {', '.join(held)} and can be read by others "
            f"(mode {stat.filemode(mode)}): chmod 600 {path}"
        )


def _toml_error(exc: tomllib.TOMLDecodeError) -> str:
    """``line 3, column 9: invalid value`` from tomllib's message (any Python version)."""
    message = str(exc)
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    what = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    if found:
        return f"line {found.group(1)}, column {found.group(2)}: {what}"
    return f"at the end of the file: {what}" if "end of document" in message else what


def _checked(
    data: Mapping[str, Any], where: str, warn: Callable[[str], None], env: Mapping[str, str]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in _flatten(data):
        setting = BY_KEY.get(key)
        if setting is None:
            close = difflib.get_close_matches(key, [s.key for s in SETTINGS], n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]}?)" if close else ""
            warn(f"{where}: unknown key {key!r}{hint}; it is ignored")
            continue
        if setting.secret and isinstance(value, dict):
            value = _env_reference(key, value, where, env)
            if value is None:
                continue
        out[key] = check_type(key, value, where)
    return out


def _flatten(data: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = []
    for name, value in data.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict) and not (key in BY_KEY and BY_KEY[key].secret):
            items.extend(_flatten(value, f"{key}."))
        else:
            items.append((key, value))
    return items


def _env_reference(key: str, value: dict[str, Any], where: str, env: Mapping[str, str]) -> Any:
    """``token = { env = "BRIDGE_TOKEN" }``: the secret is read from that variable."""
    name = value.get("env")
    if set(value) != {"env"} or not isinstance(name, str) or not name.strip():
        raise UsageError(f'{where}: {key} must be a string or {{ env = "VARIABLE" }}')
    return env.get(name.strip()) or None


TEMPLATE = """\
# livescore configuration (TOML). Precedence: flag > environment > this file > default.
# `livescore config show` prints every effective value and where it came from.

# Leagues `livescore watch` and `livescore serve` follow when you give none.
# leagues = ["nba", "epl"]

# Favourite teams: ESPN's abbreviation, full or short name, any case, optionally "league:TEAM".
# They sort first and are marked in the table; with no leagues above, `watch` follows
# their leagues.
# teams = ["nba:BOS", "epl:ARS"]

# Output when stdout is a terminal: table, lines or jsonl (a pipe always gets jsonl).
# format = "table"

# notify = { env = "LIVESCORE_NOTIFY" }  # apprise URLs for --notify (they hold tokens)

[espn]
# url = "https://site.api.espn.com"   # env LIVESCORE_ESPN_URL
# interval = 5.0                      # seconds between polls while a game is live
# timeout = 10.0                      # seconds each request may take
# fastcast_url = "https://fastcast.semfs.engsvc.go.com"   # --push; env LIVESCORE_FASTCAST_URL
# day_ends = 6                        # hour (ET) until which yesterday's late games are polled

[sportrix]
# Keep the key out of this file: by default it is read from SPORTRIX_API_KEY. To read it
# from another variable:
# key = { env = "MY_SPORTRIX_KEY" }
# stream_url = "wss://scores.sportrixdata.com/v1/stream"
# api_url = "https://api.sportrixdata.com/api"
# idle_timeout = 60.0
# rediscover = 60.0

[bridge]
# host = "127.0.0.1"
# port = 8765
# token = { env = "LIVESCORE_TOKEN" }
# url = "ws://127.0.0.1:8765/"        # what `livescore tail` follows when given no URL

[redis]
# url = { env = "LIVESCORE_REDIS_URL" }   # `serve` publishes there (redis:// or rediss://)
# stream = "livescore:espn"
# maxlen = 10000

[mqtt]
# url = { env = "LIVESCORE_MQTT_URL" }    # `watch` and `serve` publish there (mqtt://, mqtts://)
# ha_discovery = false                  # Home Assistant devices for the favourite teams
"""
