"""The values that flow through livescore: games, change events and source reports.

Pure data: no I/O, no clocks. Every string in a ``Game`` has already been cleaned by
:func:`livescore.core.sanitize.clean`.

Values are immutable. Type checkers enforce it (``@value`` reads as a frozen dataclass to
them); at run time they are plain slotted dataclasses, because a frozen dataclass's
``__init__`` sets each field through ``object.__setattr__``: 2.6 µs for a ``Game`` against
0.3 µs, on the stream's hot path once per frame. Equality and hashing are as for frozen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, TypeVar, dataclass_transform

C = TypeVar("C")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def value(cls: type[C]) -> type[C]:
    """A value class: frozen for type checkers, a fast slotted dataclass at run time."""
    made: Callable[[type[C]], type[C]] = dataclass(slots=True, unsafe_hash=True)
    return made(cls)


State = Literal["pre", "in", "post"]
EventKind = Literal["snapshot", "score", "status", "clock"]
Format = Literal["teams", "match", "field"]
Side = Literal["home", "away"]
STATES: tuple[State, ...] = ("pre", "in", "post")


@value
class Team:
    name: str
    abbr: str
    score: int | None = None
    # ESPN's shortDisplayName ("Celtics", "Man United"): the table's middle width tier. Not in
    # JSON lines, not compared: a team is its name and abbreviation.
    short: str = field(default="", compare=False)
    # ESPN's season record ("10-5", ``records[]`` overall), the shootout's goals (soccer
    # penalties, hockey shootouts) and a two-legged tie's aggregate, where the source says.
    record: str = ""
    shootout: int | None = None
    aggregate: int | None = None


@value
class Game:
    """One game as a source last described it."""

    source: str  # "espn" | "sportrix"
    league: str  # alias ("nba"), ESPN league slug, or Sportrix competition name
    sport: str
    id: str
    state: State
    detail: str  # ready-made status text: "8:41 - 4th", "HT", "Postponed", "Final"
    home: Team
    away: Team
    period: int | None = None
    clock: str | None = None
    start: str | None = None  # ISO 8601 UTC, "2026-05-02T23:30:00Z"
    # The source's own finer status (ESPN "STATUS_HALFTIME", Sportrix "ht"): a change here is
    # a status change even when state and period stay the same. Not part of JSON lines.
    phase: str = ""
    # What the source adds (Sportrix soccer: status, phase, stats; cricket: batting, runs...).
    extra: Mapping[str, Any] | None = None
    # Sportrix: whether the clock is running, and its value in seconds when received.
    # What ESPN says beyond the score (livescore/espn/situation.py): count and bases, down and
    # distance, red cards, last goal, last play, broadcast. JSON lines' ``situation``.
    situation: Mapping[str, Any] | None = None
    # "teams" (home v away), "match" (two individuals: tennis, a bout; home and away are the
    # two sides as ESPN orders them) or "field" (golf, racing: home and away are the first
    # two places; the leaderboard is in situation["field"]).
    format: Format = "teams"
    clock_running: bool = False
    clock_seconds: int | None = field(default=None, compare=False)
    clock_at: datetime | None = field(default=None, compare=False)
    # Who won a finished game, when it was decided (None: a draw, undecided, not finished).
    winner: Side | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.league, self.id)


@value
class Event:
    """A real change to one game, numbered in the order the board saw it."""

    seq: int
    ts: datetime  # when the change was seen (UTC)
    kind: EventKind
    changed: tuple[str, ...]
    game: Game
    resync: bool = False


@value
class FeedEvent:
    """A feed turned stale (failing) or ok again: said in band, for programs that must not
    act on stale data. ``seq`` is the position, the seq of the last game event before it:
    feed events do not advance it."""

    seq: int
    ts: datetime
    feed: str
    state: Literal["ok", "stale"]
    error: str | None
    since: datetime  # when it went into this state
    retry_at: datetime | None = None
    last_ok: datetime | None = None


@value
class Play:
    """One play (a soccer key event too), with the score after it."""

    id: str
    sequence: int  # ESPN's sequenceNumber (a play added later has a later one); else position
    period: int | None
    period_text: str  # "4th Quarter", "Top 5th Inning"
    clock: str | None  # "8:22", "67'"; baseball has none
    text: str
    type: str  # "Jump Shot", "Field Goal Good", "Goal", "Yellow Card"
    side: Side | None  # the team the play is credited to
    scoring: bool
    value: int | None  # points it scored (NBA 1, 2, 3)
    home_score: int | None
    away_score: int | None
    win: float | None = None  # the home side's win probability after it, 0..1
    wallclock: str | None = None  # when it happened (UTC, ISO 8601)


@value
class Plays:
    """New, corrected or removed plays of one game (``watch --plays``), from its summary."""

    feed: str  # "espn detail nba"
    game: Game  # the game as the summary has it
    changes: tuple[tuple[Literal["new", "corrected", "removed"], Play], ...]
    at: datetime


@value
class Update:
    """A source's fresh description of some games, received at ``at`` (UTC)."""

    feed: str  # which feed this is, for health reporting ("espn nba", "sportrix")
    games: tuple[Game, ...]
    at: datetime
    resync: bool = False  # the source lost its connection and this is a fresh start


@value
class Problem:
    """A source failed to get fresh data; it keeps trying."""

    feed: str
    message: str
    at: datetime
    retry_at: datetime | None = None
    fatal: bool = False  # the source gave up: the command ends with an error
    rejected: bool = False  # the upstream refused us (HTTP 401/403)


@value
class Notice:
    """Something the user should know that is not a failure of the feed (Sportrix error frames)."""

    feed: str
    message: str
    at: datetime


@value
class Relayed:
    """Events numbered elsewhere (a bridge), passed on as they are."""

    feed: str
    events: tuple[Event, ...]
    at: datetime


SourceItem = Update | Problem | Notice | Relayed | Plays

# How a source hands each raw upstream answer or frame to ``--record``: (source, league or
# path, receive time, HTTP status or 0, raw body or frame). The recorder is app/recording.
RecordFn = Callable[[str, str, datetime, int, str], None]
