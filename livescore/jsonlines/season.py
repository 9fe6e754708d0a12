"""Schedules, the next game and standings in JSON lines v1 (additive): one ``fixture`` object
per game of ``livescore schedule``, one ``next`` object per team of ``livescore next``, one
``standing`` object per team entry of ``livescore standings``. The types are the contract
(``livescore schema``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct

from livescore.core.timefmt import iso_ms
from livescore.espn.schedule import Fixture
from livescore.espn.standings import Entry, Group, Standings
from livescore.espn.teams import TeamRef
from livescore.jsonlines.encode import team_v1
from livescore.jsonlines.types import VERSION, TeamV1, Timestamp

_ENCODER = msgspec.json.Encoder()
Side = Literal["home", "away"]


class TeamRefV1(Struct, frozen=True):
    id: Annotated[str, Meta(description="ESPN's team id")]
    abbr: str
    name: str


class ScheduledV1(Struct, frozen=True, omit_defaults=True):
    """One game of a schedule, as ESPN lists it."""

    id: Annotated[str, Meta(description="The game's ESPN event id (livescore game takes it)")]
    state: Literal["pre", "in", "post"]
    detail: Annotated[str, Meta(description="Final, Final/OT, Postponed, 9/5 - 8:00 PM EDT")]
    start: Annotated[str | None, Meta(description="UTC, ISO 8601; null if unknown")]
    time_set: Annotated[
        bool, Meta(description="false: ESPN has the day but not the time yet (TBD)")
    ]
    home: TeamV1
    away: TeamV1
    winner: Annotated[Side | None, Meta(description="Left out unless decided")] = None
    broadcast: Annotated[str, Meta(description="National TV or streaming: NBC, Peacock")] = ""
    round: Annotated[str, Meta(description="Week 1, Wild Card, Matchday 3")] = ""
    season_type: Annotated[str, Meta(description="Regular Season, Postseason")] = ""
    venue: str = ""


class FixtureEventV1(Struct, frozen=True, omit_defaults=True):
    """A game of ``livescore schedule``, in start order."""

    v: Literal[1]
    ts: Timestamp
    event: Literal["fixture"]
    source: Literal["espn"]
    league: str
    sport: str
    game: ScheduledV1
    team: Annotated[
        TeamRefV1 | None, Meta(description="schedule --team: the team whose schedule it is")
    ] = None
    side: Annotated[Side | None, Meta(description="schedule --team: the team's side")] = None
    result: Annotated[
        Literal["W", "L", "T", "D"] | None,
        Meta(description="schedule --team: the team's result in a finished game"),
    ] = None


class NextEventV1(Struct, frozen=True, omit_defaults=True):
    """A team's game on now, else its next (``livescore next``); ``game`` null: none
    scheduled."""

    v: Literal[1]
    ts: Timestamp
    event: Literal["next"]
    source: Literal["espn"]
    league: str
    sport: str
    team: TeamRefV1
    game: ScheduledV1 | None
    side: Side | None = None


class StandingStatV1(Struct, frozen=True):
    value: Annotated[float | None, Meta(description="The number, where ESPN gives one")]
    display: Annotated[str, Meta(description="As ESPN shows it: .780, L1, 64-18, +9.5")]


class StandingEventV1(Struct, frozen=True, omit_defaults=True):
    """One team's entry of ``livescore standings``, in the group's order."""

    v: Literal[1]
    ts: Timestamp
    event: Literal["standing"]
    source: Literal["espn"]
    league: str
    sport: str
    season: Annotated[str, Meta(description="2024-25")]
    group: Annotated[str, Meta(description="Eastern Conference, AFC East, Group A")]
    rank: Annotated[int | None, Meta(description="ESPN's seed or rank; null if none")]
    position: Annotated[int, Meta(ge=1, description="1-based place in the group as shown")]
    team: TeamRefV1
    stats: Annotated[
        dict[str, StandingStatV1],
        Meta(description="By ESPN's name: wins, losses, winPercent, gamesBehind, points, "
             "otLosses, ties, pointDifferential, streak, 'Last Ten Games'..."),
    ]  # fmt: skip
    clinch: Annotated[str, Meta(description="ESPN's clinch mark: z, y, x, e, *")] = ""
    note: Annotated[str, Meta(description="Soccer: Advance to Round of 32")] = ""
    favourite: Annotated[bool, Meta(description="One of the config's favourite teams")] = False


def _ref(team: TeamRef) -> TeamRefV1:
    return TeamRefV1(team.id, team.abbr, team.name)


def scheduled_v1(fixture: Fixture) -> ScheduledV1:
    game = fixture.game
    return ScheduledV1(
        game.id,
        game.state,
        game.detail,
        game.start,
        fixture.time_set,
        team_v1(game.home),
        team_v1(game.away),
        game.winner,
        fixture.broadcast,
        fixture.round,
        fixture.season_type,
        fixture.venue,
    )


def fixture_json(fixture: Fixture, at: datetime, team: TeamRef | None = None) -> bytes:
    game = fixture.game
    side = fixture.side_of(team) if team is not None else None
    result = fixture.result(team) if team is not None else ""
    return _ENCODER.encode(
        FixtureEventV1(
            VERSION, iso_ms(at), "fixture", "espn", game.league, game.sport,
            scheduled_v1(fixture), _ref(team) if team is not None else None, side,
            result or None,  # type: ignore[arg-type]
        )
    )  # fmt: skip


def next_json(
    league: str, sport: str, team: TeamRef, fixture: Fixture | None, at: datetime
) -> bytes:
    side = fixture.side_of(team) if fixture is not None else None
    game = scheduled_v1(fixture) if fixture is not None else None
    return _ENCODER.encode(
        NextEventV1(VERSION, iso_ms(at), "next", "espn", league, sport, _ref(team), game, side)
    )


def standing_json(
    standings: Standings,
    group: Group,
    position: int,
    entry: Entry,
    league: str,
    sport: str,
    at: datetime,
    favourite: bool = False,
) -> bytes:
    stats = {name: StandingStatV1(stat.value, stat.display) for name, stat in entry.stats.items()}
    return _ENCODER.encode(
        StandingEventV1(
            VERSION, iso_ms(at), "standing", "espn", league, sport, standings.season,
            group.name, entry.rank, position, _ref(entry.team), stats, entry.clinch,
            entry.note, favourite,
        )
    )  # fmt: skip
