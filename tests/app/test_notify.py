"""``--notify URL`` through apprise to a local HTTP endpoint (apprise's ``json://``), never
the internet: exactly one message per chosen event, plain text that no team name can
format or ping with, a slow endpoint never holding up the output, a failing one warned
about once without its token, and bad input refused before the run."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from livescore.sim.http import Request, Response, serve
from tests.helpers import cli_env, event, ok, popen_cli, read_json_lines, run_cli, status, stop

FINAL = status("post", "STATUS_FINAL", "Final", "0:00", 4, completed=True, description="Final")


class Endpoint:
    """An HTTP server on 127.0.0.1 taking apprise's JSON posts; ``gate`` holds answers."""

    def __init__(self, answer: int = 200) -> None:
        self.got: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.answer = answer
        self.gate = threading.Event()
        self.gate.set()
        self.arrived = threading.Condition()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with owner.arrived:
                    owner.got.append(json.loads(body))
                    owner.paths.append(self.path)
                    owner.arrived.notify_all()
                owner.gate.wait(60)
                self.send_response(owner.answer)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.server.server_address[1]}/hook/secret-token"

    def wait_for(self, count: int, timeout: float = 60) -> list[dict[str, Any]]:
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.got) >= count, timeout), self.got
            return list(self.got)

    def close(self) -> None:
        self.gate.set()
        self.server.shutdown()


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    found = Endpoint()
    yield found
    found.close()


def script(home: str) -> list[Response]:
    bos = ("BOS", "0")
    hostile = (f"{home}", "0")
    return [
        ok(event("1", home=bos, away=hostile)),
        ok(event("1", home=("BOS", "2"), away=hostile)),
        ok(event("1", home=("BOS", "2"), away=hostile, st=FINAL)),
    ]


class Steps:
    def __init__(self, answers: list[Response]) -> None:
        self.answers = answers

    def __call__(self, request: Request) -> Response:
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


def test_one_plain_message_per_chosen_event(endpoint: Endpoint) -> None:
    with serve(Steps(script("PHI"))) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json",
                         "--team", "BOS", "--notify", endpoint.url)  # fmt: skip
        lines = read_json_lines(proc, 3)
        got = endpoint.wait_for(2)
        err = stop(proc)
    assert [x["event"] for x in lines] == ["snapshot", "score", "status"]
    assert [(m["title"], m["message"]) for m in got] == [
        ("NBA score", "PHI 0 @ BOS 2 · 8:41 - 4th"),
        ("NBA final", "PHI 0 @ BOS 2 · Final"),
    ]
    assert endpoint.paths == ["/hook/secret-token"] * 2
    assert "Traceback" not in err and "secret-token" not in err


def test_names_reach_a_chat_only_as_text(endpoint: Endpoint) -> None:
    evil = "**@everyone** <b>[x](http://e.vil)</b> `rm`"
    hostile = [
        ok(event("1", home=("BOS", "0"), away=(evil, "0"))),
        ok(event("1", home=("BOS", "2"), away=(evil, "0"))),
    ]
    with serve(Steps(hostile)) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json",
                         "--team", "BOS", "--notify", endpoint.url,
                         "--notify-on", "score")  # fmt: skip
        read_json_lines(proc, 2)
        (message,) = endpoint.wait_for(1)
        stop(proc)
    text = message["title"] + message["message"]
    assert not set("*<>[]`") & set(text), text
    assert "@everyone" not in text and "@ everyone" in text


def test_a_slow_endpoint_never_holds_up_the_output(endpoint: Endpoint) -> None:
    endpoint.gate.clear()  # the endpoint takes messages but does not answer
    with serve(Steps(script("PHI"))) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json",
                         "--team", "BOS", "--notify", endpoint.url)  # fmt: skip
        lines = read_json_lines(proc, 3)  # all three, the first message still unanswered
        endpoint.wait_for(1)
        assert len(endpoint.got) == 1
        endpoint.gate.set()
        endpoint.wait_for(2)
        stop(proc)
    assert [x["event"] for x in lines] == ["snapshot", "score", "status"]


def test_a_failing_endpoint_is_one_warning_without_its_token() -> None:
    failing = Endpoint(answer=500)
    try:
        with serve(Steps(script("PHI"))) as url:
            proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05",
                             "--json", "--team", "BOS", "--notify", failing.url)  # fmt: skip
            read_json_lines(proc, 3)
            failing.wait_for(2)
            err = stop(proc)
    finally:
        failing.close()
    said = [line for line in err.splitlines() if "--notify" in line]
    assert said[0].startswith("livescore: warning: --notify json://…: the message was not")
    assert "secret-token" not in err and "Traceback" not in err
    assert sum("not delivered" in line for line in said) == 1


def test_bad_input_is_refused_before_the_run(tmp_path: Path) -> None:
    cases = [
        (("--notify", "nosuchservice://x"), 2, "apprise cannot use nosuchservice://…"),
        (("--notify", "json://127.0.0.1:9/x", "--notify-on", "goals"), 2, "--notify-on is"),
        (("--notify-on", "score"), 2, "--notify-on goes with --notify"),
    ]
    for args, code, said in cases:
        result = run_cli("watch", "nba", "--once", *args)
        assert result.returncode == code, result.stderr
        assert said in result.stderr and "Traceback" not in result.stderr
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "apprise.py").write_text("raise ImportError('no apprise')\n")
    missing = run_cli("watch", "nba", "--once", "--notify", "json://127.0.0.1:9/x",
                      env=cli_env(PYTHONPATH=str(shim)))  # fmt: skip
    assert missing.returncode == 1 and "pip install 'livescore[notify]'" in missing.stderr


def test_game_notifies_each_new_scoring_play(endpoint: Endpoint) -> None:
    from tests.app.test_game import GAME, LIVE, body, cut, final, raw

    if not LIVE.is_file():
        pytest.skip("shared fixtures absent")
    data = raw()
    steps = [body(cut(data, 370)), body(cut(data, 385)), body(final(data))]
    with serve(Steps(steps)) as url:
        result = run_cli("game", "nba", GAME, "--json", "--interval", "0.05", "--espn-url", url,
                         "--notify", endpoint.url, "--notify-on", "play,final")  # fmt: skip
    assert result.returncode == 0, result.stderr
    scoring = [p for p in data["plays"][370:] if p.get("scoringPlay")]
    got = endpoint.wait_for(len(scoring) + 1)
    plays = [m for m in got if m["title"] == "NBA play"]
    assert [m["message"].split(" (")[0] for m in plays] == [p["text"] for p in scoring]
    assert got[-1]["title"] == "NBA final" and len(got) == len(scoring) + 1
