"""The board: the last known state of every game, and the changes between snapshots.

Pure: the caller passes ``now``. ``update`` returns only real changes, each with a sequence
number that grows by one per event across the whole board.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from livescore.core.model import Event, EventKind, Game, Team


def diff(old: Game, new: Game) -> tuple[EventKind, tuple[str, ...]] | None:
    """What changed from ``old`` to ``new``, as (event kind, changed fields); None if nothing.

    The checks below cover every field ``==`` compares (but the key's), so a changed game,
    the stream's usual case, is compared once, not twice. Once per frame on the stream's
    hot path, so the fields are compared one by one, without loops or generators."""
    if old is new:
        return None
    changed: list[str] = []
    oh, nh, oa, na = old.home, new.home, old.away, new.away
    scores = (
        oh.score != nh.score
        or oa.score != na.score
        or oh.shootout != nh.shootout
        or oa.shootout != na.shootout
    )
    if scores:
        changed.append("score")
    if old.state != new.state:
        changed.append("state")
    if old.period != new.period:
        changed.append("period")
    if old.phase != new.phase:
        changed.append("phase")
    if old.clock != new.clock or old.clock_running != new.clock_running:
        changed.append("clock")
    if old.detail != new.detail:
        changed.append("detail")
    if oh is not nh and _other(oh, nh):
        changed.append("home")
    if oa is not na and _other(oa, na):
        changed.append("away")
    if old.winner != new.winner:
        changed.append("winner")
    if old.start != new.start:
        changed.append("start")
    if old.sport != new.sport:
        changed.append("sport")
    if old.extra != new.extra:
        changed.append(new.source)
    if old.situation != new.situation:
        changed.append("situation")
    if old.format != new.format:
        changed.append("format")
    if not changed:
        return None
    kind: EventKind
    if "state" in changed:
        kind = "status"  # kick-off, final, postponed: a score in the same update is in changed
    elif (scores or new.sport == "cricket") and _scored(old, new):
        kind = "score"
    elif _moved_on(changed, old, new):
        kind = "clock"  # the game moved on: the clock, the count, the down, the last play
    else:
        kind = "status"
    return kind, tuple(changed)


def _other(old: Team, new: Team) -> bool:
    """The team changed beyond its score: its name, record or aggregate."""
    return (
        old.name != new.name
        or old.abbr != new.abbr
        or old.record != new.record
        or old.aggregate != new.aggregate
    )


def _moved_on(changed: list[str], old: Game, new: Game) -> bool:
    """Only the clock or the situation changed (with the source's extras, and a detail text
    that only follows the clock). Cricket's clock is its overs: ``3.1 ov`` to ``3.2 ov``."""
    if _overs_moved(old, new):
        return all(name in ("detail", new.source) for name in changed)
    if "clock" not in changed and "situation" not in changed:
        return False
    for name in changed:
        if name in ("clock", "situation") or name == new.source:
            continue
        if name == "detail" and _detail_follows_clock(old, new):
            continue
        return False
    return True


def _overs_moved(old: Game, new: Game) -> bool:
    """A cricket ball bowled, as Sportrix says it: only the overs in the detail moved."""
    return (
        new.sport == "cricket"
        and old.detail != new.detail
        and old.detail.endswith(" ov")
        and new.detail.endswith(" ov")
    )


def _scored(old: Game, new: Game) -> bool:
    """Did a side score? A score appearing as 0 (the kick-off, a new innings) is not a score;
    in cricket a wicket is one too."""
    oh, nh, oa, na = old.home, new.home, old.away, new.away
    for before, after in (
        (oh.score, nh.score),
        (oa.score, na.score),
        (oh.shootout, nh.shootout),
        (oa.shootout, na.shootout),
    ):
        if before != after and not (before is None and after == 0):
            return True
    if new.sport == "cricket" and old.extra is not None and new.extra is not None:
        if old.extra.get("batting") != new.extra.get("batting"):
            return False  # a new innings: its 0/0 is a start, not a score
        return any(old.extra.get(k) != new.extra.get(k) for k in ("runs", "wickets"))
    return False


def _detail_follows_clock(old: Game, new: Game) -> bool:
    """True when the detail text only changed because the clock in it moved ("8:41 - 4th")."""
    if old.clock is None or new.clock is None:
        return False
    return old.detail.replace(old.clock, "", 1) == new.detail.replace(new.clock, "", 1)


class Board:
    """Holds the last ``Game`` per key; turns new snapshots into ``Event`` values."""

    def __init__(self) -> None:
        self._games: dict[tuple[str, str, str], Game] = {}
        self._seq = 0

    @property
    def seq(self) -> int:
        """The sequence number of the last event emitted."""
        return self._seq

    def __len__(self) -> int:
        return len(self._games)

    def __iter__(self) -> Iterator[Game]:
        return iter(self._games.values())

    def update(self, games: Iterable[Game], now: datetime, resync: bool = False) -> list[Event]:
        """Record ``games``; return an event for each one that is new or changed.

        With ``resync`` (the source reconnected), every game gets a ``snapshot`` event.
        """
        events: list[Event] = []
        for game in games:
            key = game.key
            old = self._games.get(key)
            kind: EventKind
            changed: tuple[str, ...]
            if old is None:
                kind, changed = "snapshot", ()
            elif resync:
                # Fresh state after a gap: always said, as a snapshot, changed or not.
                found = diff(old, game)
                kind, changed = "snapshot", found[1] if found else ()
            else:
                found = diff(old, game)
                if found is None:
                    continue
                kind, changed = found
            self._games[key] = game
            self._seq += 1
            events.append(Event(self._seq, now, kind, changed, game, resync))
        return events

    def apply(self, events: Iterable[Event]) -> None:
        """Take events numbered elsewhere (a bridge) as they are."""
        for event in events:
            self._games[event.game.key] = event.game
            self._seq = max(self._seq, event.seq)

    def snapshot(self, now: datetime, resync: bool = False) -> list[Event]:
        """The current state of every game as ``snapshot`` events, numbered at the current seq.

        Used to bring a new consumer up to date; does not advance the sequence.
        """
        return [Event(self._seq, now, "snapshot", (), g, resync) for g in self._games.values()]
