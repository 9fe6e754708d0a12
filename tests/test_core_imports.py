"""The core (model, board, parsers, JSON rendering) must not need httpx, websockets or rich."""

import subprocess
import sys


def test_core_imports_without_io_libraries() -> None:
    code = (
        "import sys\n"
        "import livescore.model, livescore.board, livescore.espn.parse, livescore.sanitize\n"
        "import livescore.render.jsonl, livescore.render.lines, livescore.leagues\n"
        "bad = sorted(m for m in ('httpx', 'websockets', 'rich', 'typer') if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
