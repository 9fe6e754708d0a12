"""Each command lives in one module: its Typer parameters are its ``build``'s, one for one,
typed; a setting is taken from the parameter its ``param`` names; bad values answer in
plain words."""

from __future__ import annotations

import inspect
import subprocess
import sys
import typing

import pytest
import typer
from typer.main import get_command

from livescore.app.launch import Given
from livescore.app.settings import SETTINGS
from livescore.cli import app
from livescore.commands import demo, line, matches, replay, serve, stream, tail, wait, watch
from livescore.commands.registry import SUMMARIES
from tests.helpers import run_cli

BUILT = {
    "watch": watch,
    "wait": wait,
    "line": line,
    "stream": stream,
    "matches": matches,
    "demo": demo,
    "serve": serve,
    "tail": tail,
    "replay": replay,
}


@pytest.mark.parametrize("name", sorted(BUILT))
def test_typer_parameters_are_the_builds(name: str) -> None:
    module = BUILT[name]
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    registered = group.get_command(typer.Context(group), name)
    assert registered is not None
    given, *params = inspect.signature(module.build).parameters.values()
    assert given.name == "given" and given.annotation is Given
    assert [p.name for p in registered.params] == [p.name for p in params]
    for param, declared in zip(registered.params, params, strict=True):
        if declared.default is inspect.Parameter.empty:
            assert param.required, declared.name
        else:
            assert param.default == declared.default, declared.name
        # every parameter is declared for Typer in the build's own annotation
        assert typing.get_origin(declared.annotation) is typing.Annotated, declared.name
    # build returns the command's own frozen options, which its run takes
    options = typing.get_type_hints(module.build)["return"]
    assert typing.get_type_hints(module.run)["options"] is options
    assert options.__dataclass_params__.frozen


@pytest.mark.parametrize("name", sorted(BUILT))
def test_the_help_listing_says_what_the_command_says(name: str) -> None:
    """--help lists the commands from their summaries, without importing them: each summary
    is the first paragraph of the command's own help."""
    doc = inspect.getdoc(BUILT[name].build)
    assert doc is not None
    assert SUMMARIES[name] == " ".join(doc.split("\n\n")[0].split())


def test_version_and_help_import_no_command_module() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from livescore.cli import main\n"
        "for argv in (['--version'], ['--help']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "        main(argv)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[-1] in {sorted(BUILT)!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_flag_setting_names_a_parameter_some_build_has() -> None:
    names = {p for module in BUILT.values() for p in inspect.signature(module.build).parameters}
    for setting in SETTINGS:
        if setting.flag is not None and setting.flag.startswith("--"):
            # --publish carries a Redis and an MQTT URL: split_publish hands each its own
            shared = setting.flag == "--publish" and "publish" in names
            assert setting.param in names or shared, setting.key


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["watch", "nba", "--interval", "abc"], "'abc' is not a number"),
        (["serve", "nba", "--port", "８０"], "is not a whole number"),
        (["serve", "nba", "--port", "1.5"], "'1.5' is not a whole number"),
        (["demo", "--speed", "fast"], "'fast' is not a number"),
        (["tail", "http://127.0.0.1:9/"], "expected a ws://, wss://, redis:// or rediss:// URL"),
    ],
)
def test_bad_values_are_refused_in_plain_words(args: list[str], said: str) -> None:
    result = run_cli(*args, timeout=20)
    assert result.returncode == 2
    assert said in result.stderr
    assert "Traceback" not in result.stderr and "pydantic" not in result.stderr.lower()
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_usage_line_writes_a_required_argument_plainly() -> None:
    assert run_cli("replay", "--help").stdout.splitlines()[0].endswith(" replay [OPTIONS] FILE")
    assert (
        run_cli("watch", "--help").stdout.splitlines()[0].endswith(" watch [OPTIONS] [LEAGUE]...")
    )
