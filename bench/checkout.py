"""Run the livescore of another checkout (an earlier commit) beside this one, for before /
after numbers in the same run: ``git worktree add /tmp/before COMMIT``, then
``python -m bench.stream_throughput --before /tmp/before``."""

from __future__ import annotations

import sys


def livescore_from(folder: str | None) -> list[str]:
    """The command that runs ``livescore`` from ``folder`` (None: this checkout)."""
    if folder is None:
        return [sys.executable, "-m", "livescore"]
    code = f"import sys; sys.path.insert(0, {folder!r}); from livescore.cli import main; main()"
    return [sys.executable, "-c", code]
