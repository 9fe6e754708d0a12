"""``--publish mqtt://...`` against a real mosquitto: retained states that a late subscriber
sees equal to a bridge client's view, every event on its topics, the status and its last
will, Home Assistant discovery that HA's schema accepts, a broker restart mid-game that
loses no score change, and the faults: refused credentials (exit 3, no password shown), an
unreachable broker (exit 1), the optional package missing."""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from livescore.sim.http import Request, Response, serve
from tests.helpers import cli_env, event, ok, popen_cli, read_json_lines, run_cli, status
from tests.mqttbroker import Broker, Subscriber, needs_broker

pytestmark = needs_broker()
FINAL = status("post", "STATUS_FINAL", "Final", "0:00", 4, completed=True, description="Final")


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Broker]:
    found = Broker(tmp_path).start()
    try:
        yield found
    finally:
        found.stop()


class Board:
    """A scoreboard the test moves on: each answer is the current ``games``."""

    def __init__(self, *games: dict[str, Any]) -> None:
        self.games = list(games)
        self.lock = threading.Lock()

    def set(self, *games: dict[str, Any]) -> None:
        with self.lock:
            self.games = list(games)

    def __call__(self, request: Request) -> Response:
        with self.lock:
            return ok(*self.games)


def games(bos: str, mia: str = "0", st: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return [
        event("1", home=("BOS", bos), away=("PHI", "0"), **({"st": st} if st else {})),
        event("2", home=("MIA", mia), away=("NY", "3")),
    ]


def test_a_late_subscriber_sees_every_game_as_a_bridge_client_does(broker: Broker) -> None:
    from websockets.sync.client import connect

    board = Board(*games("4", "7"))
    with serve(board) as url:
        proc = popen_cli("serve", "nba", "--espn-url", url, "--interval", "0.05", "--port", "0",
                         "--publish", broker.url())  # fmt: skip
        try:
            assert proc.stderr is not None
            line = proc.stderr.readline()
            while "serving ws://" not in line:
                line = proc.stderr.readline()
            ws_url = line.split("serving ")[1].split()[0]
            with connect(ws_url) as ws:
                view = {}
                while len(view) < 2:
                    frame = json.loads(ws.recv(timeout=30))
                    if frame.get("event") in ("snapshot", "score", "status", "clock"):
                        view[frame["id"]] = frame
            late = Subscriber(broker.port, ["livescore/#"])
            got = late.wait_for(lambda g: sum(1 for t, _, r in g if t.endswith("/state")) >= 2)
            late.close()
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    states = {t.split("/")[2]: json.loads(p) for t, p, r in got if t.endswith("/state") and r}
    assert set(states) == set(view) == {"1", "2"}
    for game_id, line in view.items():
        kept = states[game_id]
        assert (kept["home"], kept["away"], kept["state"]) == (
            line["home"], line["away"], line["state"])  # fmt: skip
    retained = {t: p for t, p, r in got if r}
    assert retained["livescore/status"] == b"online"


def test_every_event_on_its_topics_and_offline_at_the_end(broker: Broker) -> None:
    sub = Subscriber(broker.port, ["home/scores/#"])
    steps = iter([games("0"), games("2"), games("2", st=FINAL)])
    current = [next(steps)]

    def answer(request: Request) -> Response:
        shown = current[0]
        current[0] = next(steps, shown)
        return ok(*shown)

    with serve(answer) as url:
        where = broker.url(prefix="home/scores")
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json",
                         "--publish", where, "--team", "BOS")  # fmt: skip
        lines = read_json_lines(proc, 3)  # snapshot, score, final
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    got = sub.wait_for(lambda g: any(p == b"offline" for t, p, _ in g))
    sub.close()
    on_game = [json.loads(p) for t, p, _ in got if t == "home/scores/nba/1/events"]
    on_league = [json.loads(p) for t, p, _ in got if t == "home/scores/nba/events"]
    assert on_game == on_league
    assert [x["seq"] for x in on_game] == [x["seq"] for x in lines]
    assert [t for t, p, _ in got if t == "home/scores/status"][-1:] == ["home/scores/status"]


def test_a_broker_restart_mid_game_loses_no_score_change(broker: Broker) -> None:
    # a persistent session, made before: the broker queues what it gets for it, restarts too
    first = Subscriber(broker.port, ["livescore/nba/events"], client_id="fan", clean=False)
    first.close()
    board = Board(*games("0"))
    with serve(board) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json",
                         "--publish", broker.url())  # fmt: skip
        try:
            read_json_lines(proc, 2)  # both snapshots, published
            broker.stop()
            seen: list[dict[str, Any]] = []
            for home in ("2", "5"):  # two score changes while the broker is away
                board.set(*games(home))
                seen += read_json_lines(proc, 1, feeds=True)
                while seen[-1].get("event") != "score":
                    seen += read_json_lines(proc, 1, feeds=True)
            score = next(x for x in seen if x.get("event") == "score")
            while not any(x.get("event") == "feed" and x["state"] == "stale" for x in seen):
                seen += read_json_lines(proc, 1, feeds=True)  # the broker's feed: stale
            broker.start()
            fan = Subscriber(broker.port, ["livescore/nba/events"], client_id="fan", clean=False)
            got = fan.wait_for(lambda g: sum(1 for _, p, _ in g if b'"event":"score"' in p) >= 2)
            fan.close()
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    scores = [json.loads(p) for _, p, _ in got if json.loads(p).get("event") == "score"]
    assert [s["home"]["score"] for s in scores] == [2, 5]
    assert scores[0]["seq"] == score["seq"]


def test_home_assistant_discovery_payloads_follow_the_schema(broker: Broker) -> None:
    sub = Subscriber(broker.port, ["homeassistant/#", "livescore/team/#"])
    with serve(Board(*games("6"))) as url:
        result = run_cli("watch", "nba", "--espn-url", url, "--once", "--json", "--publish",
                         broker.url(), "--ha-discovery", "--team", "nba:BOS",
                         "--team", "nba:NY")  # fmt: skip
    assert result.returncode == 0, result.stderr
    got = sub.wait_for(lambda g: len([t for t, _, _ in g if t.endswith("/config")]) >= 10
                       and len({t for t, _, _ in g if t.startswith("livescore/team/")}) == 2
                       and any(b'"score": 6' in p for _, p, _ in g))  # fmt: skip
    sub.close()
    configs = {t: json.loads(p) for t, p, r in got if t.endswith("/config")}
    # the keys Home Assistant documents for an MQTT sensor (and its device)
    allowed = {
        "name", "unique_id", "object_id", "default_entity_id", "state_topic",
        "value_template", "availability_topic", "payload_available", "payload_not_available",
        "icon", "device", "unit_of_measurement", "device_class", "state_class",
        "entity_category", "json_attributes_topic",
    }  # fmt: skip
    device_keys = {"identifiers", "name", "manufacturer", "model", "sw_version", "via_device"}
    ids = set()
    for topic, config in configs.items():
        assert topic.startswith("homeassistant/sensor/") and topic.count("/") == 4
        assert set(config) <= allowed and {"state_topic", "unique_id", "device"} <= set(config)
        assert set(config["device"]) <= device_keys and config["device"]["identifiers"]
        ids.add(config["unique_id"])
    assert len(ids) == 10  # five sensors for each of two teams, no id twice
    states = {t: json.loads(p) for t, p, _ in got if t.startswith("livescore/team/")}
    bos = states["livescore/team/nba/BOS"]
    assert (bos["score"], bos["opponent_score"], bos["opponent"]) == (6, 0, "PHI")
    assert states["livescore/team/nba/NY"]["score"] == 3


def test_refused_credentials_exit_3_and_never_show_the_password(tmp_path: Path) -> None:
    broker = Broker(tmp_path, users={"fan": "right-pass"}).start()
    try:
        with serve(Board(*games("1"))) as url:
            wrong = cli_env(LIVESCORE_MQTT_URL=broker.url("fan:s3cret-pw@"))
            right = cli_env(LIVESCORE_MQTT_URL=broker.url("fan:right-pass@"))
            refused = run_cli("watch", "nba", "--espn-url", url, "--once", "--json", env=wrong)
            allowed = run_cli("watch", "nba", "--espn-url", url, "--once", "--json", env=right)
    finally:
        broker.stop()
    assert refused.returncode == 3, refused.stderr
    assert "refused" in refused.stderr and "s3cret-pw" not in refused.stderr + refused.stdout
    assert len(refused.stderr.strip().splitlines()) == 1
    assert allowed.returncode == 0, allowed.stderr


def test_an_unreachable_broker_and_bad_urls_are_one_line() -> None:
    with serve(Board(*games("1"))) as url:
        down = run_cli("watch", "nba", "--espn-url", url, "--once", "--publish",
                       "mqtt://127.0.0.1:9")  # fmt: skip
    assert down.returncode == 1 and "cannot reach the MQTT broker" in down.stderr
    for bad, said in [
        ("mqtt://", "bad --publish"),
        ("ftp://x", "bad --publish"),
        ("mqtt://h/a#b", "bad --publish"),
    ]:
        result = run_cli("watch", "nba", "--once", "--publish", bad)
        assert result.returncode == 2 and said in result.stderr, result.stderr
    alone = run_cli("watch", "nba", "--once", "--ha-discovery")
    assert alone.returncode == 2 and "add --publish mqtt://" in alone.stderr


def test_without_the_optional_package_it_says_how_to_get_it(tmp_path: Path) -> None:
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "aiomqtt.py").write_text("raise ImportError('aiomqtt is not installed')\n")
    env = cli_env(PYTHONPATH=str(shim))
    with serve(Board(*games("1"))) as url:
        result = run_cli("watch", "nba", "--espn-url", url, "--once", "--publish",
                         "mqtt://127.0.0.1:1883", env=env)  # fmt: skip
    assert result.returncode == 1
    assert "pip install 'livescore[mqtt]'" in result.stderr and "Traceback" not in result.stderr


def test_the_demo_publishes_offline_to_a_local_broker(broker: Broker) -> None:
    result = run_cli("demo", "--speed", "50", "--json", "--publish", broker.url(),
                     "--ha-discovery", "--team", "nba:BOS", timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    late = Subscriber(broker.port, ["livescore/#"])
    got = late.wait_for(lambda g: any(t == "livescore/team/nba/BOS" for t, _, _ in g)
                        and any(t == "livescore/status" for t, _, _ in g))  # fmt: skip
    late.close()
    retained = {t: p for t, p, r in got if r}
    assert retained["livescore/status"] == b"offline"  # a clean stop says so
    bos = json.loads(retained["livescore/team/nba/BOS"])
    assert bos["state"] == "post" and bos["team"] == "BOS"
    finals = [json.loads(line) for line in result.stdout.splitlines()]
    last = [x for x in finals if x.get("id") == bos["game_id"]][-1]
    mine = last["home"] if last["home"]["abbr"] == "BOS" else last["away"]
    assert bos["score"] == mine["score"]
