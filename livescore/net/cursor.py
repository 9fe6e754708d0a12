"""A follower's position kept in a file (``tail --cursor FILE``), so a restarted follower
resumes where the last one stopped. The file holds one JSON object; it is replaced whole
(a crash leaves the old position or the new one, never half of either)."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from livescore.core.errors import UsageError


def read_cursor(path: str, needs: tuple[str, ...]) -> dict[str, Any] | None:
    """The position in ``path`` (None when there is none yet); refused, naming the file,
    when it is not one of ours or lacks ``needs``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the cursor file {path!r}: {exc}") from None
    if not isinstance(data, dict) or any(data.get(k) is None for k in needs):
        raise UsageError(f"the cursor file {path!r} holds no position (delete it to start over)")
    return data


def write_cursor(path: str, position: dict[str, Any]) -> None:
    temporary = f"{path}.tmp"
    with contextlib.suppress(OSError):
        Path(temporary).write_text(json.dumps(position), encoding="utf-8")
        os.replace(temporary, path)
