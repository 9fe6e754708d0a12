"""A game's detail in JSON lines v1 (additive): ``play`` events, each play once as it comes
(``corrected`` / ``removed`` when ESPN changes one later), and the one ``detail`` object of
``game --once --json``. The types are the contract (``livescore schema``); the encoders
build them from ``espn.detail.model`` values."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct

from livescore.core.model import Event, Game, Play
from livescore.core.timefmt import iso_ms
from livescore.espn.detail.model import Detail
from livescore.jsonlines.encode import game_event
from livescore.jsonlines.types import VERSION, Count, Epoch, GameEventV1, Seq, TeamV1, Timestamp

Side = Literal["home", "away"]
_ENCODER = msgspec.json.Encoder()


class Pair(Struct, frozen=True):
    home: int | None
    away: int | None


class Chances(Struct, frozen=True):
    home: Annotated[float, Meta(ge=0, le=1)]
    away: Annotated[float, Meta(ge=0, le=1)]


class PlayV1(Struct, frozen=True, omit_defaults=True):
    id: Annotated[str, Meta(description="ESPN's play id, unique in the game")]
    sequence: Annotated[
        int,
        Meta(
            ge=0,
            description="ESPN's sequence number (a play ESPN adds later has a later one: the "
            "events come in the game's order); the position where ESPN repeats numbers",
        ),
    ]
    period: int | None
    clock: Annotated[str | None, Meta(description="8:22, 67'; null in baseball")]
    text: str
    type: Annotated[str, Meta(description="Jump Shot, Field Goal Good, Goal, Yellow Card")]
    side: Annotated[Side | None, Meta(description="The team the play is credited to")]
    scoring: Annotated[
        bool,
        Meta(description="A scoring play (baseball: the result of a scoring at-bat only)"),
    ]
    score: Annotated[Pair, Meta(description="The score after the play")]
    period_text: Annotated[str, Meta(description="4th Quarter, Top 5th Inning")] = ""
    value: Annotated[Count | None, Meta(description="Points it scored")] = None
    win: Annotated[
        Chances | None, Meta(description="Win probability after the play, where ESPN has it")
    ] = None
    wallclock: Annotated[str | None, Meta(description="When it happened, UTC")] = None
    team: Annotated[str, Meta(description="The abbreviation of the side's team: BOS")] = ""


class PlayEventV1(Struct, frozen=True, omit_defaults=True):
    """A play of a followed game (``game``, ``watch --plays``): each once, in ESPN's order."""

    v: Literal[1]
    seq: Seq
    ts: Timestamp
    event: Literal["play"]
    source: Literal["espn"]
    league: str
    sport: str
    id: Annotated[str, Meta(description="The game's id")]
    play: PlayV1
    corrected: Annotated[
        bool, Meta(description="true: ESPN changed a play said before; this replaces it")
    ] = False
    removed: Annotated[bool, Meta(description="true: ESPN took back a play said before")] = False
    home: Annotated[
        TeamV1 | None, Meta(description="The home team, with its score after the play")
    ] = None
    away: Annotated[TeamV1 | None, Meta(description="The away team, likewise")] = None
    feed: Annotated[str, Meta(description="watch --plays: the detail feed, espn detail nba")] = ""
    epoch: Epoch = None


class StatV1(Struct, frozen=True):
    name: Annotated[str, Meta(description="ESPN's name: fieldGoalsMade-fieldGoalsAttempted")]
    label: str
    value: Annotated[str, Meta(description="As ESPN shows it: 27-72")]


class PlayerV1(Struct, frozen=True, omit_defaults=True):
    name: str
    short: str
    position: str
    starter: bool
    stats: Annotated[list[str], Meta(description="In the order of the group's keys")]
    note: Annotated[str, Meta(description="DNP-COACH'S DECISION")] = ""


class PlayerGroupV1(Struct, frozen=True):
    side: Side
    name: Annotated[str, Meta(description="'' (basketball), passing, batting, goalies...")]
    keys: list[str]
    labels: list[str]
    players: list[PlayerV1]
    totals: list[str]


class LeaderV1(Struct, frozen=True):
    side: Side
    category: str
    name: str
    value: str


class DriveV1(Struct, frozen=True):
    id: str
    side: Side | None
    description: str
    result: str
    start: str
    scoring: bool
    plays: Count


class OddsV1(Struct, frozen=True):
    provider: str
    details: str
    over_under: float | None
    spread: float | None


class CommentV1(Struct, frozen=True):
    sequence: int
    minute: str
    text: str


class TeamStatsV1(Struct, frozen=True):
    side: Side
    stats: list[StatV1]


class DetailV1(Struct, frozen=True, omit_defaults=True):
    """One game in full (``game --once --json``). Sections ESPN did not send are empty."""

    v: Literal[1]
    ts: Timestamp
    event: Literal["detail"]
    source: Literal["espn"]
    league: str
    sport: str
    id: str
    game: Annotated[GameEventV1, Meta(description="The game, as a snapshot event")]
    linescore: Annotated[
        dict[str, list[str]], Meta(description="Each period's score: {home: [...], away: [...]}")
    ]
    teams: Annotated[
        list[TeamStatsV1], Meta(description="The team box score; before the start, averages")
    ]
    players: list[PlayerGroupV1]
    leaders: list[LeaderV1]
    scoring: Annotated[list[PlayV1], Meta(description="The scoring plays")]
    plays: Annotated[list[PlayV1], Meta(description="Every play (soccer: the key events)")]
    drives: list[DriveV1] = []
    commentary: list[CommentV1] = []
    odds: list[OddsV1] = []
    predictor: Annotated[
        Chances | None, Meta(description="ESPN's matchup predictor before the start")
    ] = None
    win: Annotated[Chances | None, Meta(description="Win probability now")] = None
    hits: Annotated[Pair | None, Meta(description="Baseball")] = None
    errors: Annotated[Pair | None, Meta(description="Baseball")] = None


def play_v1(play: Play, game: Game) -> PlayV1:
    win = None if play.win is None else Chances(play.win, round(1.0 - play.win, 3))
    team = "" if play.side is None else (game.home if play.side == "home" else game.away).abbr
    return PlayV1(
        play.id,
        play.sequence,
        play.period,
        play.clock,
        play.text,
        play.type,
        play.side,
        play.scoring,
        Pair(play.home_score, play.away_score),
        play.period_text,
        play.value,
        win,
        play.wallclock,
        team,
    )


def play_json(
    game: Game,
    play: Play,
    seq: int,
    ts: datetime,
    change: str = "new",
    epoch: str | None = None,
    feed: str = "",
) -> str:
    home, away = game.home, game.away
    line = PlayEventV1(
        VERSION,
        seq,
        iso_ms(ts),
        "play",
        "espn",
        game.league,
        game.sport,
        game.id,
        play_v1(play, game),
        change == "corrected",
        change == "removed",
        TeamV1(home.name, home.abbr, play.home_score),
        TeamV1(away.name, away.abbr, play.away_score),
        feed,
        epoch,
    )
    return _ENCODER.encode(line).decode()


def detail_v1(detail: Detail, ts: datetime) -> DetailV1:
    game = detail.game
    he = detail.hits_errors
    return DetailV1(
        VERSION,
        iso_ms(ts),
        "detail",
        "espn",
        game.league,
        game.sport,
        game.id,
        game_event(Event(0, ts, "snapshot", (), game)),
        {"home": list(detail.linescore[0]), "away": list(detail.linescore[1])},
        [TeamStatsV1(side, [StatV1(s.name, s.label, s.value) for s in stats])
         for side, stats in detail.teams],
        [PlayerGroupV1(g.side, g.name, list(g.keys), list(g.labels),
                       [PlayerV1(p.name, p.short, p.position, p.starter, list(p.stats), p.note)
                        for p in g.players], list(g.totals))
         for g in detail.players],
        [LeaderV1(x.side, x.category, x.name, x.value) for x in detail.leaders],
        [play_v1(p, game) for p in detail.scoring],
        [play_v1(p, game) for p in detail.plays],
        [DriveV1(d.id, d.side, d.description, d.result, d.start, d.scoring, d.plays)
         for d in detail.drives],
        [CommentV1(c.sequence, c.minute, c.text) for c in detail.commentary],
        [OddsV1(o.provider, o.details, o.over_under, o.spread) for o in detail.odds],
        None if detail.predictor is None else Chances(*detail.predictor),
        None if detail.win is None else Chances(*detail.win),
        None if he is None else Pair(he[0][0], he[1][0]),
        None if he is None else Pair(he[0][1], he[1][1]),
    )  # fmt: skip


def detail_json(detail: Detail, ts: datetime) -> str:
    return _ENCODER.encode(detail_v1(detail, ts)).decode()
