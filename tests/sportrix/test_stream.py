"""`livescore stream` against real websockets servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from websockets.asyncio.server import ServerConnection

from livescore.core.model import Notice, Update
from livescore.render.lines import status_text
from livescore.sim.http import Response, serve
from livescore.sportrix.parse import parse_snapshot
from livescore.sportrix.rest import SportrixApi
from livescore.sportrix.stream import SportrixStream
from tests.helpers import SPORTRIX_KEY as KEY
from tests.helpers import Stderr, cli_env, jsonl, popen_cli, read_json_lines, run_cli
from tests.helpers import sportrix_env as env
from tests.wsserver import WsServer, frame, soccer


def stream_cli(server: WsServer, *args: str, timeout: float = 20):  # type: ignore[no-untyped-def]
    return run_cli(
        "stream", *args, "--stream-url", server.url, "--json", timeout=timeout, env=env()
    )


def test_several_matches_on_one_connection_and_error_frames() -> None:
    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        for match_id in await server.subscriptions(ws, n, 3):
            if match_id == 999:
                await ws.send(json.dumps({"op": "error", "error": "match not live or not found"}))
            else:
                await ws.send(frame("snapshot", soccer(match_id)))
        await ws.send(json.dumps({"op": "heartbeat", "new_field": 1}))  # unknown op: ignored
        await ws.send("this is not json")
        await ws.send(frame("update", soccer(1, home=1, minute=12)))
        await ws.send(frame("update", soccer(2, away=1, minute=13)))
        await ws.wait_closed()

    with WsServer(handler) as server:
        proc = popen_cli("stream", "1", "999", "2", "--stream-url", server.url, "--json", env=env())
        lines = read_json_lines(proc, 4)
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert server.connections == 1
    assert [m for _, m in server.received] == [
        {"action": "subscribe", "match_id": i} for i in (1, 999, 2)
    ]
    assert server.headers[0]["x-api-key"] == KEY
    assert [(x["id"], x["event"]) for x in lines] == [
        ("1", "snapshot"),
        ("2", "snapshot"),
        ("1", "score"),
        ("2", "score"),
    ]
    first = lines[0]
    assert first["source"] == "sportrix" and first["league"] == "Test League"
    assert first["sportrix"]["phase"]["label"] == "Attack"
    assert first["clock"] == "10:00" and first["state"] == "in" and first["period"] == 1
    assert "match 999: match not live or not found" in err
    assert "skipped a frame that is not JSON" in err
    assert KEY not in err + "".join(json.dumps(x) for x in lines)


def test_cricket_and_unknown_sport() -> None:
    cricket = {
        "match_id": 7,
        "sport": "cricket",
        "batting": "India",
        "home": "India",
        "away": "Australia",
        "score": {"runs": 145, "wickets": 3, "overs": 18.4},
        "last_event": {"label": "FOUR"},
        "mystery": {"x": [1, 2]},
    }
    curling = {
        "match_id": 8,
        "sport": "curling",
        "home": {"name": "Sweden"},
        "away": "Canada",
        "score": {"home": 5, "away": 4},
        "status": "live",
    }

    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 2)
        await ws.send(frame("snapshot", cricket))
        await ws.send(frame("snapshot", curling))
        await ws.wait_closed()

    with WsServer(handler) as server:
        result = stream_cli(server, "7", "8", "--once")
    assert result.returncode == 0, result.stderr
    cr, cu = jsonl(result.stdout)
    assert cr["sport"] == "cricket" and cr["home"]["score"] == 145
    assert cr["sportrix"] == {
        "batting": "India",
        "runs": 145,
        "wickets": 3,
        "overs": "18.4",
        "last_event": "FOUR",
    }
    assert cr["detail"] == "18.4 ov"
    assert cu["sport"] == "curling" and cu["home"] == {"name": "Sweden", "abbr": "SWE", "score": 5}


def test_cut_mid_game_reconnects_resubscribes_and_loses_nothing() -> None:
    sent: list[tuple[int, int]] = []

    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 2)
        base = 0 if n == 1 else 10
        await ws.send(frame("snapshot", soccer(1, home=base)))
        await ws.send(frame("snapshot", soccer(2, home=base)))
        for goal in range(1, 6):
            for match_id in (1, 2):
                await ws.send(frame("update", soccer(match_id, home=base + goal)))
                sent.append((match_id, base + goal))
        if n == 1:
            await asyncio.sleep(0.2)
            ws.transport.abort()  # a reset, no close frame
            return
        await ws.wait_closed()

    with WsServer(handler) as server:
        proc = popen_cli("stream", "1", "2", "--stream-url", server.url, "--json", env=env())
        lines = read_json_lines(proc, 2 + 10 + 2 + 10, timeout=25)
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert server.connections == 2
    resubscribed = [m["match_id"] for n, m in server.received if n == 2]
    assert resubscribed == [1, 2]
    seen = {(int(x["id"]), x["home"]["score"]) for x in lines}
    assert set(sent) <= seen  # every frame sent while connected is in the output
    resync = [x for x in lines if x.get("resync")]
    assert {x["id"] for x in resync} == {"1", "2"}
    assert all(x["event"] == "snapshot" for x in resync)
    assert "connection lost" in err and "reconnecting" in err


def test_accept_then_close_does_not_storm() -> None:
    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await ws.close()

    with WsServer(handler) as server:
        proc = popen_cli("stream", "1", "--stream-url", server.url, "--json", env=env())
        time.sleep(6)
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    # backoff 1-2 s, 2-4 s, 4-8 s...: at most four tries in six seconds, never a storm
    assert 2 <= server.connections <= 4
    assert "server closed the connection" in err


def test_401_exits_3_promptly_without_the_key() -> None:
    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        raise AssertionError("never reached")

    wrong = "sk_wrong_key_abcdef"
    with WsServer(handler) as server:
        started = time.monotonic()
        result = run_cli(
            "stream", "1", "--stream-url", server.url, "--key", wrong, timeout=20, env=cli_env()
        )
    assert result.returncode == 3
    assert time.monotonic() - started < 5
    assert "HTTP 401" in result.stderr and "live_scores_statistics" in result.stderr
    assert wrong not in result.stderr + result.stdout
    assert server.connections == 0


def test_missing_key_and_bad_ids_exit_2() -> None:
    result = run_cli("stream", "1", env=cli_env())
    assert result.returncode == 2 and "SPORTRIX_API_KEY" in result.stderr
    bad = run_cli("stream", "abc", env=env())
    assert bad.returncode == 2 and "bad match id" in bad.stderr
    none = run_cli("stream", env=env())
    assert none.returncode == 2


def test_key_in_urls_and_echoed_errors_is_redacted() -> None:
    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 1)
        await ws.send(json.dumps({"op": "error", "error": f"key {KEY} not enabled for sport"}))
        await ws.close()

    with WsServer(handler) as server:
        proc = popen_cli(
            "stream", "1", "--stream-url", server.url + f"?key={KEY}", "--json", env=env()
        )
        stderr = Stderr(proc)
        assert stderr.wait_for("not enabled for sport") and stderr.wait_for("reconnecting")
        err = stderr.finish(proc)
        assert proc.stdout is not None
        out = proc.stdout.read()
    assert "not enabled for sport" in err
    assert KEY not in out + err


def test_running_clock_advances_between_frames() -> None:
    received = datetime(2026, 6, 18, 2, 0, 0, tzinfo=UTC)
    game = parse_snapshot(soccer(1, minute=75), "1", received)
    assert status_text(game, received) == "75:00 1st half"
    assert status_text(game, received + timedelta(seconds=16)) == "75:16 1st half"
    stopped = parse_snapshot(
        soccer(
            1,
            minute=45,
            status="ht",
            clock={"minute": 45, "second": 0, "period": "HT", "running": False, "added": 2},
        ),
        "1",
        received,
    )
    assert status_text(stopped, received + timedelta(minutes=5)) == "45:00 HT +2'"
    assert status_text(game) == "75:00 1st half"  # lines/JSON: as received


def test_matches_and_live_discovery_over_rest() -> None:
    from livescore.sim.sportrix_server import SportrixSim

    sim = SportrixSim(KEY, speed=1.0)
    sim.clock = lambda: 6.0  # script time: the first soccer match is live, the second not yet
    with serve(sim.rest) as base:
        listing = run_cli(
            "matches", "--live", "soccer", "--api-url", f"{base}/api", "--json", env=env()
        )
        text = run_cli("matches", "--live", "soccer", "--api-url", f"{base}/api", env=env())
        denied = run_cli(
            "matches",
            "--live",
            "soccer",
            "--api-url",
            f"{base}/api",
            "--key",
            "sk_nope_nope",
            env=cli_env(),
        )
        unknown = run_cli("matches", "--live", "polo", "--api-url", f"{base}/api", env=env())
    rows = jsonl(listing.stdout)
    assert listing.returncode == 0 and [r["id"] for r in rows] == [41282]
    assert rows[0]["home"] == "Vancouver Whitecaps II" and rows[0]["status"] == "STARTED"
    assert "41282" in text.stdout and "Vancouver Whitecaps II v The Town" in text.stdout
    assert denied.returncode == 3 and "HTTP 401" in denied.stderr
    assert "sk_nope_nope" not in denied.stderr
    assert unknown.returncode == 1 and "unknown sport 'polo'" in unknown.stderr


def test_backfill_over_rest_while_the_stream_is_down() -> None:
    calls: list[str] = []

    def rest(request):  # type: ignore[no-untyped-def]
        calls.append(request.headers.get("x-api-key", ""))
        data = soccer(5, home=2, minute=60)
        data.pop("match_id")
        return Response(200, json.dumps(data).encode())

    async def main() -> list[object]:
        items: list[object] = []
        with serve(rest) as base:
            async with httpx.AsyncClient() as client:
                api = SportrixApi(client, f"{base}/api", KEY)
                source = SportrixStream(
                    ["5"],
                    "ws://127.0.0.1:9/v1/stream",
                    KEY,
                    api=api,
                    backfill_after=0.5,
                    backfill_interval=0.2,
                )
                async for item in source:
                    items.append(item)
                    if any(isinstance(i, Update) for i in items):
                        break
        return items

    items = asyncio.run(asyncio.wait_for(main(), 20))
    update = next(i for i in items if isinstance(i, Update))
    assert update.feed == "sportrix rest" and update.games[0].home.score == 2
    assert update.games[0].id == "5"
    assert calls and calls[0] == KEY
    assert not any(isinstance(i, Notice) for i in items)


def test_half_open_connection_is_detected_as_dead() -> None:
    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 1)
        await ws.send(frame("snapshot", soccer(1)))
        if n == 1:
            ws.transport.pause_reading()  # stops answering pings
            await asyncio.sleep(30)
        else:
            await ws.wait_closed()

    with WsServer(handler) as server:
        proc = popen_cli(
            "stream", "1", "--stream-url", server.url, "--json", "--idle-timeout", "2", env=env()
        )
        lines = read_json_lines(proc, 2, timeout=20)
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert server.connections == 2
    assert lines[1].get("resync") is True
    assert "keepalive ping timeout" in err or "connection lost" in err


@pytest.mark.parametrize("status", [500, 503])
def test_5xx_at_handshake_is_retried(status: int) -> None:
    attempts = {"n": 0}

    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 1)
        await ws.send(frame("snapshot", soccer(1)))
        await ws.wait_closed()

    with WsServer(handler) as server:

        def flaky(connection, request):  # type: ignore[no-untyped-def]
            attempts["n"] += 1
            return connection.respond(status, "oops\n") if attempts["n"] == 1 else None

        server.reject = flaky
        proc = popen_cli("stream", "1", "--stream-url", server.url, "--json", env=env())
        lines = read_json_lines(proc, 1)
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert lines[0]["id"] == "1"
    assert f"HTTP {status} at the handshake" in err


def test_once_with_no_match_found_says_so_and_exits_1() -> None:
    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 1)
        await ws.send(json.dumps({"op": "error", "error": "match not live or not found"}))
        await ws.wait_closed()

    with WsServer(handler) as server:
        result = stream_cli(server, "999", "--once")
    assert result.returncode == 1 and result.stdout == ""
    assert "match 999: match not live or not found" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("livescore: error: sportrix: none of the")
