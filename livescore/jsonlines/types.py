"""The JSON lines v1 contract as types: what every line is, field by field.

The encoder writes these Structs (``msgspec``), the fast decoder reads them, and
``livescore schema`` prints the JSON Schema generated from them. Fields without a default
are on every line (``null`` where there is no value); fields with one are left out when
they hold it (``resync``, ``epoch``, ``sportrix``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from msgspec import Meta, Struct, field

VERSION: Literal[1] = 1
KINDS = ("snapshot", "score", "status", "clock")

Seq = Annotated[
    int,
    Meta(
        ge=0,
        description="Position: the game event's number in this run (feed and error "
        "events carry the number of the last game event before them)",
    ),
]
Timestamp = Annotated[
    str,
    Meta(
        pattern=r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$",
        description="UTC with milliseconds: 2026-05-02T23:58:41.120Z",
    ),
]
MaybeTime = Timestamp | None
Epoch = Annotated[
    str | None,
    Meta(description="The bridge run that numbered the event (bridge and Redis frames only)"),
]


Count = Annotated[int, Meta(ge=0)]


class TeamV1(Struct, frozen=True, omit_defaults=True):
    name: Annotated[str, Meta(description="Full name, cleaned of control characters")]
    abbr: Annotated[str, Meta(description="Abbreviation (ESPN's, or made from the name)")]
    score: Annotated[
        int | None,
        Meta(
            description="null before the start or when unknown. Cricket: the runs of the "
            "side's latest innings (each innings in situation.innings)"
        ),
    ]
    record: Annotated[
        str, Meta(description="ESPN: the season record, 10-5 (W-L) or 10-5-2; left out if none")
    ] = ""
    shootout: Annotated[
        Count | None,
        Meta(description="Goals in a penalty shootout (soccer) or a hockey shootout"),
    ] = None
    aggregate: Annotated[
        Count | None, Meta(description="A two-legged tie's aggregate score, where given")
    ] = None


class GameEventV1(Struct, omit_defaults=True, frozen=True):
    """A game's state when it changed: first sighting (snapshot), score, status or clock."""

    v: Literal[1]
    seq: Seq
    ts: Timestamp
    event: Annotated[
        Literal["snapshot", "score", "status", "clock"],
        Meta(
            description="snapshot: first sighting (or resync); score: a score changed; "
            "status: state, period or phase changed (start, half time, final, postponed); "
            "clock: only the clock moved"
        ),
    ]
    changed: Annotated[list[str], Meta(description="Which fields changed (empty: snapshot)")]
    source: Annotated[str, Meta(description="espn or sportrix")]
    league: str
    sport: str
    id: str
    state: Literal["pre", "in", "post"]
    detail: Annotated[str, Meta(description="Status text ready to show: '8:41 - 4th', 'HT'")]
    period: int | None
    clock: str | None
    start: Annotated[str | None, Meta(description="Scheduled start, ISO 8601 UTC")]
    home: TeamV1
    away: TeamV1
    sportrix: Annotated[
        dict[str, Any] | None,
        Meta(description="Sportrix lines: what the sport adds (see SportrixSoccer, ...)"),
    ] = None
    format: Annotated[
        Literal["teams", "match", "field"],
        Meta(
            description="Left out for teams (home v away). match: two individuals (tennis, a "
            "bout), home and away are the two sides as ESPN orders them; field: golf, racing, "
            "home and away are the first two places and situation.field the leaderboard"
        ),
    ] = "teams"
    situation: Annotated[
        dict[str, Any] | None,
        Meta(
            description="ESPN lines, when ESPN says more than the score: count and bases, "
            "down and distance, red cards, last goal, last play, broadcast (see SituationV1)"
        ),
    ] = None
    resync: Annotated[
        bool, Meta(description="true: sent after a gap; replaces what the reader had")
    ] = False
    epoch: Epoch = None
    winner: Annotated[
        Literal["home", "away"] | None,
        Meta(
            description="Who won a finished game (on penalties, on aggregate, by wickets "
            "alike); left out before the end, for a draw and when the source does not say"
        ),
    ] = None


class FeedEventV1(Struct, omit_defaults=True, frozen=True):
    """A feed went stale (failing; the data shown is the last good) or is ok again."""

    v: Literal[1]
    seq: Seq
    ts: Timestamp
    event: Literal["feed"]
    feed: Annotated[str, Meta(description="Which feed: 'espn nba', 'sportrix', ...")]
    state: Literal["ok", "stale"]
    error: str | None
    since: Timestamp
    retry_at: MaybeTime
    last_ok: MaybeTime
    epoch: Epoch = None


class ErrorV1(Struct, omit_defaults=True, frozen=True):
    """Bridge only: what the bridge could not use of what a client sent."""

    v: Literal[1]
    seq: Seq
    ts: Timestamp
    event: Literal["error"]
    message: str
    epoch: Epoch = None


class LastGoal(Struct):
    minute: Annotated[str | None, Meta(description="The clock of the goal: 54', 90'+2'")]
    side: Annotated[Literal["home", "away"] | None, Meta(description="Who scored")]
    scorer: str | None
    penalty: bool
    own_goal: bool


class RedCards(Struct):
    home: int
    away: int


class SetScore(Struct):
    home: int
    away: int


class Place(Struct, omit_defaults=True):
    pos: Annotated[int, Meta(ge=1)]
    name: str
    score: Annotated[str, Meta(description="As ESPN gives it: golf's to-par, -14")] = ""
    short: str = ""


class WinProbability(Struct):
    home: Annotated[float, Meta(ge=0, le=1)]
    away: Annotated[float, Meta(ge=0, le=1)]


class Innings(Struct, omit_defaults=True):
    home: Annotated[str, Meta(description="ESPN's text: 155/6, 227 & 231")] = ""
    away: str = ""


class SituationV1(Struct, omit_defaults=True):
    """What the ``situation`` object may hold; every key is optional, and is there only when
    ESPN gives it (baseball and football keys only while live)."""

    balls: Annotated[int, Meta(ge=0, le=4, description="Baseball count")] = 0
    strikes: Annotated[int, Meta(ge=0, le=3)] = 0
    outs: Annotated[int, Meta(ge=0, le=3)] = 0
    on_first: bool = False
    on_second: bool = False
    on_third: bool = False
    batter: str = ""
    pitcher: str = ""
    down: Annotated[int, Meta(ge=1, le=4, description="Football")] = 1
    distance: Annotated[int, Meta(ge=0)] = 0
    down_distance: Annotated[str, Meta(description="3rd & 7 at NO 47")] = ""
    possession: Literal["home", "away"] = "home"
    red_zone: bool = False
    last_play: Annotated[str, Meta(description="The last play's text, as ESPN words it")] = ""
    red_cards: Annotated[RedCards | None, Meta(description="Soccer, once there is one")] = None
    last_goal: Annotated[LastGoal | None, Meta(description="Soccer: the latest goal")] = None
    broadcast: Annotated[str, Meta(description="National broadcasters: TNT, truTV")] = ""
    sets: Annotated[
        list[SetScore], Meta(description="Tennis, volleyball: games or points of each set")
    ] = []
    winner: Literal["home", "away"] = "home"
    round: Annotated[int, Meta(ge=1, description="A bout's round")] = 1
    time: Annotated[str, Meta(description="The time in the round: 2:27")] = ""
    weight_class: Annotated[str, Meta(description="A bout's weight class")] = field(
        default="", name="class"
    )
    event: Annotated[str, Meta(description="The card, tournament, race weekend, or match")] = ""
    session: Annotated[str, Meta(description="Men's Singles, FP1, Race")] = ""
    field: Annotated[list[Place], Meta(description="Golf, racing: the top 10")] = []
    innings: Annotated[Innings | None, Meta(description="Cricket, each side's score text")] = None
    summary: Annotated[str, Meta(description="Cricket: India won by 3 wkts")] = ""
    win_probability: Annotated[
        WinProbability | None,
        Meta(description="Each side's chance of winning after the last play, where ESPN says"),
    ] = None
    series: Annotated[
        str, Meta(description="A playoff series or two-legged tie: DEN wins series 4-3")
    ] = ""


# What the ``sportrix`` object holds, per sport (documented in the schema).
class SportrixPhase(Struct):
    label: str
    team: str


class SportrixPair(Struct):
    home: int | None
    away: int | None


class SportrixSoccer(Struct):
    status: str
    phase: SportrixPhase
    stats: dict[str, SportrixPair]


class SportrixCricket(Struct):
    batting: str
    runs: int | None
    wickets: int | None
    overs: str | None
    last_event: str | None


class SportrixOther(Struct):
    status: str


SPORTRIX_SHAPES = (SportrixSoccer, SportrixCricket, SportrixOther)
