"""``livescore standings``, ``schedule`` and ``next`` as a user runs them: the real CLI against
real ESPN captures served on 127.0.0.1 (and the package's simulator), in each output; the
requests each makes; bad input and upstream failures as one line and the documented exit
code; --record and --replay. The JSON lines validate against ``livescore schema``."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from livescore.sim import espn_server
from livescore.sim.http import Request, Response, serve
from tests.helpers import DETAIL, SKIP_SHARED, cli_env, jsonl, popen_cli, run_cli

NBA = DETAIL / "standings_nba_2024-25__aaronweldy.json"
NFL = DETAIL / "standings_nfl_2024__aaronweldy.json"
KC_2023 = DETAIL / "schedule_nfl_team12-KC_2023_all-final__aaronweldy.json"
needs_shared = pytest.mark.skipif(not NBA.is_file(), reason=SKIP_SHARED)
TEAMS = {"sports": [{"leagues": [{"teams": [
    {"team": {"id": "12", "abbreviation": "KC", "displayName": "Kansas City Chiefs",
              "shortDisplayName": "Chiefs"}},
    {"team": {"id": "2", "abbreviation": "BUF", "displayName": "Buffalo Bills",
              "shortDisplayName": "Bills"}},
]}]}]}  # fmt: skip


class Espn:
    """A handler: answers by path, remembers every request."""

    def __init__(self, routes: dict[str, Callable[[Request], Response]]) -> None:
        self.routes = routes
        self.seen: list[Request] = []
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        with self.lock:
            self.seen.append(request)
        for path, answer in self.routes.items():
            if request.path == path:
                return answer(request)
        return Response(404, b'{"code": 404, "message": "Not found."}')


def file(path: Path) -> Callable[[Request], Response]:
    return lambda request: Response(200, path.read_bytes())


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(run_cli("schema").stdout))


def valid(validator: Draft202012Validator, lines: list[dict[str, Any]]) -> None:
    assert lines
    for line in lines:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(line)]
        assert not errors, (line, errors)


@pytest.fixture
def espn() -> Iterator[tuple[str, Espn]]:
    handler = Espn({
        "/apis/v2/sports/basketball/nba/standings": file(NBA),
        "/apis/v2/sports/football/nfl/standings": file(NFL),
        "/apis/site/v2/sports/basketball/nba/standings": lambda r: Response(
            200, b'{"fullViewLink": {"text": "Full Standings"}}'),
        "/apis/site/v2/sports/football/nfl/teams/kc/schedule": file(KC_2023),
        "/apis/site/v2/sports/football/nfl/teams/12/schedule": file(KC_2023),
        "/apis/site/v2/sports/football/nfl/teams": lambda r: Response(
            200, json.dumps(TEAMS).encode()),
    })  # fmt: skip
    with serve(handler) as url:
        yield url, handler


def config(tmp_path: Path, text: str) -> dict[str, str]:
    (tmp_path / "livescore").mkdir(exist_ok=True)
    (tmp_path / "livescore" / "config.toml").write_text(text)
    return cli_env(XDG_CONFIG_HOME=str(tmp_path))


@needs_shared
def test_standings_are_one_request_in_seed_order_with_favourites_starred(
    espn: tuple[str, Espn], tmp_path: Path
) -> None:
    url, handler = espn
    env = config(tmp_path, 'teams = ["nba:BOS"]\n')
    result = run_cli("standings", "nba", "--espn-url", url, "-f", "table", env=env)
    assert result.returncode == 0, result.stderr
    assert [r.path for r in handler.seen] == ["/apis/v2/sports/basketball/nba/standings"]
    lines = result.stdout.splitlines()
    assert lines[0] == "NBA standings 2024-25"
    east = lines.index("Eastern Conference")
    assert "Cleveland Cavaliers" in lines[east + 2] and "64" in lines[east + 2]
    assert "★ Boston Celtics" in lines[east + 3]
    assert "Oklahoma City Thunder" in lines[lines.index("Western Conference") + 2]
    assert all(len(line) <= 100 for line in lines)


@needs_shared
@pytest.mark.parametrize("columns", ["40", "60", "80", "120"])
def test_the_standings_table_fits_the_width(espn: tuple[str, Espn], columns: str) -> None:
    url, _ = espn
    env = cli_env(COLUMNS=columns)
    for league in ("nba", "nfl"):
        result = run_cli("standings", league, "--espn-url", url, "-f", "table", env=env)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= int(columns), result.stdout
        assert sum(1 for line in lines if line.strip()[:2].strip().isdigit()) == 32 - (
            2 if league == "nba" else 0
        )


@needs_shared
def test_standings_as_json_lines_and_lines(
    espn: tuple[str, Espn], validator: Draft202012Validator
) -> None:
    url, _ = espn
    result = run_cli("standings", "nfl", "--espn-url", url, "--json")
    assert result.returncode == 0, result.stderr
    lines = jsonl(result.stdout)
    valid(validator, lines)
    assert len(lines) == 32 and {line["event"] for line in lines} == {"standing"}
    first = lines[0]
    assert (first["group"], first["rank"], first["team"]["abbr"]) == (
        "American Football Conference", 1, "KC")  # fmt: skip
    assert first["stats"]["wins"] == {"value": 15.0, "display": "15"} and first["clinch"] == "*"
    assert [line["position"] for line in lines[:16]] == list(range(1, 17))
    result = run_cli("standings", "nfl", "--espn-url", url, "-f", "lines", "--group", "nfc")
    rows = result.stdout.splitlines()
    assert len(rows) == 16 and rows[0].startswith("nfl  National Football Conference  1 * DET")


@needs_shared
def test_standings_faults_are_one_line_and_an_exit_code(espn: tuple[str, Espn]) -> None:
    url, _ = espn
    cases = [
        (("standings", "nhl"), 1, "ESPN keeps no standings for nhl"),
        (("standings", "nba", "--group", "pacific"), 2, "nba has no standings group 'pacific'"),
        (("standings", "nba", "--season", "20x5"), 2, "bad --season"),
        (("standings", "nba", "--record", "a", "--replay", "b"), 2, "one or the other"),
    ]
    for args, code, message in cases:
        result = run_cli(*args, "--espn-url", url)
        assert result.returncode == code, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("answer", "code", "message"),
    [
        (Response(403, b"<html><title>Access Denied</title></html>",
                  {"Content-Type": "text/html"}), 3, "Access Denied"),
        (Response(200, b"<html><title>Oops</title>"), 1, "an HTML page instead of JSON"),
        (Response(200, b'{"name": "x", "children": ['), 1, "malformed JSON"),
        (Response(200, b'{"fullViewLink": {}}'), 1, "ESPN keeps no standings for nba"),
        (Response(200, b"[" * 200_000), 1, "JSON"),
    ],
)  # fmt: skip
def test_standings_hostile_answers(answer: Response, code: int, message: str) -> None:
    with serve(lambda request: answer) as url:
        result = run_cli("standings", "nba", "--espn-url", url, "--json")
    assert result.returncode == code, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


@needs_shared
def test_a_failing_answer_is_retried_with_a_warning(validator: Draft202012Validator) -> None:
    answers = [Response(503, b'{"message": "busy"}'), Response(200, NBA.read_bytes())]
    with serve(lambda request: answers.pop(0) if len(answers) > 1 else answers[0]) as url:
        result = run_cli("standings", "nba", "--espn-url", url, "--json")
    assert result.returncode == 0, result.stderr
    assert "HTTP 503: busy (retrying in" in result.stderr
    valid(validator, jsonl(result.stdout))


@needs_shared
def test_record_then_replay_offline_gives_the_same_output(
    espn: tuple[str, Espn], tmp_path: Path
) -> None:
    url, _ = espn
    recording = tmp_path / "season.jsonl"
    commands = [("standings", "nba"), ("schedule", "nfl", "--team", "KC", "--season", "2023")]
    for args in commands:
        first = run_cli(*args, "--espn-url", url, "-f", "lines", "--record", str(recording))
        assert first.returncode == 0, first.stderr
        again = run_cli(*args, "--espn-url", "http://127.0.0.1:9", "-f", "lines",
                        "--replay", str(recording))  # fmt: skip
        assert again.returncode == 0, again.stderr
        assert again.stdout == first.stdout
    refused = run_cli("replay", str(recording))
    assert refused.returncode == 2 and "--replay" in refused.stderr


@needs_shared
def test_a_team_schedule_by_abbreviation_is_one_request(
    espn: tuple[str, Espn], validator: Draft202012Validator
) -> None:
    url, handler = espn
    result = run_cli("schedule", "nfl", "--team", "KC", "--season", "2023", "--espn-url", url,
                     "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [(r.path, r.query) for r in handler.seen] == [
        ("/apis/site/v2/sports/football/nfl/teams/kc/schedule", {"season": ["2023"]})
    ]
    lines = jsonl(result.stdout)
    valid(validator, lines)
    assert len(lines) == 17 and [line["result"] for line in lines].count("W") == 11
    assert lines[0]["game"]["away"]["abbr"] == "DET" and lines[0]["side"] == "home"
    assert lines[0]["game"]["broadcast"] == "NBC" and lines[0]["game"]["round"] == "Week 1"


@needs_shared
def test_a_team_named_in_full_is_found_in_the_team_list(espn: tuple[str, Espn]) -> None:
    url, handler = espn
    result = run_cli("schedule", "--team", "nfl:Kansas City Chiefs", "--season", "2023",
                     "--espn-url", url, "-f", "table")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [r.path for r in handler.seen] == [
        "/apis/site/v2/sports/football/nfl/teams",
        "/apis/site/v2/sports/football/nfl/teams/12/schedule",
    ]
    lines = result.stdout.splitlines()
    assert lines[0] == "Kansas City Chiefs · NFL 2023 Regular Season"
    assert "vs DET" in lines[2] and "L 20-21" in lines[2]
    assert "Bye: week 10" in result.stdout


@needs_shared
def test_schedule_bad_input_and_empty_answers(espn: tuple[str, Espn]) -> None:
    url, _ = espn
    cases = [
        (("schedule", "nfl", "--team", "Jets"), 2, "nfl has no team 'JETS' (its teams: BUF, KC)"),
        (("schedule", "nfl", "--team", "KC", "--season", "2023", "--date", "20240301"), 1,
         "Kansas City Chiefs has no games from Fri Mar 1 in the 2023 season"),
        (("schedule", "nba", "--days", "0"), 2, "--days must be 1 to 31"),
        (("schedule", "nba", "--date", "2026-01-01"), 2, "bad --date"),
        (("schedule", "nba", "--season", "2025"), 2, "--season is for a team's schedule"),
        (("schedule", "--team", "BOS"), 2, "which league is 'BOS' in?"),
        (("schedule",), 2, "Missing argument 'LEAGUE'"),
        (("schedule", "nfl", "--team", "KC", "--last", "-1"), 2, "--last must be 0 or more"),
    ]  # fmt: skip
    for args, code, message in cases:
        result = run_cli(*args, "--espn-url", url)
        assert result.returncode == code, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_the_league_days_are_concurrent_one_scoreboard_a_day(
    validator: Draft202012Validator,
) -> None:
    in_flight = threading.Semaphore(0)
    all_there = threading.Event()
    seen: list[str] = []
    lock = threading.Lock()

    def answer(request: Request) -> Response:
        day = request.query.get("dates", [""])[0]
        with lock:
            seen.append(day)
            if len(seen) == 7:
                all_there.set()
        in_flight.release()
        # no answer until all seven are asked for: sequential requests would never finish
        if not all_there.wait(timeout=60):
            return Response(500, b'{"message": "the requests were not concurrent"}')
        event = {
            "id": day, "date": f"{day[:4]}-{day[4:6]}-{day[6:]}T23:30Z",
            "status": {"type": {"state": "pre", "name": "STATUS_SCHEDULED"}},
            "competitions": [{"competitors": [
                {"homeAway": "home", "team": {"abbreviation": "BOS", "displayName": "Boston"}},
                {"homeAway": "away", "team": {"abbreviation": "NY", "displayName": "New York"}},
            ]}],
        }  # fmt: skip
        return Response(200, json.dumps({"events": [event] if day != "20260103" else []}).encode())

    with serve(answer) as url:
        result = run_cli("schedule", "nba", "--date", "20260101", "--espn-url", url, "--json",
                         "--timeout", "90", timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sorted(seen) == [f"202601{d:02d}" for d in range(1, 8)]
    lines = jsonl(result.stdout)
    valid(validator, lines)
    assert [line["game"]["id"] for line in lines] == [
        f"202601{d:02d}" for d in range(1, 8) if d != 3
    ]


def test_an_empty_week_is_one_line_and_exit_1() -> None:
    with serve(lambda request: Response(200, b'{"events": []}')) as url:
        result = run_cli("schedule", "epl", "--days", "2", "--espn-url", url)
    assert result.returncode == 1
    assert "no epl games from" in result.stderr and "for 2 day(s)" in result.stderr


@pytest.fixture(scope="module")
def simulator() -> Iterator[str]:
    with espn_server.run(speed=1.0) as (url, _):
        yield url


def test_next_and_schedules_against_the_simulator(
    simulator: str, validator: Draft202012Validator, tmp_path: Path
) -> None:
    result = run_cli("next", "nba:BOS", "epl:Arsenal", "--espn-url", simulator, "--json")
    assert result.returncode == 0, result.stderr
    lines = jsonl(result.stdout)
    valid(validator, lines)
    assert [line["team"]["abbr"] for line in lines] == ["BOS", "ARS"]
    assert all(line["game"] is not None for line in lines)
    env = config(tmp_path, 'teams = ["nba:BOS", "epl:ARS"]\n')
    plain = run_cli("next", "--espn-url", simulator, "-f", "lines", env=env)
    assert plain.returncode == 0, plain.stderr
    rows = plain.stdout.splitlines()
    assert [row.split()[0] for row in rows] == ["BOS", "ARS"]
    both = run_cli("schedule", "--espn-url", simulator, "--json", "--last", "2", env=env)
    assert both.returncode == 0, both.stderr
    fixtures = jsonl(both.stdout)
    valid(validator, fixtures)
    assert {f["team"]["abbr"] for f in fixtures} == {"BOS", "ARS"}
    assert sum(1 for f in fixtures if f.get("result")) == 4  # the last two results of each
    starts = [f["game"]["start"] for f in fixtures]
    assert starts == sorted(starts)
    table = run_cli("standings", "epl", "--espn-url", simulator, "-f", "table", env=env)
    assert table.returncode == 0 and "★ Arsenal" in table.stdout
    days = run_cli("schedule", "nba", "--espn-url", simulator, "-f", "table", "--days", "3",
                   env=env)  # fmt: skip
    assert days.returncode == 0, days.stderr
    assert "★ " in days.stdout and "NBA schedule · 3 days from" in days.stdout


@needs_shared
def test_next_says_when_a_team_has_no_game_left(espn: tuple[str, Espn]) -> None:
    url, _ = espn
    result = run_cli("next", "nfl:KC", "--espn-url", url, "-f", "lines")
    assert result.returncode == 1
    assert result.stdout == "KC  no game scheduled\n"
    assert "no game scheduled" in result.stderr


def test_demo_server_serves_what_the_readme_says(validator: Draft202012Validator) -> None:
    proc = popen_cli("demo", "--server")
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("ESPN simulator at http://127.0.0.1:"), first
        url = first.split()[3]
        result = run_cli("standings", "nba", "--espn-url", url, "--json")
        assert result.returncode == 0, result.stderr
        valid(validator, jsonl(result.stdout))
        assert len(jsonl(result.stdout)) == 6
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.parametrize("columns", [30, 40, 60, 100])
def test_schedule_and_next_tables_fit_the_width(simulator: str, columns: int) -> None:
    env = cli_env(COLUMNS=str(columns))
    runs = [
        ("schedule", "nba", "--team", "BOS", "--last", "3"),
        ("schedule", "epl", "--days", "5"),
        ("next", "nba:BOS", "epl:Arsenal", "nba:Golden State Warriors"),
    ]
    for args in runs:
        result = run_cli(*args, "--espn-url", simulator, "-f", "table", env=env)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines and max(len(line) for line in lines) <= columns, result.stdout


def test_a_soccer_schedule_merges_results_and_fixtures(simulator: str) -> None:
    # ESPN lists a soccer team's results, and its games to come only with ?fixture=true
    result = run_cli("schedule", "epl", "--team", "ARS", "--last", "3", "--json",
                     "--espn-url", simulator)  # fmt: skip
    assert result.returncode == 0, result.stderr
    games = jsonl(result.stdout)
    states = [g["game"]["state"] for g in games]
    assert states[:3] == ["post"] * 3 and "pre" in states
    assert all(g.get("result") in ("W", "L", "D") for g in games[:3])
    upcoming = run_cli("next", "epl:ARS", "--json", "--espn-url", simulator)
    assert upcoming.returncode == 0 and jsonl(upcoming.stdout)[0]["game"] is not None
