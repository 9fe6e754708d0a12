"""The bridge server: a real server on 127.0.0.1, real websockets clients, the CLI end to end."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime
from typing import Any

import httpx
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from livescore.bridge.hub import Hub
from livescore.bridge.server import BridgeServer
from livescore.core.board import Board
from livescore.core.health import Health
from livescore.sim.http import serve
from tests.helpers import (
    Script,
    cli_env,
    event,
    game,
    ok,
    run_cli,
    start_bridge,
)

NOW = datetime(2026, 5, 2, 23, 0, tzinfo=UTC)


@asynccontextmanager
async def bridge(token: str | None = None) -> AsyncIterator[tuple[Hub, Board, str]]:
    hub = Hub()
    server = await BridgeServer(hub, token).start("127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield hub, Board(), f"ws://127.0.0.1:{port}/"
    finally:
        server.close()
        await server.wait_closed()


async def recv_json(ws: Any, timeout: float = 5) -> dict:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


def test_hundreds_of_clients_get_snapshots_then_changes_and_a_stuck_one_hurts_nobody() -> None:
    async def main() -> None:
        async with bridge() as (hub, board, url):
            hub.publish(board.update([game(str(i)) for i in range(5)], NOW))
            clients = [await connect(url) for _ in range(120)]
            # a client that never reads: a raw TCP socket that did the handshake and stops
            stuck = socket.create_connection(("127.0.0.1", int(url.split(":")[2].strip("/"))))
            stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            stuck.sendall(
                b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            )
            for ws in clients:
                snaps = [await recv_json(ws) for _ in range(5)]
                assert [s["event"] for s in snaps] == ["snapshot"] * 5
                # at the position they bring the client to, in game order; with the epoch
                assert [s["seq"] for s in snaps] == [5, 5, 5, 5, 5]
                assert [s["id"] for s in snaps] == ["0", "1", "2", "3", "4"]
                assert {s["epoch"] for s in snaps} == {hub.epoch}
            await asyncio.sleep(0.2)
            assert len(hub.clients) == 121
            # 5000 changes of about 3 KB: far more than socket buffers and a client queue hold
            started = time.perf_counter()
            name = "Long Team Name " * 200
            total = 5000
            for n in range(1, total + 1):
                hub.publish(board.update([game(str(n % 5), home=n, name=name)], NOW))
                if n % 50 == 0:
                    await asyncio.sleep(0)
            for ws in clients[:5]:
                last = None
                while last is None or last["seq"] < total + 5:
                    last = await recv_json(ws)
                assert last["home"]["score"] == total
            assert time.perf_counter() - started < 60
            stuck_client = max(hub.clients, key=lambda c: c.resyncs)
            assert stuck_client.resyncs > 0 and len(stuck_client.pending) <= hub.client_queue
            stuck.close()
            await asyncio.gather(*(ws.close() for ws in clients[:5]))
            for ws in clients[5:]:  # they stopped reading long ago: hang up
                ws.transport.abort()

    asyncio.run(main())


def test_resume_over_the_wire_filters_and_subscribe_message() -> None:
    async def main() -> None:
        async with bridge() as (hub, board, url):
            hub.publish(board.update([game("1"), game("2", league="nhl", abbr="NYR")], NOW))
            async with connect(url) as ws:
                seen = [await recv_json(ws) for _ in range(2)]
            last, epoch = seen[-1]["seq"], seen[-1]["epoch"]
            hub.publish(board.update([game("1", home=3)], NOW))
            hub.publish(board.update([game("2", home=4, league="nhl", abbr="NYR")], NOW))
            async with connect(f"{url}?since={last}&epoch={epoch}") as ws:
                missed = [await recv_json(ws) for _ in range(2)]
                assert [m["seq"] for m in missed] == [3, 4]
                assert [m["event"] for m in missed] == ["score", "score"]
            async with connect(f"{url}?league=nhl") as ws:
                only = await recv_json(ws)
                assert only["league"] == "nhl"
                await ws.send(json.dumps({"action": "subscribe", "team": ["BOS"]}))
                again = await recv_json(ws)
                assert again["home"]["abbr"] == "BOS" and again["resync"] is True
                assert again["seq"] >= only["seq"]  # the position never goes backwards
                hub.publish(board.update([game("2", home=9, league="nhl", abbr="NYR")], NOW))
                hub.publish(board.update([game("1", home=7)], NOW))
                change = await recv_json(ws)
                assert change["id"] == "1" and change["home"]["score"] == 7

    asyncio.run(main())


def test_token_and_health() -> None:
    async def main() -> None:
        async with bridge(token="s3cret-token") as (hub, board, url):
            health = Health()
            health.ok("espn nba", NOW)
            hub.health = health
            hub.publish(board.update([game("1")], NOW))
            for bad in (url, f"{url}?token=wrong"):
                try:
                    await connect(bad)
                except InvalidStatus as exc:
                    assert exc.response.status_code == 401
                else:
                    raise AssertionError("connected without the token")
            async with connect(f"{url}?token=s3cret-token") as ws:
                assert (await recv_json(ws))["id"] == "1"
                headers = {"Authorization": "Bearer s3cret-token"}
                async with connect(url, additional_headers=headers) as ws2:
                    assert (await recv_json(ws2))["id"] == "1"
                    health_url = url.replace("ws:", "http:") + "healthz"
                    async with httpx.AsyncClient() as http:
                        answer = await http.get(health_url + "?token=s3cret-token")
                        bare = await http.get(health_url)
                    body = answer.json()
                    assert answer.status_code == 200
                    assert answer.headers["content-type"] == "application/json"
                    assert body["status"] == "ok" and body["clients"] == 2
                    assert body["last_update"].startswith("2026-05-02T23:00:00")
                    # without the token: alive, and nothing more
                    assert bare.status_code == 200 and bare.json() == {"status": "alive"}

    asyncio.run(main())


def test_serve_refuses_clients_without_the_token_and_shuts_down_cleanly() -> None:
    with serve(Script([ok(event())])) as espn:
        proc, url = start_bridge("nba", "--espn-url", espn, env=cli_env(LIVESCORE_TOKEN="tok-123"))

        async def main() -> int | None:
            try:
                await connect(url)
            except InvalidStatus as exc:
                assert exc.response.status_code == 401
            async with connect(url + "?token=tok-123") as ws:
                assert (await recv_json(ws))["event"] == "snapshot"
                proc.send_signal(2)  # Ctrl-C
                with suppress(Exception):
                    while True:  # the feed states may come first; then the close
                        await asyncio.wait_for(ws.recv(), 10)
                return ws.close_code

        code = asyncio.run(main())
        proc.wait(10)
    assert code == 1001  # a normal "going away" close
    assert proc.returncode == 130


def test_serve_replay_to_clients(tmp_path: Any) -> None:
    recording = tmp_path / "r.jsonl"
    body = json.dumps({"leagues": [], "events": [event()]})
    recording.write_text(
        json.dumps(
            {
                "t": "2026-05-02T23:00:00+00:00",
                "source": "espn",
                "league": "basketball/nba",
                "status": 200,
                "body": body,
            }
        )
        + "\n"
    )
    proc, url = start_bridge("--replay", str(recording))
    try:

        async def main() -> dict:
            async with connect(url) as ws:
                return await recv_json(ws)

        first = asyncio.run(main())
    finally:
        proc.terminate()
        proc.wait(10)
    assert first["event"] == "snapshot" and first["ts"] == "2026-05-02T23:00:00.000Z"


def test_serve_usage_errors() -> None:
    assert run_cli("serve").returncode == 2
    both = run_cli("serve", "nba", "--replay", "x.jsonl")
    assert both.returncode == 2 and "give LEAGUE" in both.stderr
    nokey = run_cli("serve", "--stream", "1")
    assert nokey.returncode == 2 and "SPORTRIX_API_KEY" in nokey.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        busy = run_cli("serve", "nba", "--port", port, "--espn-url", "http://127.0.0.1:9")
    assert busy.returncode == 1 and "cannot listen" in busy.stderr
    assert os.environ.get("LIVESCORE_TOKEN") is None or True


def test_a_bad_position_or_message_gets_an_error_frame_never_silence() -> None:
    async def main() -> None:
        async with bridge() as (hub, board, url):
            hub.publish(board.update([game("1")], NOW))
            for query, said in (
                ("?since=abc", "bad since 'abc'"),
                (f"?since=1&epoch={'zz' * 4}", "bad epoch 'zzzzzzzz'"),
                ("?since=-3&epoch=" + hub.epoch, "bad since '-3'"),
            ):
                async with connect(url + query) as ws:
                    error, snap = await recv_json(ws), await recv_json(ws)
                    assert error["event"] == "error" and said in error["message"]
                    assert error["epoch"] == hub.epoch and error["seq"] == 1
                    assert snap["event"] == "snapshot" and snap["resync"] is True
            async with connect(url) as ws:
                assert (await recv_json(ws))["event"] == "snapshot"
                await ws.send("hello?")
                assert "not JSON" in (await recv_json(ws))["message"]
                await ws.send(json.dumps({"action": "unsubscribe"}))
                reply = await recv_json(ws)
                assert (
                    reply["event"] == "error" and "unknown action 'unsubscribe'" in reply["message"]
                )
                await ws.send(json.dumps([1, 2]))
                assert "no action" in (await recv_json(ws))["message"]

    asyncio.run(main())


def _frames(buf: bytearray) -> list[dict[str, Any]]:
    """The complete unmasked text frames at the front of ``buf``, taken off it, as JSON."""
    out = []
    while len(buf) >= 2:
        size, head = buf[1] & 0x7F, 2
        if size == 126:
            size, head = int.from_bytes(buf[2:4]), 4
        elif size == 127:
            size, head = int.from_bytes(buf[2:10]), 10
        if len(buf) < head + size:
            break
        assert buf[0] == 0x81  # FIN + text: one whole message per frame
        out.append(json.loads(bytes(buf[head : head + size])))
        del buf[: head + size]
    return out


def test_a_client_that_stops_reading_gets_every_event_in_order_when_it_reads_again() -> None:
    """Behind but not so far behind that it is coalesced: what waited for it goes out in
    batches, each frame whole, in seq order, none twice, none missing."""

    async def main() -> None:
        async with bridge() as (hub, board, url):
            hub.publish(board.update([game(str(i)) for i in range(5)], NOW))
            port = int(url.split(":")[2].strip("/"))
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before the window opens
            sock.connect(("127.0.0.1", port))
            sock.sendall(
                b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            )
            deadline = time.monotonic() + 30
            while not hub.clients and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            (client,) = hub.clients
            name = "Long Team Name " * 2000  # about 30 KB a frame: 13 MB, more than buffers hold
            total = 450  # under the client's queue limit: no coalescing
            queued = 0
            for n in range(1, total + 1):
                hub.publish(board.update([game(str(n % 5), home=n, name=name)], NOW))
                queued = max(queued, len(client.pending))
                await asyncio.sleep(0)
            assert queued > 0  # the buffers filled: the queue, not the direct writes, took them
            sock.setblocking(False)
            loop = asyncio.get_running_loop()
            buf = bytearray()
            got: list[dict[str, Any]] = []
            data = await loop.sock_recv(sock, 1 << 16)
            buf += data.split(b"\r\n\r\n", 1)[1]
            while (not got or got[-1]["seq"] < total + 5) and time.monotonic() < deadline:
                buf += await asyncio.wait_for(loop.sock_recv(sock, 1 << 16), 10)
                got += _frames(buf)
            sock.close()
            assert [g["event"] for g in got[:5]] == ["snapshot"] * 5
            changes = got[5:]
            assert [g["seq"] for g in changes] == list(range(6, total + 6))
            assert [g["home"]["score"] for g in changes] == list(range(1, total + 1))
            assert client.resyncs == 0

    asyncio.run(main())
