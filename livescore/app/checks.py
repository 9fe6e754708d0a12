"""Checks of option values: each returns the cleaned value or raises UsageError (exit 2)
naming the flag, variable or config key the value came from. No side effects."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from livescore.core.errors import UsageError

FORMATS = ("table", "lines", "jsonl")


def seconds(value: float, label: str) -> float:
    if not 0 < value <= 86400:  # also refuses NaN
        raise UsageError(f"{label} must be a number of seconds above 0, got {value:g}")
    return value


def duration(text: str | None, label: str, most: float = 7 * 86400) -> float | None:
    """``90`` (seconds), ``45s``, ``2m``, ``3h``, ``1h30m`` → seconds; None for none."""
    import re

    if text is None or not text.strip():
        return None
    value = text.strip().lower()
    parts = re.fullmatch(r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s?)?", value)
    if parts is None or not any(parts.groups()):
        raise UsageError(f"bad {label}: {text!r} (expected seconds or 45s, 2m, 3h, 1h30m)")
    hours, minutes, secs = (float(g) if g else 0.0 for g in parts.groups())
    total = hours * 3600 + minutes * 60 + secs
    if not 0 < total <= most:
        raise UsageError(f"bad {label}: {text!r} (more than 0 and at most {spoken(most)})")
    return total


def spoken(seconds: float) -> str:
    """``30s``, ``2m``, ``1h30m``, ``7 days``: a duration as people write it."""
    if seconds >= 86400 and seconds % 86400 == 0:
        days = int(seconds // 86400)
        return f"{days} day" if days == 1 else f"{days} days"
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h" if hours else "", f"{minutes}m" if minutes else ""]
    fraction = seconds - whole
    if secs or fraction or not any(parts):
        parts.append(f"{secs + fraction:g}s")
    return "".join(parts)


def delay(text: str | None) -> float:
    """``--delay DURATION``: seconds (0 for none), at most a day."""
    return duration(text, "--delay", most=86400) or 0.0


def hook(command: str | None, kinds: Sequence[str] | None) -> Any:
    """``--on-event CMD`` / ``--on-kind K,K``: a Hook, or None; the program must exist."""
    import os
    import shlex
    import shutil

    from livescore.sinks.hooks import DEFAULT_KINDS, KINDS, Hook

    if command is None:
        if kinds:
            raise UsageError("--on-kind goes with --on-event")
        return None
    try:
        argv = tuple(shlex.split(command))
    except ValueError as exc:
        raise UsageError(f"bad --on-event: {exc}") from None
    if not argv:
        raise UsageError("--on-event needs a command")
    program = argv[0]
    found = shutil.which(program) if os.sep not in program else program
    if found is None or not os.access(found, os.X_OK) or os.path.isdir(found):
        raise UsageError(f"--on-event: no such program {program!r} (it is run without a shell)")
    chosen = [k.strip().lower() for text in kinds or () for k in text.split(",") if k.strip()]
    for kind in chosen:
        if kind not in KINDS:
            raise UsageError(f"--on-kind is one or more of {', '.join(KINDS)}, got {kind!r}")
    return Hook(argv, frozenset(chosen or DEFAULT_KINDS))


def speed(value: float, label: str, *, zero_ok: bool, most: float) -> float:
    low = value >= 0 if zero_ok else value > 0
    if not (low and value <= most):  # also refuses NaN
        floor = "0 or more" if zero_ok else "above 0"
        raise UsageError(f"{label} must be {floor} and at most {most:g}, got {value:g}")
    return value


def port(value: int, label: str) -> int:
    if not 0 <= value <= 65535:
        raise UsageError(f"{label} must be 0 to 65535, got {value}")
    return value


def date(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) != 8 or not text.isdigit():
            raise ValueError
        datetime.strptime(text, "%Y%m%d")
    except ValueError:
        raise UsageError(f"bad --date {value!r}: give one day as YYYYMMDD, e.g. 20260502") from None
    return text


def season(value: str | None) -> str | None:
    """``--season YEAR``: a year ESPN may have (1900-2100)."""
    if value is None:
        return None
    text = value.strip()
    if not (len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100):
        raise UsageError(f"bad --season {value!r}: give a year, e.g. 2025")
    return text


def days(value: int) -> int:
    from livescore.espn.season import MAX_DAYS

    if not 1 <= value <= MAX_DAYS:
        raise UsageError(f"--days must be 1 to {MAX_DAYS}, got {value}")
    return value


def url(value: str, label: str, schemes: tuple[str, ...]) -> str:
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in schemes or not parts.hostname:
        raise UsageError(f"bad {label}: expected a {' or '.join(schemes)} URL")
    return text


def match_ids(values: list[str]) -> tuple[str, ...]:
    ids = []
    for raw in values:
        if not raw.strip().isdigit() or len(raw.strip()) > 18:
            raise UsageError(f"bad match id {raw!r}: Sportrix match ids are whole numbers")
        ids.append(str(int(raw)))
    return tuple(dict.fromkeys(ids))


def key(value: str | None) -> str:
    if not value or not value.strip():
        raise UsageError("no Sportrix API key: set SPORTRIX_API_KEY (or pass --key)")
    return value.strip()


def token(value: str | None, label: str) -> str | None:
    if value is None:
        return None
    if not value.strip():
        raise UsageError(f"{label} is empty")
    return value


def output_format(
    fmt: str | None, json_flag: bool, preferred: str | None = None, where: str = ""
) -> str:
    """``--json`` wins; then ``--format``; on a terminal, then the config file's ``format``
    (``preferred``, checked and named by ``where``) or table; anywhere else, jsonl: a pipe
    gets JSON lines unless a flag says otherwise, whatever the config file prefers."""
    if json_flag:
        if fmt not in (None, "jsonl", "json"):
            raise UsageError(f"--json conflicts with --format {fmt}")
        return "jsonl"
    if fmt is not None:
        return _format_name(fmt, "--format")
    chosen = _format_name(preferred, where) if preferred is not None else "table"
    return chosen if sys.stdout.isatty() else "jsonl"


def _format_name(fmt: str, label: str) -> str:
    name = fmt.strip().lower()
    if name == "json":
        name = "jsonl"
    if name not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} ({label}): choose table, lines or jsonl")
    return name


def zone(name: str | None) -> Any:
    """``--tz ZONE``: an IANA zone (Europe/London), or None for the system's."""
    if name is None or not name.strip():
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"unknown time zone {name!r} (an IANA name such as America/New_York)"
        ) from None


def token_file(path: str, warn: Callable[[str], None]) -> str:
    """``--token-file FILE``: the token is the file's first line. A file others may read is
    said once, as ssh says of a private key (it is still used)."""
    import os
    import stat

    try:
        with open(path, encoding="utf-8") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            text = handle.read(4096)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise UsageError(f"cannot read --token-file {path!r}: {reason}") from None
    token = text.strip().splitlines()[0].strip() if text.strip() else ""
    if not token:
        raise UsageError(f"--token-file {path!r} is empty")
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        warn(f"--token-file {path!r} can be read by others (mode {stat.filemode(mode)}): "
             f"chmod 600 {path}")  # fmt: skip
    return token


def given_token(token: str | None, file: str | None, warn: Callable[[str], None]) -> str | None:
    """``--token`` or ``--token-file`` (not both); None for neither."""
    if token is not None and file is not None:
        raise UsageError("give --token or --token-file, not both")
    return token_file(file, warn) if file is not None else token


def origin(value: str) -> str:
    """``--allow-origin``: a web origin, scheme://host[:port], as a browser sends it."""
    text = value.strip().rstrip("/")
    parts = urlsplit(text) if text else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
        raise UsageError(
            f"bad --allow-origin {value!r}: give an origin such as https://dash.example.com"
        )
    return text
