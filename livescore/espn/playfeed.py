"""The plays of the games a scoreboard source follows (``watch --plays``): the source's items
passed on as they come, and after each scoreboard, for each game it shows changed (live, or
just finished), that game's summary fetched and its new plays added as a ``Plays`` item.

Fetch on change: a quiet game costs no request, a changed one one request (a game that
changes again while its summary is being fetched is fetched once more, after). Summaries
are fetched at most ``PARALLEL`` at a time. A failure is a ``Problem`` of the detail feed
(``espn detail nba``): a warning and a feed event; the game's next change tries again.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

from livescore.core import defaults
from livescore.core.leagues import League
from livescore.core.model import Game, Plays, Problem, SourceItem, Update
from livescore.espn.detail.changes import PlayTracker
from livescore.espn.detail.plays import PlayCache
from livescore.espn.response import FetchError
from livescore.espn.summary import SummaryFollower
from livescore.net.fanin import Put, fan_in

PARALLEL = 4


@dataclass
class PlayFeed:
    inner: AsyncIterable[SourceItem]
    client: httpx.AsyncClient
    leagues: Mapping[str, League]  # alias → league, for the summary's URL
    base_url: str = defaults.ESPN_URL
    timeout: float = defaults.TIMEOUT
    scoring_only: bool = True  # --plays (scoring plays) or --plays all
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    requests: int = 0  # summaries asked for (for tests and the benchmark)
    _seen: dict[tuple[str, str, str], Game] = field(default_factory=dict)
    _trackers: dict[tuple[str, str, str], PlayTracker] = field(default_factory=dict)
    _caches: dict[tuple[str, str, str], PlayCache] = field(default_factory=dict)
    _busy: set[tuple[str, str, str]] = field(default_factory=set)
    _again: set[tuple[str, str, str]] = field(default_factory=set)

    def __aiter__(self) -> AsyncIterator[SourceItem]:
        return fan_in([self._run])

    async def _run(self, put: Put[SourceItem]) -> None:
        limit = asyncio.Semaphore(PARALLEL)
        tasks: set[asyncio.Task[None]] = set()
        try:
            async for item in self.inner:
                await put(item)
                if not isinstance(item, Update) or not item.feed.startswith("espn"):
                    continue
                for game in self._changed(item.games):
                    if game.key in self._busy:
                        self._again.add(game.key)
                        continue
                    self._busy.add(game.key)
                    task = asyncio.create_task(self._fetch(game, put, limit))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
            if tasks:  # the source ended (--once): the plays of its last changes still come
                await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()

    def _changed(self, games: tuple[Game, ...]) -> list[Game]:
        """The games whose plays may have moved: live and changed since the last scoreboard,
        or just finished while followed."""
        out = []
        for game in games:
            if game.source != "espn" or game.format != "teams":
                continue
            before = self._seen.get(game.key)
            self._seen[game.key] = game
            if before == game:
                continue
            if game.state == "in" or (game.state == "post" and before is not None
                                      and before.state == "in"):  # fmt: skip
                out.append(game)
        return out

    async def _fetch(self, game: Game, put: Put[SourceItem], limit: asyncio.Semaphore) -> None:
        league = self.leagues.get(game.league)
        if league is None:
            self._busy.discard(game.key)
            return
        cache = self._caches.setdefault(game.key, PlayCache())
        follower = SummaryFollower(
            self.client, league, game.id, base_url=self.base_url, timeout=self.timeout, cache=cache
        )
        try:
            while True:
                self._again.discard(game.key)
                async with limit:
                    self.requests += 1
                    try:
                        detail, at = await follower.fetch()
                    except FetchError as exc:
                        now = self.clock()
                        retry = now + timedelta(seconds=defaults.INTERVAL)
                        message = f"game {game.id}: {exc}"
                        await put(Problem(follower.feed, message, now, retry, False, exc.rejected))
                        return
                tracker = self._trackers.setdefault(game.key, PlayTracker())
                shown, changes = tracker.update(detail)
                kept = tuple(c for c in changes if c[1].scoring or not self.scoring_only)
                await put(Plays(follower.feed, shown.game, kept, at))  # even empty: feed ok
                if game.key not in self._again:
                    return
        finally:
            self._busy.discard(game.key)
            if game.state == "post":
                self._trackers.pop(game.key, None)
                self._caches.pop(game.key, None)
