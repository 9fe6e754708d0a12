"""A bounded soak run: stream → bridge → clients, with random cuts on both sides.

Off by default (marker ``soak``); `python -m bench` runs it. LIVESCORE_SOAK_SECONDS sets the
length (default 300).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
import threading
import time

import pytest
from websockets.asyncio.client import connect
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from tests.helpers import cli_env, start_bridge
from tests.procstat import rss_mb
from tests.wsserver import WsServer, frame, soccer

KEY = "sk_test_key_123456"
MATCHES = (1, 2, 3)


@pytest.mark.soak
def test_soak_stream_bridge_clients_with_random_cuts() -> None:
    seconds = float(os.environ.get("LIVESCORE_SOAK_SECONDS", "300"))
    rng = random.Random(42)
    delivered: set[tuple[int, int]] = set()  # (match, score) sent before a clean pause
    counter = {"n": 0}
    tail_ready = threading.Event()  # the tail holds the first snapshots: count from here

    async def upstream(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, len(MATCHES))
        for match_id in MATCHES:
            await ws.send(frame("snapshot", soccer(match_id, home=counter["n"])))
        while not tail_ready.is_set():
            await asyncio.sleep(0.05)
        cut_after = time.monotonic() + rng.uniform(2, 8)
        try:
            while time.monotonic() < cut_after:
                counter["n"] += 1
                match_id = MATCHES[counter["n"] % 3]
                await ws.send(frame("update", soccer(match_id, home=counter["n"])))
                delivered.add((match_id, counter["n"]))
                await asyncio.sleep(0.005)
        except ConnectionClosed:
            return  # the bridge went away (end of the run)
        await asyncio.sleep(0.5)  # let what was sent arrive, then cut hard
        ws.transport.abort()

    env = cli_env(SPORTRIX_API_KEY=KEY, SPORTRIX_API_URL="http://127.0.0.1:9/api")
    with WsServer(upstream) as server:
        bridge, url = start_bridge(
            "--stream", *map(str, MATCHES), "--stream-url", server.url, env=env
        )
        assert bridge.stderr is not None
        threading.Thread(target=bridge.stderr.read, daemon=True).start()
        tail = subprocess.Popen(
            [sys.executable, "-m", "livescore", "tail", url, "--json"],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        seen: set[tuple[int, int]] = set()

        def read_tail() -> None:
            assert tail.stdout is not None
            for line in tail.stdout:
                event = json.loads(line)
                if event["event"] == "feed":
                    continue
                seen.add((int(event["id"]), event["home"]["score"]))
                if len({match for match, _ in seen}) == len(MATCHES):
                    tail_ready.set()

        threading.Thread(target=read_tail, daemon=True).start()

        async def flaky_client() -> int:
            """A bot that drops its connection at random and resumes with since= and epoch=."""
            last, got, epoch = 0, 0, ""
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                async with connect(f"{url}?since={last}&epoch={epoch}") as ws:
                    stop = time.monotonic() + rng.uniform(1, 5)
                    while time.monotonic() < stop:
                        try:
                            event = json.loads(await asyncio.wait_for(ws.recv(), 1))
                        except TimeoutError:
                            continue
                        epoch = event["epoch"]
                        if event["event"] in ("feed", "error"):
                            continue  # positions, not events (an empty epoch: an error)
                        assert event["seq"] > last or event["event"] == "snapshot"
                        last = max(last, event["seq"])
                        got += 1
            return got

        time.sleep(1)
        early = rss_mb(bridge.pid)
        got = asyncio.run(flaky_client())
        late = rss_mb(bridge.pid)
        time.sleep(2)
        tail.terminate()
        bridge.terminate()
        tail.wait(10)
        bridge.wait(10)
    print(
        f"soak {seconds:.0f} s: {len(delivered)} frames over {server.connections} upstream "
        f"connections (each cut hard), none missing at the tail ({len(seen)} states); the bot "
        f"got {got} events across its reconnects; bridge RSS {early:.1f} -> {late:.1f} MB"
    )
    assert server.connections >= 2 and got > 0
    missing = delivered - seen
    assert not missing, f"{len(missing)} of {len(delivered)} frames never reached the output"
    assert late - early < 10, f"bridge RSS grew from {early:.1f} to {late:.1f} MB"
