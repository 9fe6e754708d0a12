"""ESPN by push, with polling as the floor (``watch --push``, ``serve --push``).

- While FastCast serves a league, its documents are parsed by the ESPN parser into the same
  board and events as polling gives, under the same feed name (``espn nba``); the league is
  polled only every ``cross_every`` seconds (60), to cross-check: when the poll and push
  differ, the poll is taken again ``recheck`` seconds (10) later, and a game whose score and
  state stood still between the two polls must show the same on push; if not, it is counted,
  said, and the checkpoint is fetched again (a game caught mid-change by either path is not
  a disagreement).
- Any failure (discovery, handshake, a topic not served, a patch that does not apply with no
  checkpoint to start over from, a gap, silence past the heartbeat) turns every league back to
  polling at once, with a warning and a ``feed`` event (``espn push`` stale); push is tried
  again with backoff, and its return is an ``espn push`` ok event.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx

from livescore.core.errors import ParseError
from livescore.core.leagues import League
from livescore.core.model import Game, Notice, Problem, SourceItem, Update
from livescore.espn.fastcast.link import PushLost, Session
from livescore.espn.parse import parse_scoreboard
from livescore.espn.poller import EspnPoller
from livescore.net.backoff import Backoff
from livescore.net.fanin import Put, fan_in

FEED = "espn push"
CROSS_EVERY = 60.0
RECHECK = 10.0


def _signature(games: Sequence[Game]) -> dict[str, tuple[object, ...]]:
    return {g.id: (g.state, g.home.score, g.away.score) for g in games}


@dataclass
class PushSource:
    poller: EspnPoller  # the floor: its ``floor`` is set to this source
    base_url: str
    client: httpx.AsyncClient
    cross_every: float = CROSS_EVERY
    recheck: float = RECHECK
    disagreements: int = 0
    session: Session | None = field(default=None, init=False)
    _on: dict[str, bool] = field(default_factory=dict, init=False)
    _wake: dict[str, asyncio.Event] = field(default_factory=dict, init=False)
    _games: dict[str, tuple[Game, ...]] = field(default_factory=dict, init=False)
    # a poll that disagreed once: looked at again ``recheck`` seconds later
    _doubt: dict[str, dict[str, tuple[object, ...]] | None] = field(
        default_factory=dict, init=False
    )

    def __post_init__(self) -> None:
        self.poller.floor = self
        for league in self.poller.leagues:
            self._on[league.alias] = False
            self._wake[league.alias] = asyncio.Event()

    def __aiter__(self) -> AsyncIterator[SourceItem]:
        return fan_in([self._push_forever, self._poll])

    async def _poll(self, put: Put[SourceItem]) -> None:
        async for item in self.poller:
            await put(item)

    # --- the floor (called by the poller) ---

    async def turn(self, league: League) -> bool:
        alias = league.alias
        if not self._on[alias]:
            return True
        wake = self._wake[alias]
        wake.clear()
        wait = self.recheck if self._doubt.get(alias) is not None else self.cross_every
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), wait)
        return not self._on[alias]

    async def check(self, league: League, games: Sequence[Game], put: Put[SourceItem]) -> None:
        """Push and polling must agree on every game that stands still: a game whose score
        and state the poll saw twice, ``recheck`` seconds apart, is one push must show too
        (a game that moved in between may be caught mid-change by either path)."""
        alias = league.alias
        polled = _signature(games)
        if polled == _signature(self._games.get(alias, ())):
            self._doubt[alias] = None
            return
        doubted = self._doubt.get(alias)
        if doubted is None:
            self._doubt[alias] = polled  # look again, soon
            return
        self._doubt[alias] = None
        pushed = _signature(self._games.get(alias, ()))
        still = {k for k, v in polled.items() if doubted.get(k) == v}  # stood still
        differ = sorted(k for k in still | (pushed.keys() - polled.keys())
                        if pushed.get(k) != polled.get(k))  # fmt: skip
        if not differ:
            return
        self.disagreements += 1
        first = differ[0]
        message = (
            f"{league.alias}: the cross-check poll disagrees with push on {len(differ)} "
            f"game(s) ({first}: push {pushed.get(first)}, poll {polled.get(first)}; "
            f"{self.disagreements} so far); fetching the checkpoint again"
        )
        await put(Notice(FEED, message, self._now()))
        if self.session is not None:
            self.session.resync(league)

    # --- push ---

    async def _push_forever(self, put: Put[SourceItem]) -> None:
        backoff = Backoff(initial=5.0, cap=300.0)
        while True:
            session = Session(self.base_url, self.poller.leagues, self.client, self._publish(put))
            self.session = session
            started = self._now()

            def on_push(league: League) -> None:
                self._on[league.alias] = True

            reason = "the session ended"
            try:
                await session.run(on_push)
            except PushLost as exc:
                reason = str(exc)
            for alias in self._on:  # polling takes over at once
                self._on[alias] = False
                self._wake[alias].set()
            self.session = None
            if self._now() - started > timedelta(seconds=60):
                backoff.reset()
            delay = backoff.next_delay()
            retry = self._now() + timedelta(seconds=delay)
            await put(Problem(FEED, f"{reason}; polling meanwhile", self._now(), retry))
            await asyncio.sleep(delay)

    def _publish(self, put: Put[SourceItem]):  # type: ignore[no-untyped-def]
        said_ok: set[str] = set()

        async def publish(league: League, document: dict[str, object]) -> None:
            now = self._now()
            try:
                board = parse_scoreboard(document, league)
            except ParseError as exc:
                await put(Notice(FEED, f"{league.alias}: {exc}", now))
                return
            self._games[league.alias] = board.games
            if not said_ok:
                said_ok.add("push")
                await put(Update(FEED, (), now))  # push is up: the feed event says so
            await put(Update(f"espn {league.alias}", board.games, now))

        return publish

    def _now(self) -> datetime:
        return self.poller.clock()
