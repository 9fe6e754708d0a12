"""The bridge's state: the latest event per game, a replay buffer, and each client's queue.

No I/O here. ``publish`` never waits: a slow or dead client only grows its own queue, and
when that overflows its pending events are coalesced to the latest state per game and it
is told it was resynced. Memory stays bounded by the number of games.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterable
from datetime import datetime

from livescore.health import Health
from livescore.jsonlines import event_json
from livescore.model import Event
from livescore.teams import GameFilter

BUFFER = 2000  # events kept for `since=` resumes (the contract asks for at least 1000)
CLIENT_QUEUE = 500  # events a client may have pending before it is coalesced
Key = tuple[str, str, str]
Item = tuple[Event, str]


class Client:
    """One connected client: what it still has to be sent.

    ``direct``, when set, is the fast path: it writes a frame at once if the connection can
    take it without waiting, and returns False otherwise. It is tried only while nothing is
    pending, so the order of events never changes; the rest waits in ``pending`` for the
    client's sender task. Writing at once means each event reaches every client before the
    next event goes out (rather than one client getting a whole batch before the next
    client gets anything).
    """

    def __init__(self, flt: GameFilter, limit: int = CLIENT_QUEUE) -> None:
        self.filter = flt
        self.limit = limit
        self.pending: deque[Item] = deque()
        self.wake = asyncio.Event()
        self.resyncs = 0
        self.direct: Callable[[str], bool] | None = None
        self.sending = False  # the sender task is waiting on a send: no direct writes now

    def offer(self, item: Item) -> None:
        if not self.filter(item[0].game):
            return
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
        """Too far behind: keep only the latest state per game, as resync snapshots."""
        latest: dict[Key, Event] = {}
        for event, _ in (*self.pending, newest):
            latest[event.game.key] = event
        self.resyncs += 1
        self.pending = deque(resync_item(e) for e in sorted(latest.values(), key=_seq))
        self.wake.set()


def _seq(event: Event) -> int:
    return event.seq


def resync_item(event: Event, resync: bool = True) -> Item:
    snap = Event(event.seq, event.ts, "snapshot", (), event.game, resync)
    return snap, event_json(snap)


class Hub:
    def __init__(self, buffer: int = BUFFER, client_queue: int = CLIENT_QUEUE) -> None:
        self.latest: dict[Key, Event] = {}
        self.buffer: deque[Item] = deque(maxlen=buffer)
        self.clients: set[Client] = set()
        self.client_queue = client_queue
        self.seq = 0
        self.health = Health()
        self.started: datetime | None = None

    def publish(self, events: Iterable[Event]) -> None:
        for event in events:
            item = (event, event_json(event))
            self.latest[event.game.key] = event
            self.buffer.append(item)
            self.seq = max(self.seq, event.seq)
            for client in self.clients:
                client.offer(item)

    def snapshots(self, flt: GameFilter, resync: bool = False) -> list[Item]:
        """The current state of every game the filter keeps, in seq order."""
        events = sorted((e for e in self.latest.values() if flt(e.game)), key=_seq)
        return [resync_item(e, resync) for e in events]

    def catch_up(self, flt: GameFilter, since: int | None) -> list[Item]:
        """What a client starting now needs: snapshots, or what it missed since ``since``."""
        if since is None:
            return self.snapshots(flt)
        if since == self.seq:
            return []
        oldest = self.buffer[0][0].seq if self.buffer else self.seq + 1
        if 0 <= since < self.seq and oldest <= since + 1:
            return [item for item in self.buffer if item[0].seq > since and flt(item[0].game)]
        return self.snapshots(flt, resync=True)  # too old, or from another run of the bridge

    def attach(self, flt: GameFilter, since: int | None = None) -> Client:
        client = Client(flt, self.client_queue)
        client.replace(self.catch_up(flt, since))
        self.clients.add(client)
        return client

    def detach(self, client: Client) -> None:
        self.clients.discard(client)
