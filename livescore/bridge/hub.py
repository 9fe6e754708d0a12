"""The bridge's state: the latest event per game and per feed, a replay buffer, the run's
epoch, and each client's queue.

No I/O here. ``publish`` never waits: a slow or dead client only grows its own queue, and
when that overflows its pending events are coalesced to the latest state per game and it
is told it was resynced. Memory stays bounded by the number of games.

Positions: every frame carries ``seq``, and on one connection it never goes backwards.
Snapshots (first ones, resyncs, after a subscribe) and feed states sent to catch a client up
carry the hub's current seq: the position they bring the client to. A resume needs the
position and the epoch of the run that gave it (``?since=SEQ&epoch=E``); anything else gets
resync snapshots, never a silent gap.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from collections import deque
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Literal

from livescore.core.health import Health
from livescore.core.model import Event, FeedEvent, Game, Plays
from livescore.core.teams import GameFilter
from livescore.jsonlines import event_json, feed_json

BUFFER = 2000  # events kept for `since=` resumes (the contract asks for at least 1000)
CLIENT_QUEUE = 500  # events a client may have pending before it is coalesced
EPOCH = re.compile(r"[0-9a-f]{8}")
Key = tuple[str, str, str]
Item = tuple[Event | FeedEvent | Plays | None, str]  # None: a control frame (an error)


def new_epoch() -> str:
    """8 random hex characters, new for every run of the bridge."""
    return secrets.token_hex(4)


class Client:
    """One connected client: what it still has to be sent.

    ``direct``, when set, is the fast path: it writes a frame at once if the connection can
    take it without waiting, and returns False otherwise. It is tried only while nothing is
    pending, so the order of events never changes; the rest waits in ``pending`` for the
    client's sender task. Writing at once means each event reaches every client before the
    next event goes out (rather than one client getting a whole batch before the next
    client gets anything).
    """

    def __init__(self, flt: GameFilter, limit: int = CLIENT_QUEUE, epoch: str = "") -> None:
        self.filter = flt
        self.limit = limit
        self.epoch = epoch
        self.pending: deque[Item] = deque()
        self.wake = asyncio.Event()
        self.resyncs = 0
        self.direct: Callable[[str], bool] | None = None
        self.sending = False  # the sender task is waiting on a send: no direct writes now

    @property
    def filter(self) -> GameFilter:
        return self._filter

    @filter.setter
    def filter(self, flt: GameFilter) -> None:
        self._filter = flt
        self.everything = flt.everything  # read per event and client: kept, not worked out

    def offer(self, item: Item) -> None:
        """One item for this client, if its filter keeps the game."""
        event = item[0]
        if isinstance(event, Event | Plays) and not self.filter(event.game):
            return
        self.take(item)

    def take(self, item: Item) -> None:
        """One item the filter has already kept: written at once when the client keeps up,
        queued behind what is pending otherwise."""
        if not self.pending and self.direct is not None and self.direct(item[1]):
            return
        if len(self.pending) >= self.limit:
            self._coalesce(item)
        else:
            self.pending.append(item)
        self.wake.set()

    def replace(self, items: Iterable[Item]) -> None:
        self.pending = deque(items)
        self.wake.set()

    def _coalesce(self, newest: Item) -> None:
        """Too far behind: keep only the latest state per game (as resync snapshots) and
        per feed, in seq order."""
        latest: dict[object, Event | FeedEvent] = {}
        for event, _ in (*self.pending, newest):
            if event is None or isinstance(event, Plays):
                continue  # an error frame (advice) or a play (live only): dropped with it
            key = event.game.key if isinstance(event, Event) else ("feed", event.feed)
            latest.pop(key, None)
            latest[key] = event  # a dict keeps insertion order: the latest is last
        self.resyncs += 1
        items: list[Item] = []
        for event in latest.values():
            if isinstance(event, Event):
                items.append(resync_item(event, self.epoch))
            else:
                items.append((event, feed_json(event, self.epoch)))
        self.pending = deque(items)
        self.wake.set()


def resync_item(event: Event, epoch: str, resync: bool = True, seq: int | None = None) -> Item:
    snap = Event(event.seq if seq is None else seq, event.ts, "snapshot", (), event.game, resync)
    return snap, event_json(snap, epoch)


class Hub:
    def __init__(
        self, buffer: int = BUFFER, client_queue: int = CLIENT_QUEUE, epoch: str | None = None
    ) -> None:
        self.epoch = epoch or new_epoch()
        self.latest: dict[Key, Event] = {}
        self.buffer: deque[Item] = deque(maxlen=buffer)
        self.clients: set[Client] = set()
        self.client_queue = client_queue
        self.seq = 0
        self.health = Health()
        self.started: datetime | None = None

    def publish(self, events: Iterable[Event]) -> list[Item]:
        """Send each event to every client; returns them encoded (for a Redis publisher)."""
        items: list[Item] = []
        for event in events:
            item: Item = (event, event_json(event, self.epoch))
            self.latest[event.game.key] = event
            self.buffer.append(item)
            self.seq = max(self.seq, event.seq)
            self._deliver(item, event.game)
            items.append(item)
        return items

    def _deliver(self, item: Item, game: Game | None) -> None:
        """``item`` to every client whose filter keeps ``game`` (every client for None).
        A filter is asked once per event, however many clients share it: this loop runs
        for every client and every event, so it does no more than it must."""
        verdicts: dict[int, bool] = {}
        for client in self.clients:
            if game is not None and not client.everything:
                flt = client.filter
                kept = verdicts.get(id(flt))
                if kept is None:
                    kept = verdicts[id(flt)] = flt(game)
                if not kept:
                    continue
            client.take(item)

    def publish_feed(self, event: FeedEvent) -> Item:
        """A feed went stale or ok again: every client hears it, whatever its filter."""
        item: Item = (event, feed_json(event, self.epoch))
        self._deliver(item, None)
        return item

    def publish_plays(self, item: Plays) -> list[str]:
        """Plays of a game (``serve --plays``), at the current position, to every client
        whose filter keeps the game. Live only: not kept for resumes (a client away gets the
        games' states, and ``livescore game`` a game's plays)."""
        from livescore.jsonlines.detail import play_json

        texts = []
        for change, play in item.changes:
            text = play_json(item.game, play, self.seq, item.at, change, self.epoch, item.feed)
            one = Plays(item.feed, item.game, ((change, play),), item.at)
            self._deliver((one, text), item.game)
            texts.append(text)
        return texts

    def state(self) -> list[tuple[str, str]]:
        """Every game's latest event and every feed's state, keyed for a state hash."""
        games = [(state_key(e), event_json(e, self.epoch)) for e in self.latest.values()]
        feeds = self.feed_states()
        return games + [(state_key(f), text) for f, text in feeds if isinstance(f, FeedEvent)]

    def snapshots(self, flt: GameFilter, resync: bool = False) -> list[Item]:
        """The current state of every game the filter keeps, then of every feed known
        (so a client knows at once whether to trust it), all at the current position."""
        events = sorted((e for e in self.latest.values() if flt(e.game)), key=_seq)
        items = [resync_item(e, self.epoch, resync, self.seq) for e in events]
        return items + self.feed_states()

    def feed_states(self) -> list[Item]:
        """Every feed's state now, at the current position (from the pipeline's health)."""
        now = datetime.now(UTC)
        items: list[Item] = []
        for name in sorted(self.health.feeds):
            f = self.health.feeds[name]
            state: Literal["ok", "stale"] = "stale" if f.stale else "ok"
            since = (f.failed_at if f.stale else f.last_ok) or now
            event = FeedEvent(self.seq, now, name, state, f.error, since, f.retry_at, f.last_ok)
            items.append((event, feed_json(event, self.epoch)))
        return items

    def catch_up(self, flt: GameFilter, since: int | None, epoch: str | None = None) -> list[Item]:
        """What a client starting now needs: snapshots, or what it missed since ``since``
        in this run (``epoch``). A position from another run, too old for the buffer or
        from the future gets resync snapshots."""
        if since is None:
            return self.snapshots(flt)
        if epoch != self.epoch:
            return self.snapshots(flt, resync=True)  # another run of the bridge, or unknown
        if since == self.seq:
            return self.feed_states()
        first = self.buffer[0][0] if self.buffer else None
        oldest = first.seq if isinstance(first, Event | FeedEvent) else self.seq + 1
        if 0 <= since < self.seq and oldest <= since + 1:
            missed = [
                item
                for item in self.buffer
                if isinstance(item[0], Event) and item[0].seq > since and flt(item[0].game)
            ]
            return missed + self.feed_states()
        return self.snapshots(flt, resync=True)

    def attach(self, flt: GameFilter, since: int | None = None, epoch: str | None = None) -> Client:
        client = Client(flt, self.client_queue, self.epoch)
        client.replace(self.catch_up(flt, since, epoch))
        self.clients.add(client)
        return client

    def detach(self, client: Client) -> None:
        self.clients.discard(client)


def state_key(event: Event | FeedEvent) -> str:
    """``g:espn|nba|401`` for a game, ``f:espn nba`` for a feed."""
    if isinstance(event, Event):
        return "g:" + "|".join(event.game.key)
    return f"f:{event.feed}"


def _seq(event: Event) -> int:
    return event.seq
