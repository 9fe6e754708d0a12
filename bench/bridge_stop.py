"""Stopping the bridge: how long until every client has its close frame, and the process
has exited, after SIGTERM; 1000 clients of which 10 never read.

    python -m bench.bridge_stop [--clients 1000] [--stuck 10]

Beside it, the naive stop in the same run: a websockets server stopped with
``server.close()`` and ``wait_closed()`` at the library's default close timeout (what
``livescore serve`` did before, on Ctrl-C; on SIGTERM it did not close at all).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import signal
import socket
import subprocess
import sys
import time

from websockets.asyncio.client import connect

from bench.bridge_latency import HANDSHAKE
from livescore.sim.http import Response, serve
from tests.helpers import board_json, cli_env, event, start_bridge, start_listening

NAIVE = r"""
import asyncio, json, signal, sys
from websockets.asyncio.server import serve
FRAME = json.dumps({"v": 1, "name": "A Very Long Team Name " * 300})
async def handler(ws):
    for _ in range(30):
        await ws.send(FRAME)
    await ws.wait_closed()
async def main():
    async with serve(handler, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"serving ws://127.0.0.1:{port}/", file=sys.stderr, flush=True)
        stop = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
        await stop
        server.close()
        await server.wait_closed()
asyncio.run(main())
"""


def stuck_client(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.sendall(HANDSHAKE)
    return sock


async def measure(proc: subprocess.Popen[str], url: str, clients: int, stuck: int) -> dict:
    port = int(url.rsplit(":", 1)[1].strip("/"))
    readers = [await connect(url, max_size=None, open_timeout=60) for _ in range(clients - stuck)]
    stuck_socks = [stuck_client(port) for _ in range(stuck)]

    async def drain(ws: object) -> float:
        async for _ in ws:  # type: ignore[attr-defined]
            pass
        return time.monotonic()

    tasks = [asyncio.create_task(drain(ws)) for ws in readers]
    await asyncio.sleep(3)  # everyone connected and caught up
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    done = await asyncio.gather(*tasks)
    loop = asyncio.get_running_loop()
    exited = await loop.run_in_executor(None, proc.wait)
    ended = time.monotonic()
    codes = [ws.close_code for ws in readers]
    for sock in stuck_socks:
        sock.close()
    return {
        "all closed (s)": round(max(done) - started, 3),
        "process exited (s)": round(ended - started, 3),
        "close 1001": sum(code == 1001 for code in codes),
        "readers": len(readers),
        "exit code": exited,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--stuck", type=int, default=10)
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    name = "A Very Long Team Name " * 300  # big frames: the stuck clients' buffers fill
    games = [event(str(i)) for i in range(30)]
    for g in games:
        g["competitions"][0]["competitors"][0]["team"]["displayName"] = name
    body = board_json(*games)
    results = {}
    with serve(lambda request: Response(200, body)) as espn:
        proc, url = start_bridge("nba", "--espn-url", espn, stdout=subprocess.DEVNULL)
        results["livescore serve"] = asyncio.run(measure(proc, url, args.clients, args.stuck))
    proc, url = start_listening([sys.executable, "-c", NAIVE], cli_env())
    results["naive websockets stop"] = asyncio.run(measure(proc, url, args.clients, args.stuck))
    print(f"{args.clients} clients, {args.stuck} of them never read; SIGTERM, then:")
    for who, numbers in results.items():
        print(f"  {who:<22} {json.dumps(numbers)}")


if __name__ == "__main__":
    main()
