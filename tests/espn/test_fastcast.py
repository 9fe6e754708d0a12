"""ESPN FastCast push: the wire encoding, JSON Patch on uid paths, a session against the local
simulator (every patch applied, the document the same as the server's), and `watch --push`
through the real CLI: changes arrive, every failure falls back to polling at once with a
`feed` event, push comes back, and the cross-check finds nothing to disagree with."""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import time
import zlib
from typing import Any

import httpx
import pytest

from livescore.core.leagues import resolve
from livescore.espn.fastcast import patch
from livescore.espn.fastcast.link import PushLost, Session
from livescore.espn.fastcast.wire import WireError, decode_payload, encode_payload, read_frame
from livescore.sim.fastcast import FastcastSim
from tests.helpers import popen_cli, stop

DOC = {
    "events": [
        {"uid": "s:40~l:46~e:1", "id": "1", "competitions": [{"competitors": [{"score": "2"}]}]},
        {"uid": "s:40~l:46~e:2", "id": "2", "competitions": [{"competitors": [{"score": "0"}]}]},
    ]
}


def test_payloads_plain_compressed_unpadded_raw_deflate_and_gzip() -> None:
    ops = [
        {"op": "replace", "path": "s:40~l:46~e:1/competitions/0/competitors/0/score", "value": "4"}
    ]
    assert decode_payload(encode_payload(ops, 5, False)) == (ops, 5)
    assert decode_payload(encode_payload(ops, 6, True)) == (ops, 6)
    data = json.dumps(ops).encode()
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    for packed in (zlib.compress(data), raw.compress(data) + raw.flush()):
        text = base64.b64encode(packed).decode().rstrip("=")
        assert decode_payload(json.dumps({"ts": 1, "~c": 1, "pl": text}))[0] == ops
    gz = zlib.compressobj(9, zlib.DEFLATED, 31)
    text = base64.b64encode(gz.compress(data) + gz.flush()).decode()
    assert decode_payload({"ts": 1, "~c": "1", "pl": text})[0] == ops
    for bad in ("{", json.dumps({"~c": 1, "pl": "!!!"}), json.dumps({"~c": 1, "pl": 5})):
        with pytest.raises(WireError):
            decode_payload(bad)
    assert read_frame('{"op":"C","rc":200,"hbi":30,"sid":"x"}').hbi == 30
    with pytest.raises(WireError):
        read_frame("[1]")


def test_patches_on_uid_paths_with_replace_as_set_copy_move_and_whole_events() -> None:
    doc = patch.apply(DOC, [
        {"op": "replace", "path": "s:40~l:46~e:1/competitions/0/competitors/0/score", "value": "5"},
        {"op": "replace", "path": "s:40~l:46~e:2/situation", "value": {"down": 3}},  # never added
        {"op": "copy", "from": "s:40~l:46~e:1/competitions/0/competitors/0/score",
         "path": "s:40~l:46~e:2/copied"},
        {"op": "move", "from": "/events/1/copied", "path": "/events/1/moved"},
        {"op": "add", "path": "s:40~l:46~e:3", "value": {"uid": "s:40~l:46~e:3", "id": "3"}},
        {"op": "remove", "path": "s:40~l:46~e:1"},
    ])  # fmt: skip
    assert [e["id"] for e in doc["events"]] == ["2", "3"]
    assert doc["events"][0]["situation"] == {"down": 3} and doc["events"][0]["moved"] == "5"
    assert DOC["events"][0]["competitions"][0]["competitors"][0]["score"] == "2"  # untouched
    for bad in (
        [{"op": "remove", "path": "s:0~l:0~e:9/x"}],
        [{"op": "remove", "path": "/events/5"}],
        [{"op": "test", "path": "/events/0/id", "value": "9"}],
        "not a list",
        [{"path": "/x"}],
    ):
        with pytest.raises(patch.PatchError):
            patch.apply(DOC, bad)
    after = json.loads(json.dumps(DOC))
    after["events"][1]["competitions"][0]["competitors"][0]["score"] = "3"
    assert patch.apply(DOC, patch.make(DOC, after)) == after


def _wait(condition: Any, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "never happened"
        time.sleep(0.05)


def test_a_session_applies_every_patch_and_holds_the_servers_document() -> None:
    sim = FastcastSim(speed=6, tick=0.1, hbi=5.0)
    leagues = [resolve("nba"), resolve("epl")]

    async def follow(url: str) -> tuple[Session, int]:
        async with httpx.AsyncClient() as client:
            published: list[str] = []

            async def publish(league: Any, document: dict[str, Any]) -> None:
                published.append(league.alias)

            session = Session(url, leagues, client, publish)
            task = asyncio.create_task(session.run(lambda league: None))
            deadline = time.monotonic() + 30
            while published.count("nba") < 15 and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            task.cancel()
            return session, published.count("nba")

    with sim.running() as url:
        session, count = asyncio.run(follow(url))
        assert count >= 15
        for name, topic in sim.topics.items():  # the document at the last mid, as served
            mid = session._mids[name]
            assert session.docs[name] == json.loads(topic.history[mid]), name


def test_a_topic_the_server_does_not_serve_ends_the_session_with_a_reason() -> None:
    sim = FastcastSim(speed=4, tick=0.2)
    sim.refuse("scoreboard-basketball-nba")

    async def follow(url: str) -> str:
        async with httpx.AsyncClient() as client:

            async def publish(league: Any, document: dict[str, Any]) -> None:
                pass

            try:
                await Session(url, [resolve("nba")], client, publish).run(lambda league: None)
            except PushLost as exc:
                return str(exc)
        return ""

    with sim.running() as url:
        assert asyncio.run(asyncio.wait_for(follow(url), 30)) == (
            "topic scoreboard-basketball-nba refused (rc 404)"
        )


class Lines:
    """A running CLI's JSON lines, read in a thread as they come."""

    def __init__(self, proc: Any) -> None:
        self.lines: list[dict[str, Any]] = []
        self.thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self.thread.start()

    def _read(self, proc: Any) -> None:
        for line in proc.stdout:
            self.lines.append(json.loads(line))

    def push_states(self) -> list[str]:
        return [x["state"] for x in list(self.lines) if x.get("feed") == "espn push"]


def test_watch_push_falls_back_to_polling_at_once_and_returns_to_push() -> None:
    sim = FastcastSim(speed=3, tick=0.2, hbi=1.5, b_every=0.5)
    with sim.running() as url:
        proc = popen_cli("watch", "nba", "epl", "--push", "--fastcast-url", url,
                         "--espn-url", url, "--json")  # fmt: skip
        try:
            seen = Lines(proc)
            _wait(lambda: len(sim.connections) == 1)
            sim.drop()  # the connection drops: polling at once, push again after a backoff
            _wait(lambda: seen.push_states() == ["stale", "ok"])
            _wait(lambda: len(sim.connections) == 1)
            sim.mute(True)  # silence past the heartbeat: the same
            _wait(lambda: seen.push_states()[-1:] == ["stale"])
            sim.mute(False)
            _wait(lambda: seen.push_states() == ["stale", "ok", "stale", "ok"])
            _wait(lambda: len(sim.connections) == 1)
            frames = sim.sent_frames
            sim.corrupt_next()  # a patch that does not apply: the checkpoint, not a fallback
            _wait(lambda: sim.sent_frames > frames + 4)
            sim.gap_next()  # a mid that never comes: the checkpoint again
            _wait(lambda: sim.sent_frames > frames + 8)
            events = len(seen.lines)
            _wait(lambda: len(seen.lines) > events)  # and the changes keep coming
        finally:
            err = stop(proc)
    lines = seen.lines
    assert seen.push_states() == ["stale", "ok", "stale", "ok"]  # no fallback for the last two
    stale = [x for x in lines if x.get("feed") == "espn push" and x["state"] == "stale"]
    assert "the connection dropped" in stale[0]["error"]
    assert "silent for 1.5s" in stale[1]["error"]
    games = [x for x in lines if x["event"] != "feed"]
    assert len({(g["id"], g["seq"]) for g in games}) == len(games) > 4
    assert "Traceback" not in err and "disagrees" not in err


def test_the_cross_check_finds_no_disagreement_over_a_whole_simulated_evening() -> None:
    """Push and the polling floor against the same simulated evening (every game from before
    its start to its final), cross-checked every half second."""
    from livescore.core.model import Notice, Problem, Update
    from livescore.espn.fastcast.source import PushSource
    from livescore.espn.poller import EspnPoller

    sim = FastcastSim(speed=8, tick=0.1, hbi=5.0)
    leagues = [resolve("nba"), resolve("epl")]

    async def evening(url: str) -> tuple[PushSource, list[Any]]:
        async with httpx.AsyncClient() as client:
            poller = EspnPoller(leagues, client, base_url=url, interval=0.2, day_ends=0)
            source = PushSource(poller, url, client, cross_every=0.5, recheck=0.3)
            items: list[Any] = []
            deadline = time.monotonic() + 60

            async def run() -> None:
                async for item in source:
                    items.append(item)
                    finals = {
                        g.id for i in items if isinstance(i, Update) for g in i.games
                        if g.state == "post"
                    }  # fmt: skip
                    if len(finals) >= 5 or time.monotonic() > deadline:
                        return

            await run()
            return source, items

    with sim.running() as url:
        source, items = asyncio.run(evening(url))
    assert not [i for i in items if isinstance(i, Problem | Notice)]
    assert source.disagreements == 0
    pushed = [i for i in items if isinstance(i, Update) and i.feed.startswith("espn ") and i.games]
    assert len(pushed) > 20


def test_demo_push_plays_every_game_to_its_end_by_push() -> None:
    from tests.helpers import jsonl, run_cli

    result = run_cli("demo", "--push", "--speed", "8", "--json", timeout=120)
    assert result.returncode == 0, result.stderr
    lines = jsonl(result.stdout, feeds=True)
    espn = {x["id"]: x["state"] for x in lines if x.get("source") == "espn"}
    assert len(espn) == 5 and set(espn.values()) == {"post"}
    assert not [x for x in lines if x.get("feed") == "espn push"]  # push held all along
    assert "warning" not in result.stderr


def test_the_cross_check_counts_and_says_a_push_gone_wrong_and_fetches_the_checkpoint() -> None:
    from livescore.core.model import Notice
    from livescore.espn.fastcast.source import PushSource
    from livescore.espn.poller import EspnPoller

    sim = FastcastSim(speed=4, tick=0.1, hbi=5.0)
    leagues = [resolve("nba")]

    async def watch(url: str) -> tuple[PushSource, list[Notice]]:
        async with httpx.AsyncClient() as client:
            poller = EspnPoller(leagues, client, base_url=url, interval=0.2, day_ends=0)
            source = PushSource(poller, url, client, cross_every=0.3, recheck=0.2)
            notices: list[Notice] = []
            deadline = time.monotonic() + 40
            async for item in source:
                if source.session is not None and source.session.docs and not sim.frozen:
                    sim.freeze("scoreboard-basketball-nba")  # push now says nothing more
                if isinstance(item, Notice):
                    notices.append(item)
                if notices or time.monotonic() > deadline:
                    return source, notices
        raise AssertionError("the source ended")

    with sim.running() as url:
        source, notices = asyncio.run(watch(url))
    assert source.disagreements >= 1
    assert "disagrees with push" in notices[0].message
    assert "fetching the checkpoint again" in notices[0].message


def test_serve_push_feeds_every_bridge_client_from_push() -> None:
    from tests.helpers import read_json_lines, start_bridge

    sim = FastcastSim(speed=4, tick=0.25)
    with sim.running() as url:
        bridge, ws = start_bridge("nba", "--push", "--fastcast-url", url, "--espn-url", url)
        try:
            tail = popen_cli("tail", ws, "--json")
            lines = read_json_lines(tail, 4, timeout=30)
            stop(tail)
            _wait(lambda: sim.sent_frames > 0)
        finally:
            err = stop(bridge)
    assert [x["event"] for x in lines[:2]] == ["snapshot", "snapshot"] and len(lines) == 4
    assert "warning" not in err
