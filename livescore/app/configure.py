"""`livescore config show | path | init`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from livescore.app.config import TEMPLATE, config_path, load
from livescore.app.settings import SETTINGS, resolve
from livescore.core.errors import UsageError
from livescore.sinks.stdout import write_lines


def show(config: str | None, as_json: bool, warn: Callable[[str], None]) -> None:
    """Every effective value (flags aside: this command has none) and where it came from."""
    file = load(config, warn)
    settings = resolve({}, file.values, str(file.path))
    state = "" if file.found else " (not found: built-in defaults apply)"
    if as_json:
        rows = [
            {
                "key": s.key,
                "value": "***" if s.secret and settings.get(s) else settings.get(s),
                "origin": settings[s].origin,
            }
            for s in SETTINGS
        ]
        body = {"file": str(file.path), "found": file.found, "settings": rows}
        write_lines(sys.stdout.buffer, [json.dumps(body, ensure_ascii=False, indent=2)])
        return
    width = max(len(s.key) for s in SETTINGS)
    lines = [f"# config file: {file.path}{state}"]
    for s in SETTINGS:
        value = settings[s]
        lines.append(f"{s.key:<{width}}  {value.shown():<40}  {value.origin}")
    write_lines(sys.stdout.buffer, lines)


def path(config: str | None) -> None:
    write_lines(sys.stdout.buffer, [str(config_path(config)[0])])


def init(config: str | None, force: bool) -> None:
    target, _ = config_path(config)
    if target.exists() and not force:
        raise UsageError(f"{target} exists already (--force overwrites it)")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(TEMPLATE, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None
    print(f"wrote {target}", file=sys.stderr)
