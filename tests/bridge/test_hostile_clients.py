"""The bridge against hostile clients and the local machine: web pages of other origins,
more clients than it may hold, control-message floods, Unicode digits in ``since``, the
token kept out of argv."""

from __future__ import annotations

import asyncio
import json
import os
import resource
import socket
import struct
import time
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from livescore.bridge.hub import Hub
from livescore.bridge.limits import MAX_FILTER
from livescore.bridge.server import BridgeServer
from livescore.core.board import Board
from livescore.sim.http import serve
from tests.bridge.test_server import NOW, recv_json
from tests.helpers import (
    Script,
    Stderr,
    cli_env,
    event,
    exit_time,
    game,
    ok,
    popen_cli,
    read_json_lines,
    run_cli,
    start_bridge,
    stop,
)


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1].strip("/"))


async def _refused(url: str, **kwargs: Any) -> int:
    try:
        async with connect(url, **kwargs):
            pass
    except InvalidStatus as exc:
        return exc.response.status_code
    return 101


def test_a_web_page_of_another_origin_is_refused_unless_allowed() -> None:
    with serve(Script([ok(event())])) as espn:
        proc, url = start_bridge(
            "nba", "--espn-url", espn, "--allow-origin", "https://dash.example/"
        )
        err = Stderr(proc)

        async def main() -> tuple[int, int, int, dict[str, Any]]:
            evil = await _refused(url, origin="https://evil.example")  # type: ignore[arg-type]
            again = await _refused(url, origin="https://evil.example")  # type: ignore[arg-type]
            async with connect(url, origin="https://dash.example") as ws:  # type: ignore[arg-type]
                first = await recv_json(ws, 20)
            plain = await _refused(url)  # a program sends no Origin: let in
            return evil, again, plain, first

        try:
            evil, again, plain, first = asyncio.run(main())
            assert err.wait_for("refused a browser page from https://evil.example")
        finally:
            proc.terminate()
            proc.wait(10)
    assert (evil, again, plain) == (403, 403, 101)
    assert first["event"] == "snapshot"
    assert err.text.count("refused a browser page") == 1  # said once, not per attempt


def test_more_clients_than_allowed_are_refused_politely_and_said_once() -> None:
    with serve(Script([ok(event())])) as espn:
        proc, url = start_bridge("nba", "--espn-url", espn, "--max-clients", "3")
        err = Stderr(proc)

        async def main() -> tuple[list[int], int]:
            held = [await connect(url) for _ in range(3)]
            refused = [await _refused(url) for _ in range(10)]
            await held[0].close()
            deadline = asyncio.get_running_loop().time() + 20
            after = 503
            while after == 503 and asyncio.get_running_loop().time() < deadline:
                after = await _refused(url)  # room again once one has left
            for ws in held[1:]:
                await ws.close()
            return refused, after

        try:
            refused, after = asyncio.run(main())
        finally:
            proc.terminate()
            proc.wait(10)
    assert refused == [503] * 10
    assert after == 101
    assert err.text.count("3 clients connected (--max-clients)") == 1


def _few_files() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (96, 96))


def test_running_out_of_descriptors_is_said_once_not_millions_of_times() -> None:
    with serve(Script([ok(event())])) as espn:
        proc, url = start_bridge("nba", "--espn-url", espn, preexec=_few_files)
        err = Stderr(proc)
        sockets: list[socket.socket] = []
        try:
            assert err.wait_for("--max-clients 1000 is over what this process may open: 32")
            # raw connections that never do the handshake: each holds a descriptor
            for _ in range(150):
                sockets.append(socket.create_connection(("127.0.0.1", _port(url))))
            assert err.wait_for("out of file descriptors")
            for sock in sockets:
                sock.close()
            sockets.clear()

            async def main() -> dict[str, Any]:
                deadline = asyncio.get_running_loop().time() + 30
                while True:
                    try:
                        async with connect(url, open_timeout=5) as ws:
                            frame = await recv_json(ws, 20)
                            while frame["event"] != "snapshot":  # a feed event may come first
                                frame = await recv_json(ws, 20)
                            return frame
                    except (OSError, TimeoutError, InvalidStatus):
                        assert asyncio.get_running_loop().time() < deadline
                        await asyncio.sleep(0.2)

            first = asyncio.run(main())  # and it serves again once they are gone
        finally:
            for sock in sockets:
                sock.close()
            proc.terminate()
            proc.wait(10)
    assert first["event"] == "snapshot"
    assert err.text.count("out of file descriptors") == 1
    assert len(err.text.splitlines()) < 10, err.text[:2000]


def test_a_control_message_flood_is_bounded_and_starves_nobody() -> None:
    async def main() -> None:
        hub = Hub()
        board = Board()
        warned: list[str] = []
        server = await BridgeServer(hub, warn=warned.append).start("127.0.0.1", 0)
        url = f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
        try:
            hub.publish(board.update([game("1")], NOW))
            teams = [f"T{i:04d}" for i in range(7000)]
            huge = json.dumps({"action": "subscribe", "team": teams})
            assert len(huge) > 60_000
            small = json.dumps({"action": "subscribe", "team": ["BOS"]})
            async with connect(url, max_size=None) as flooder:
                assert (await recv_json(flooder))["event"] == "snapshot"
                for _ in range(50):
                    await flooder.send(huge)
                for _ in range(300):
                    await flooder.send(small)
                async with connect(url) as newcomer:  # is served at once
                    assert (await recv_json(newcomer, 20))["id"] == "1"
                said: list[str] = []
                while "too many control messages: slow down" not in said:
                    frame = await recv_json(flooder, 20)
                    if frame["event"] == "error":
                        said.append(frame["message"])
            assert (
                f"a filter names at most {MAX_FILTER} leagues and {MAX_FILTER} teams: " in (said[0])
            )
            assert said.count("too many control messages: slow down") == 1
            (client,) = [c for c in hub.clients]
            assert len(client.filter.teams) <= MAX_FILTER
        finally:
            server.close()
            await server.wait_closed()

    asyncio.run(asyncio.wait_for(main(), 60))


@pytest.mark.parametrize("since", ["²", "٣", "１"])
def test_non_ascii_digits_in_since_are_an_error_frame(since: str) -> None:
    async def main() -> None:
        hub = Hub()
        board = Board()
        server = await BridgeServer(hub).start("127.0.0.1", 0)
        url = f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
        try:
            hub.publish(board.update([game("1")], NOW))
            async with connect(f"{url}?since={since}&epoch={hub.epoch}") as ws:
                error, snap = await recv_json(ws), await recv_json(ws)
            assert error["event"] == "error" and "bad since" in error["message"]
            assert snap["event"] == "snapshot"  # a fresh start, not a resume from 3
        finally:
            server.close()
            await server.wait_closed()

    asyncio.run(asyncio.wait_for(main(), 30))


def test_the_token_can_come_from_a_file_and_a_readable_file_is_said(tmp_path: Path) -> None:
    secret = tmp_path / "token"
    secret.write_text("file-token-123\n")
    os.chmod(secret, 0o644)
    with serve(Script([ok(event())])) as espn:
        proc, url = start_bridge("nba", "--espn-url", espn, "--token-file", str(secret))
        err = Stderr(proc)
        try:
            assert err.wait_for("can be read by others")
            status = asyncio.run(_refused(url))
            headers = {"Authorization": "Bearer file-token-123"}

            async def main() -> dict[str, Any]:
                async with connect(url, additional_headers=headers) as ws:
                    return await recv_json(ws, 20)

            first = asyncio.run(main())
            os.chmod(secret, 0o600)
            tailing = popen_cli("tail", url, "--token-file", str(secret), "--json")
            tailed = read_json_lines(tailing, 1)
            tail_err = stop(tailing)
        finally:
            proc.terminate()
            proc.wait(10)
    assert status == 401 and first["event"] == "snapshot"
    assert "file-token-123" not in err.text
    assert tailed[0]["event"] == "snapshot"
    assert "can be read by others" not in tail_err and "error" not in tail_err
    both = run_cli("serve", "nba", "--token", "x", "--token-file", str(secret))
    assert both.returncode == 2 and "give --token or --token-file, not both" in both.stderr
    missing = run_cli("tail", "ws://127.0.0.1:9/", "--token-file", str(tmp_path / "none"))
    assert missing.returncode == 2 and "cannot read --token-file" in missing.stderr
    assert cli_env()  # the tests' environment holds no token of its own


HANDSHAKE = (
    b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
)


def _health(url: str) -> dict[str, Any]:
    import httpx

    return httpx.get(url.replace("ws:", "http:") + "healthz", timeout=10).json()


def test_hundreds_of_clients_vanishing_at_once_say_nothing_and_stop_nothing() -> None:
    """Clients that drop their connections mid-stream are routine: asyncio used to log each
    write to a lost one ("socket.send() raised exception.", 87 KB for 500 clients), which
    filled a stderr pipe nobody read and then held the process past SIGTERM."""
    frames = [ok(*[event(str(g), home=("BOS", str(n + g))) for g in range(15)]) for n in range(400)]
    with serve(Script(frames)) as espn:
        proc, url = start_bridge("nba", "--espn-url", espn, "--interval", "0.02")
        try:
            port = _port(url)
            sockets = []
            for _ in range(300):  # raw clients: the handshake, then they read nothing
                sock = socket.create_connection(("127.0.0.1", port))
                sock.sendall(HANDSHAKE)
                sockets.append(sock)
            deadline = time.monotonic() + 30
            while _health(url)["clients"] < 300:
                assert time.monotonic() < deadline
                time.sleep(0.1)
            for sock in sockets:  # all gone at once, mid-stream
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.close()
            while _health(url)["clients"] > 0:
                assert time.monotonic() < deadline + 30
                time.sleep(0.1)
            assert _health(url)["games"] == 15  # and it goes on serving
        finally:
            took = exit_time(proc)
        assert proc.stderr is not None
        said = proc.stderr.read()
    assert took < 1.0
    assert said == ""  # (the serving line was read by start_bridge)
