"""`livescore demo`: the real pipeline, offline, against simulators the package contains."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Collection

from livescore.leagues import resolve
from livescore.model import SourceItem, Update


async def until_final(
    source: AsyncIterable[SourceItem], feeds: Collection[str], linger: float = 0.0
) -> AsyncIterator[SourceItem]:
    """Pass items through until every one of ``feeds`` reports only finished games."""
    finished: set[str] = set()
    async for item in source:
        yield item
        if isinstance(item, Update) and item.feed in feeds:
            if item.games and all(g.state == "post" for g in item.games):
                finished.add(item.feed)
            else:
                finished.discard(item.feed)
            if finished >= set(feeds):
                await asyncio.sleep(linger)
                return


async def run_demo(speed: float, fmt: str, teams: Collection[str]) -> None:
    import httpx

    from livescore.espn.poller import EspnPoller
    from livescore.runner import execute
    from livescore.sim import espn_server

    leagues = [resolve("nba"), resolve("epl")]
    with espn_server.run(speed=speed) as (url, _games):
        async with httpx.AsyncClient() as client:
            poller = EspnPoller(
                leagues,
                client,
                base_url=url,
                interval=max(0.05, 1.0 / speed),
                idle_interval=max(0.1, 2.0 / speed),
            )
            feeds = [f"espn {lg.alias}" for lg in leagues]
            source = until_final(poller, feeds, linger=min(2.0, 2.0 / speed))
            await execute(source, fmt, teams=teams, title="livescore demo · NBA, EPL (simulated)")
