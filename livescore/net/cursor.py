"""A follower's position kept in a file (``tail --cursor FILE``), so a restarted follower
resumes where the last one stopped. The file holds one JSON object, padded with spaces to a
fixed size and rewritten in place by one ``pwrite`` per event: a write of a few hundred
bytes at offset 0 is one copy into the page cache, so a crash leaves the old position or the
new one, never half of either, and it costs a system call, not a file replaced per event
(295 µs each: what held `tail redis://… --cursor` to 2.5k events/s)."""

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


SIZE = 512  # bytes of the padded record: positions are far shorter
_open: dict[str, int] = {}  # path → its descriptor, kept open for the run


def check_writable(path: str) -> str:
    """``--cursor FILE`` must be a file livescore can keep: refused at the start (exit 2)
    when its folder does not exist or cannot be written, or it is not a file."""
    target = Path(path)
    folder = target.parent
    if target.exists() and not target.is_file():
        raise UsageError(f"the cursor file {path!r} is not a file")
    if not folder.is_dir():
        raise UsageError(f"cannot keep the cursor file {path!r}: no folder {str(folder)!r}")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise UsageError(f"cannot keep the cursor file {path!r}: not writable")
    return path


def write_cursor(path: str, position: dict[str, Any]) -> None:
    """The position, in place (see above). A file that cannot be written is passed over:
    the follower goes on, and resumes from an older position after a restart."""
    data = json.dumps(position).encode()
    if len(data) >= SIZE:
        return
    fd = _open.get(path)
    with contextlib.suppress(OSError):
        if fd is None:
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
            fd = _open[path] = os.open(path, flags, 0o600)
        os.pwrite(fd, data.ljust(SIZE), 0)
