"""The layers, held: the core (a whole folder) needs no I/O library, imports run only down
(commands → app → sources and sinks → net → core), and start-up loads only what it needs."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "livescore"

# A module may import from its own layer and those below it, never from one above.
LAYERS = {
    "core": 0,
    "net": 1,
    "espn": 2,
    "sportrix": 2,
    "bridge": 2,
    "redisstream": 2,
    "mqtt": 2,
    "notify": 2,
    "jsonlines": 2,
    "render": 2,
    "sinks": 2,
    "sim": 2,
    "app": 3,
    "tui": 3,
    "commands": 4,
    "cli": 5,
}


def _imports(path: Path) -> set[str]:
    """Every livescore module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("livescore.")}


def _layer(module: str) -> int | None:
    part = module.split(".")[1]
    return LAYERS.get(part.removesuffix(".py"))


def test_every_module_is_in_a_layer_folder() -> None:
    loose = sorted(
        p.name
        for p in PACKAGE.glob("*.py")
        if p.name not in ("__init__.py", "__main__.py", "cli.py")
    )
    assert loose == []
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders <= set(LAYERS)


def test_imports_run_only_down_the_layers() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        module = "livescore." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        if module.endswith(("__init__", "__main__")) and module.count(".") == 1:
            continue
        own = _layer(module)
        assert own is not None, module
        for name in _imports(path):
            other = _layer(name)
            if other is not None and other > own:
                wrong.append(f"{module} imports {name}")
    assert wrong == []


def test_the_core_folder_imports_no_io_library() -> None:
    modules = sorted(
        f"livescore.core.{p.stem}" for p in (PACKAGE / "core").glob("*.py") if p.stem != "__init__"
    )
    assert len(modules) >= 10
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "io = ('httpx', 'websockets', 'rich', 'typer', 'redis', 'asyncio', 'socket')\n"
        "print(','.join(sorted(m for m in io if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_parsers_and_renderers_import_no_io_library() -> None:
    code = (
        "import sys\n"
        "import livescore.espn.parse, livescore.sportrix.parse, livescore.sportrix.session\n"
        "import livescore.jsonlines, livescore.render.lines\n"
        "bad = sorted(m for m in ('httpx', 'websockets', 'rich', 'typer') if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_version_and_help_load_only_what_they_need() -> None:
    """Start-up is what `--version` and `--help` cost: no event loop, no network, no Rich,
    and no pydantic (livescore converts its own parameters)."""
    code = (
        "import sys, contextlib, io\n"
        "from livescore.cli import main\n"
        "for argv in (['--version'], ['--help'], ['watch', '--help'], ['serve', '--help']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "        main(argv)\n"
        "heavy = ('asyncio', 'httpx', 'websockets', 'rich', 'livescore.core.board', 'msgspec',\n"
        "         'pydantic')\n"
        "print(','.join(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
