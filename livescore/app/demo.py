"""`livescore demo`: the real pipeline, offline, against simulators the package contains."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterator
from typing import Any

from livescore.core.leagues import resolve
from livescore.core.model import RecordFn, SourceItem, Update
from livescore.net.fanin import merge

DEMO_KEY = "sk_demo_local_only"


async def until_final(
    source: AsyncIterable[SourceItem], games: int, linger: float = 0.0
) -> AsyncIterator[SourceItem]:
    """Pass items through until ``games`` games have been seen and every one is over."""
    states: dict[tuple[str, str, str], str] = {}
    async for item in source:
        yield item
        if isinstance(item, Update):
            states.update((g.key, g.state) for g in item.games)
            if len(states) >= games and all(s == "post" for s in states.values()):
                await asyncio.sleep(linger)
                return


@contextlib.asynccontextmanager
async def demo_source(
    speed: float,
    push: bool = False,
    record: RecordFn | None = None,
    espn_url: Callable[[str], None] | None = None,
) -> AsyncIterator[AsyncIterator[SourceItem]]:
    """Both simulators running on 127.0.0.1 and the real sources polling and streaming them,
    merged into one source that ends once every game is over. With ``push``, the ESPN games
    come from the FastCast simulator, by push, with polling as the floor. ``record``: what
    the sources received, for ``demo --record`` (a recording to try ``replay`` with).
    ``espn_url``: told the ESPN simulator's URL (the keys' detail, days and standings)."""
    import httpx

    from livescore.espn.poller import EspnPoller
    from livescore.sim.sportrix_server import SportrixSim
    from livescore.sportrix.rest import SportrixApi
    from livescore.sportrix.stream import SportrixStream

    leagues = [resolve("nba"), resolve("epl")]
    sim = SportrixSim(DEMO_KEY, speed=speed)
    with _espn(speed, push) as (url, espn_games):
        if espn_url is not None:
            espn_url(url)
        async with sim.run() as (ws_url, api_url), httpx.AsyncClient() as client:
            poller = EspnPoller(
                leagues,
                client,
                base_url=url,
                interval=max(0.05, 1.0 / speed),
                idle_interval=max(0.1, 2.0 / speed),
                day_ends=0,  # the simulated slate has one day
                record=record,
            )
            ids = [str(i) for i in sim.matches]
            api = SportrixApi(client, api_url, DEMO_KEY, record=record)
            stream = SportrixStream(ids, ws_url, DEMO_KEY, api=api, record=record)
            total = len(espn_games) + len(ids)
            espn: AsyncIterable[SourceItem] = poller
            if push:
                from livescore.espn.fastcast.source import PushSource

                espn = PushSource(poller, url, client)
            yield until_final(merge(espn, stream), total, linger=min(2.0, 2.0 / speed))


@contextlib.contextmanager
def _espn(speed: float, push: bool) -> Iterator[tuple[str, list[Any]]]:
    """The ESPN side: the scoreboard simulator, or the FastCast one (which serves the
    scoreboard too, for the polling floor)."""
    from livescore.sim import espn_server

    if not push:
        with espn_server.run(speed=speed) as found:
            yield found
        return
    from livescore.sim.fastcast import FastcastSim

    sim = FastcastSim(speed=speed, tick=min(1.0, 2.0 / speed))
    with sim.running() as url:
        yield url, sim.games
