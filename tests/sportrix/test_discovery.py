"""`stream --live`: matches that start later are found and followed on the open connection;
REST answers are recorded and replay like the frames do."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.server import ServerConnection

from livescore.app.recording import Recorder
from livescore.sim.http import Request, Response, serve
from livescore.sportrix.rest import ApiError, SportrixApi
from tests.helpers import SPORTRIX_KEY as KEY
from tests.helpers import jsonl, popen_cli, read_json_lines, run_cli, stop
from tests.helpers import sportrix_env as env
from tests.wsserver import WsServer, frame, soccer


class LiveListing:
    """/sports and /matches/live; the in-play list grows when a test says so."""

    def __init__(self, live: list[int]) -> None:
        self.live = live
        self.lock = threading.Lock()
        self.looks = 0

    def __call__(self, request: Request) -> Response:
        if request.headers.get("x-api-key") != KEY:
            return Response(401, b'{"detail": "Invalid API key"}')
        if request.path.endswith("/sports"):
            return Response(200, json.dumps([{"id": 1, "name": "Soccer"}]).encode())
        if request.path.endswith("/matches/live"):
            with self.lock:
                self.looks += 1
                items = [{"id": i, "home_team": f"H{i}", "away_team": f"A{i}"} for i in self.live]
            return Response(200, json.dumps(items).encode())
        return Response(404, b'{"detail": "Not found"}')


def test_live_finds_matches_that_start_later_on_the_same_connection(tmp_path: Path) -> None:
    listing = LiveListing([])
    recording = tmp_path / "live.jsonl"

    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        async for message in ws:
            match_id = json.loads(message)["match_id"]
            server.received.append((n, match_id))
            await ws.send(frame("snapshot", soccer(match_id, home=match_id)))

    with WsServer(handler) as server, serve(listing) as base:
        proc = popen_cli(
            "stream",
            "--live",
            "soccer",
            "--api-url",
            f"{base}/api",
            "--stream-url",
            server.url,
            "--rediscover",
            "0.3",
            "--record",
            str(recording),
            "--json",
            env=env(),
        )
        time.sleep(1.5)  # no match yet: the stream waits instead of giving up
        assert proc.poll() is None
        with listing.lock:
            listing.live = [7]
        first = read_json_lines(proc, 1, timeout=15)
        with listing.lock:
            listing.live = [7, 8]
        second = read_json_lines(proc, 1, timeout=15)
        err = stop(proc)
    assert [(x["id"], x["event"]) for x in first + second] == [("7", "snapshot"), ("8", "snapshot")]
    assert server.connections == 1  # both followed on the one connection
    assert [mid for _, mid in server.received] == [7, 8]
    assert "no live soccer matches right now; looking again every 0.3s" in err
    assert "following 1 new match(es): 7" in err and "following 1 new match(es): 8" in err
    assert KEY not in err and "Traceback" not in err
    recorded = [json.loads(line) for line in recording.read_text().splitlines()]
    looks = [x for x in recorded if x.get("league") == "matches/live"]
    assert len(looks) >= 3 and all(x["source"] == "sportrix-rest" for x in looks)
    assert sum(x["source"] == "sportrix" for x in recorded) == 2  # the two snapshot frames


def test_live_once_with_nothing_in_play_says_so_and_exits_0() -> None:
    with serve(LiveListing([])) as base:
        done = run_cli(
            "stream",
            "--live",
            "soccer",
            "--once",
            "--api-url",
            f"{base}/api",
            "--stream-url",
            "ws://127.0.0.1:9/",
            env=env(),
        )
    assert done.returncode == 0 and done.stdout == ""
    assert "no live soccer matches right now" in done.stderr


def test_rest_answers_are_recorded_and_a_backfill_snapshot_replays(tmp_path: Path) -> None:
    snapshot = soccer(5, home=3, minute=70)

    def rest(request: Request) -> Response:
        if request.path.endswith("/matches/5/live"):
            return Response(200, json.dumps(snapshot).encode())
        return Response(404, b'{"detail": "Not found"}')

    recording = tmp_path / "backfill.jsonl"

    async def backfill() -> None:
        recorder = Recorder(str(recording))
        with serve(rest) as base:
            async with httpx.AsyncClient() as client:
                api = SportrixApi(client, f"{base}/api", KEY, record=recorder)
                await api.live_snapshot("5")
                with pytest.raises(ApiError):
                    await api.live_snapshot("6")  # a 404 is recorded too
        recorder.close()

    asyncio.run(backfill())
    lines = [json.loads(line) for line in recording.read_text().splitlines()]
    assert [(x["source"], x["league"], x["status"]) for x in lines] == [
        ("sportrix-rest", "matches/5/live", 200),
        ("sportrix-rest", "matches/6/live", 404),
    ]
    assert KEY not in recording.read_text()
    replayed = run_cli("replay", str(recording), "--speed", "0", "--json", env=env())
    assert replayed.returncode == 0, replayed.stderr
    events = jsonl(replayed.stdout)
    assert [(e["id"], e["home"]["score"], e["event"], e["clock"]) for e in events] == [
        ("5", 3, "snapshot", "70:00")
    ]
    assert "match 6: HTTP 404 (recorded)" in replayed.stderr
