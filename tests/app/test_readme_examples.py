"""The README's examples of ``schedule``, ``next`` and ``standings`` run: each command line
(before any pipe) against the package's ESPN simulator. The simulator has the NBA and the
Premier League only, so an example of another league may end in ESPN's error (exit 1), but
none is refused as bad usage (exit 2) and none crashes."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator

import pytest

from livescore.sim import espn_server
from tests.helpers import ROOT, cli_env, run_cli

COMMANDS = ("schedule", "next", "standings")


def examples() -> list[str]:
    text = (ROOT / "README.md").read_text()
    found = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            if not line.startswith("livescore "):
                continue
            command = re.sub(r"\s#.*$", "", line).split("|", 1)[0].split("&&", 1)[0].strip()
            words = shlex.split(command)
            if len(words) > 1 and words[0] == "livescore" and words[1] in COMMANDS:
                found.append(command)
    return found


@pytest.fixture(scope="module")
def simulator() -> Iterator[str]:
    with espn_server.run() as (url, _):
        yield url


@pytest.fixture(scope="module")
def favourites(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A config file with favourite teams, as the examples without teams expect."""
    home = tmp_path_factory.mktemp("xdg")
    (home / "livescore").mkdir()
    (home / "livescore" / "config.toml").write_text('teams = ["nba:BOS", "epl:ARS"]\n')
    return str(home)


def test_the_readme_has_examples_of_each_command() -> None:
    found = examples()
    assert {shlex.split(c)[1] for c in found} == set(COMMANDS)


@pytest.mark.parametrize("command", examples())
def test_each_example_runs(command: str, simulator: str, favourites: str) -> None:
    env = cli_env(LIVESCORE_ESPN_URL=simulator, XDG_CONFIG_HOME=favourites)
    result = run_cli(*shlex.split(command)[1:], env=env)
    assert result.returncode in (0, 1), (command, result.stderr)
    assert "Traceback" not in result.stderr
    elsewhere = any(league in command for league in ("nfl", "worldcup", "mlb", "nhl"))
    if not elsewhere:  # the simulator's own leagues: it answers
        assert result.returncode == 0 or "no nba games" in result.stderr, (command, result.stderr)
