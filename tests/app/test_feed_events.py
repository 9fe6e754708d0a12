"""Feed health in band: a JSON lines consumer (stdout, or the bridge) sees `feed` events
when a feed goes stale and when it is ok again; lines output shows the same."""

from __future__ import annotations

import asyncio
import json

import httpx
from websockets.asyncio.client import connect

from livescore.sim.http import Request, Response, serve
from tests.followers import wait_until
from tests.helpers import Script, event, ok, popen_cli, read_json_lines, start_bridge, stop


def test_jsonl_says_stale_then_ok_around_an_outage_in_seq_order() -> None:
    script = Script([ok(event()), Response(503, b"busy", {}), ok(event(home=("BOS", "90")))])
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json")
        lines = read_json_lines(proc, 4, feeds=True)
        stop(proc)
    assert [(x["event"], x.get("state")) for x in lines] == [
        ("snapshot", "in"),
        ("feed", "stale"),
        ("feed", "ok"),
        ("score", "in"),
    ]
    stale, back = lines[1], lines[2]
    assert stale["feed"] == "espn nba" and stale["error"] == "HTTP 503"
    assert stale["retry_at"] > stale["since"] and stale["last_ok"] == lines[0]["ts"]
    assert back["error"] is None and back["retry_at"] is None
    assert [x["seq"] for x in lines] == [1, 1, 1, 2]  # feed events keep the position


def test_lines_output_shows_the_same_transitions() -> None:
    script = Script([Response(500, b"", {}), ok(event())])
    with serve(script) as url:
        proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "-f", "lines")
        assert proc.stdout is not None
        got = [proc.stdout.readline() for _ in range(3)]
        stop(proc)
    assert "FEED       espn nba stale: HTTP 500 (next try " in got[0]
    assert got[1].rstrip().endswith("FEED       espn nba ok")
    assert "PHI 92 @ BOS 87" in got[2]


class Switch:
    """An ESPN scoreboard that fails (HTTP 502) while ``failing`` is set."""

    def __init__(self) -> None:
        self.failing = False

    def __call__(self, request: Request) -> Response:
        return Response(502, b"", {}) if self.failing else ok(event())


def test_a_bridge_client_gets_feed_states_after_its_snapshots_and_every_transition() -> None:
    upstream = Switch()
    with serve(upstream) as espn:
        proc, url = start_bridge("nba", "--espn-url", espn, "--interval", "0.05")

        health = url.replace("ws://", "http://") + "healthz"
        assert wait_until(lambda: httpx.get(health).json()["games"] == 1)

        async def main() -> list[dict[str, object]]:
            async def recv() -> dict[str, object]:
                return json.loads(await asyncio.wait_for(ws.recv(), 20))  # type: ignore[no-any-return]

            async with connect(url) as ws:
                frames = [await recv(), await recv()]
                upstream.failing = True
                frames.append(await recv())
                upstream.failing = False
                frames.append(await recv())
                return frames

        frames = asyncio.run(main())
        proc.terminate()
        proc.wait(10)
    kinds = [(f["event"], f.get("feed"), f.get("state")) for f in frames]
    assert kinds == [
        ("snapshot", None, "in"),
        ("feed", "espn nba", "ok"),  # the state of every feed, right after the snapshots
        ("feed", "espn nba", "stale"),
        ("feed", "espn nba", "ok"),
    ]
    assert frames[2]["error"] == "HTTP 502"
    assert all(f["epoch"] == frames[0]["epoch"] for f in frames)
