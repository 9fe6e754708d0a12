"""The core (model, board, parsers, JSON rendering) must not need httpx, websockets or rich."""

import subprocess
import sys


def test_core_imports_without_io_libraries() -> None:
    code = (
        "import sys\n"
        "import livescore.model, livescore.board, livescore.espn.parse, livescore.sanitize\n"
        "import livescore.jsonlines, livescore.render.lines, livescore.leagues\n"
        "bad = sorted(m for m in ('httpx', 'websockets', 'rich', 'typer') if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_version_and_help_load_only_what_they_need() -> None:
    """Start-up is what `--version` and `--help` cost: no event loop, no network, no Rich."""
    code = (
        "import sys, contextlib, io\n"
        "from livescore.cli import main\n"
        "for argv in (['--version'], ['--help']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "        main(argv)\n"
        "heavy = ('asyncio', 'httpx', 'websockets', 'rich', 'livescore.board', 'msgspec')\n"
        "print(','.join(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
