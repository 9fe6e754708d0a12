"""The config file's favourite ``teams``, changed in place (the table's ``f`` key): the
``teams = [...]`` line rewritten, every other line of the file kept as it was, written to a
new file in the same folder and renamed over the old one (a crash leaves one or the other,
never half), with the old file's permissions."""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from pathlib import Path

from livescore.core.errors import UsageError

# a top-level ``teams = [ ... ]`` (one line or several), before the first [section]
_TEAMS = re.compile(r"^teams\s*=\s*\[[^\]]*\]\s*(#.*)?$", re.MULTILINE)


def toggled(text: str, team: str) -> tuple[str, bool]:
    """The file's text with ``team`` added to its favourites, or taken out if it was there
    (any case); and whether it is a favourite now."""
    section = re.search(r"^\s*\[", text, re.MULTILINE)
    top = text[: section.start()] if section else text
    found = _TEAMS.search(top)
    current: list[str] = []
    comment = ""
    if found is not None:
        comment = f"  {found.group(1)}" if found.group(1) else ""
        try:
            value = tomllib.loads(found.group(0))["teams"]
        except (tomllib.TOMLDecodeError, KeyError):
            raise UsageError("the config file's teams is not a list of strings") from None
        current = [str(v) for v in value]
    wanted = team.strip()
    kept = [t for t in current if t.upper() != wanted.upper()]
    now_on = len(kept) == len(current)
    if now_on:
        kept.append(wanted)
    line = "teams = " + json.dumps(kept, ensure_ascii=False) + comment
    if found is not None:
        return text[: found.start()] + line + text[found.end() :], now_on
    return line + "\n" + text, now_on


def toggle(path: Path, team: str) -> bool:
    """Toggle ``team`` in the file at ``path`` (created if missing); True: a favourite now."""
    try:
        text = path.read_text(encoding="utf-8")
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        text, mode = "", 0o600
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    new, on = toggled(text, team)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(new)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    return on
