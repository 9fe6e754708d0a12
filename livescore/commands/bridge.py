"""`serve` (the bridge), `tail` (its client) and `replay`."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterable, Sequence

from livescore.errors import LivescoreError
from livescore.model import SourceItem
from livescore.runner import warn


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def run_serve(
    source: AsyncIterable[SourceItem], host: str, port: int, token: str | None
) -> None:
    import sys

    from livescore.bridge.hub import Hub
    from livescore.bridge.server import BridgeServer, BridgeSink
    from livescore.pipeline import run

    hub = Hub()
    server = BridgeServer(hub, token)
    try:
        listening = await server.start(host, port)
    except OSError as exc:
        raise LivescoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    bound = listening.sockets[0].getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    print(
        f"livescore: serving ws://{shown}:{bound}/ (health: http://{shown}:{bound}/healthz)",
        file=sys.stderr,
        flush=True,
    )
    if not is_loopback(host) and token is None:
        warn(f"listening on {host} without --token: anyone who can reach it can connect")
    try:
        await run(source, BridgeSink(hub), warn=warn)
        await listening.serve_forever()  # a replay has ended: keep serving its final state
    finally:
        listening.close()  # clients get a normal close (1001, going away)
        await listening.wait_closed()


async def run_tail(
    url: str, fmt: str, token: str | None, leagues: Sequence[str], teams: Sequence[str]
) -> None:
    from livescore.bridge.client import BridgeClient
    from livescore.runner import execute

    client = BridgeClient(url, token=token, leagues=leagues, teams=teams)
    await execute(client, fmt, title=f"livescore · {url}")


async def run_replay(path: str, speed: float, fmt: str, teams: Sequence[str]) -> None:
    from livescore.record import replay
    from livescore.runner import execute

    await execute(replay(path, speed), fmt, teams=teams, title=f"livescore · replay of {path}")
