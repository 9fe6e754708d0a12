"""The config file and settings: where it is, precedence (flag > env > file > default),
`config show | path | init`, errors that name file, line and key, favourites, completion."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from livescore.app.settings import SETTINGS
from livescore.sim.http import serve
from tests.helpers import Script, cli_env, event, jsonl, ok, run_cli


def _env(tmp_path: Path, text: str | None = None, **extra: str) -> dict[str, str]:
    path = tmp_path / "config.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    return cli_env(LIVESCORE_CONFIG=str(path), **extra)


def _show(env: dict[str, str]) -> dict[str, dict[str, object]]:
    result = run_cli("config", "show", "--json", env=env)
    assert result.returncode == 0, result.stderr
    return {row["key"]: row for row in json.loads(result.stdout)["settings"]}


def test_show_names_the_origin_of_every_value_in_precedence_order(tmp_path: Path) -> None:
    text = '[espn]\nurl = "http://127.0.0.1:1"\ninterval = 2.5\n[bridge]\nport = 9999\n'
    shown = _show(_env(tmp_path, text, LIVESCORE_ESPN_URL="http://127.0.0.1:2"))
    assert set(shown) == {s.key for s in SETTINGS}
    assert shown["espn.url"]["value"] == "http://127.0.0.1:2"  # env beats the file
    assert shown["espn.url"]["origin"] == "env LIVESCORE_ESPN_URL"
    assert shown["espn.interval"] == {
        "key": "espn.interval",
        "value": 2.5,
        "origin": f"config {tmp_path / 'config.toml'}",
    }
    assert shown["bridge.port"]["value"] == 9999
    assert shown["espn.timeout"]["origin"] == "default"
    assert shown["espn.timeout"]["value"] == 10.0


def test_a_flag_beats_env_beats_file_beats_default(tmp_path: Path) -> None:
    bad = "http://127.0.0.1:9"
    with serve(Script([ok(event())])) as good:
        file_only = _env(tmp_path, f'[espn]\nurl = "{good}"\n')
        assert run_cli("watch", "nba", "--once", env=file_only).returncode == 0
        env_wins = _env(tmp_path, f'[espn]\nurl = "{bad}"\n', LIVESCORE_ESPN_URL=good)
        assert run_cli("watch", "nba", "--once", env=env_wins).returncode == 0
        flag_wins = _env(tmp_path, f'[espn]\nurl = "{bad}"\n', LIVESCORE_ESPN_URL=bad)
        result = run_cli("watch", "nba", "--once", "--espn-url", good, env=flag_wins)
        assert result.returncode == 0, result.stderr
        assert jsonl(result.stdout)[0]["id"] == "401"


def test_malformed_toml_names_file_line_and_column(tmp_path: Path) -> None:
    result = run_cli("watch", "nba", "--once", env=_env(tmp_path, 'leagues = ["nba"\nx = 1\n'))
    assert result.returncode == 2
    assert str(tmp_path / "config.toml") in result.stderr
    assert "line 2, column" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_unknown_key_warns_with_the_closest_known_one(tmp_path: Path) -> None:
    shown = run_cli("config", "show", env=_env(tmp_path, "[espn]\nintervall = 3\n"))
    assert shown.returncode == 0
    assert "unknown key 'espn.intervall' (did you mean espn.interval?)" in shown.stderr


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[espn]\ninterval = "fast"\n', "espn.interval"),
        ("leagues = 'nba'\n", "leagues"),
        ("[bridge]\nport = 1.5\n", "bridge.port"),
        ("[sportrix]\nkey = 12345\n", "sportrix.key"),
    ],
)
def test_a_wrong_type_exits_2_naming_the_key(tmp_path: Path, text: str, key: str) -> None:
    result = run_cli("watch", "nba", "--once", env=_env(tmp_path, text))
    assert result.returncode == 2
    assert f"{key} must be a" in result.stderr
    assert "12345" not in result.stderr  # a secret's value is never echoed


def test_values_from_the_file_are_checked_like_flags(tmp_path: Path) -> None:
    result = run_cli("watch", "nba", "--once", env=_env(tmp_path, "[espn]\ninterval = 0\n"))
    assert result.returncode == 2
    assert f"espn.interval in {tmp_path / 'config.toml'} must be" in result.stderr


def test_a_chosen_file_that_is_missing_is_an_error_the_default_one_is_not(tmp_path: Path) -> None:
    missing = run_cli("--config", str(tmp_path / "nope.toml"), "config", "show")
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    xdg = cli_env(XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    fine = run_cli("config", "show", env=xdg)
    assert fine.returncode == 0 and "not found: built-in defaults apply" in fine.stdout
    path = run_cli("config", "path", env=xdg)
    assert path.stdout.strip() == str(tmp_path / "xdg" / "livescore" / "config.toml")


def test_init_writes_a_commented_file_that_reads_back_as_the_defaults(tmp_path: Path) -> None:
    xdg = cli_env(XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    del xdg["LIVESCORE_DAY_ENDS"]  # the tests' own setting: here every value is the default
    assert run_cli("config", "init", env=xdg).returncode == 0
    written = tmp_path / "xdg" / "livescore" / "config.toml"
    assert "# teams = " in written.read_text()
    again = run_cli("config", "init", env=xdg)
    assert again.returncode == 2 and "--force" in again.stderr
    shown = _show(xdg)
    assert all(row["origin"] == "default" for row in shown.values())
    assert run_cli("config", "init", "--force", env=xdg).returncode == 0


def test_secrets_come_from_an_env_reference_and_are_never_shown(tmp_path: Path) -> None:
    text = '[sportrix]\nkey = { env = "MY_KEY" }\n[bridge]\ntoken = "tok_secret_1234"\n'
    env = _env(tmp_path, text, MY_KEY="sk_from_reference_99")
    result = run_cli("config", "show", env=env)
    assert "sk_from_reference_99" not in result.stdout + result.stderr
    assert "tok_secret_1234" not in result.stdout + result.stderr
    rows = _show(env)
    assert rows["sportrix.key"]["value"] == "***"
    assert rows["sportrix.key"]["origin"].startswith("config ")
    bad = run_cli("config", "show", env=_env(tmp_path, '[bridge]\ntoken = { file = "x" }\n'))
    assert bad.returncode == 2 and "bridge.token must be a string or" in bad.stderr


def test_favourites_drive_watch_with_no_league_and_sort_first(tmp_path: Path) -> None:
    games = [
        event("1", home=("BOS", "10"), away=("PHI", "12")),
        event("2", home=("LAL", "3"), away=("GS", "4")),
    ]
    script = Script([ok(*games)])
    with serve(script) as url:
        text = f'teams = ["nba:gs", "nba:XYZ"]\n[espn]\nurl = "{url}"\n'
        env = _env(tmp_path, text, COLUMNS="120")
        as_json = run_cli("watch", "--once", env=env)
        table = run_cli("watch", "--once", "--format", "table", env=env)
        filtered = run_cli("watch", "--once", "--team", "team bos", env=env)
    assert as_json.returncode == 0, as_json.stderr
    assert script.requests[0].path == "/apis/site/v2/sports/basketball/nba/scoreboard"
    assert {x["id"] for x in jsonl(as_json.stdout)} == {"1", "2"}
    # an unknown favourite is a warning, not silence
    assert "favourite 'nba:XYZ' has no game on the nba scoreboard" in as_json.stderr
    rows = [line for line in table.stdout.splitlines() if "Team " in line]
    assert "★ Team GS" in rows[0] and "Team PHI" in rows[1]
    # --team still filters (here by full name, any case)
    assert filtered.returncode == 0
    assert [x["id"] for x in jsonl(filtered.stdout)] == ["1"]


def test_watch_with_no_league_and_no_config_says_what_to_do(tmp_path: Path) -> None:
    result = run_cli("watch", env=cli_env(XDG_CONFIG_HOME=str(tmp_path)))
    assert result.returncode == 2
    assert "Missing argument 'LEAGUE...'" in result.stderr and "config init" in result.stderr


def _script() -> Path:
    script = Path(sys.executable).with_name("livescore")
    if not script.exists():
        pytest.skip(f"no console script at {script} (pip install -e . makes it)")
    return script


def _completions(*words: str) -> list[str]:
    script = _script()
    env = cli_env(
        _LIVESCORE_COMPLETE="complete_bash",
        COMP_WORDS=" ".join(["livescore", *words]),
        COMP_CWORD=str(len(words)),
    )
    done = subprocess.run([str(script)], capture_output=True, text=True, env=env, timeout=30)
    return done.stdout.split()


def test_completion_offers_commands_and_league_aliases() -> None:
    assert "watch" in _completions("wa")
    assert {"nba", "ncaab", "ncaaf", "ncaaw", "nfl", "nhl", "nwsl"} <= set(
        _completions("watch", "n")
    )
    assert _completions("watch", "epl", "bundes") == ["bundesliga"]
    # the script is for the shell it runs in (Typer finds it among the parent processes):
    # run from bash, as a user types it, whatever started the tests
    shown = subprocess.run(
        ["bash", "-c", f"{_script()} --show-completion; exit $?"], capture_output=True, text=True,
        timeout=30,
    )  # fmt: skip
    assert shown.returncode == 0 and "_LIVESCORE_COMPLETE=complete_bash" in shown.stdout


def test_the_init_template_names_every_setting() -> None:
    from livescore.app.config import TEMPLATE

    for setting in SETTINGS:
        section, _, name = setting.key.rpartition(".")
        assert f"# {name} =" in TEMPLATE, setting.key
        if section:
            assert f"[{section}]" in TEMPLATE, setting.key
