"""The parts of an ESPN scoreboard the parser reads, as typed shapes: decoding a body into
them skips everything else (odds, leaders, links, the league calendar...) in C.

On the largest capture (NFL week 1, 576 KiB) that is 0.5 ms where ``json.loads`` takes 6.9
ms (bench/espn_parse). Only a filter: a body whose containers are not the shapes below
(a null where an object is expected, say) is decoded in full with ``json.loads`` and read
by the same lenient parser, so both ways give the same games (tests hold them to it). Every
key the parser reads must be named here: a test checks that against the source of the
parser and of espn/result.py.
"""

from __future__ import annotations

import json
from typing import Any, TypedDict

import msgspec


class TeamShape(TypedDict, total=False):
    displayName: Any
    shortDisplayName: Any
    name: Any
    location: Any
    abbreviation: Any


class CompetitorShape(TypedDict, total=False):
    id: Any
    homeAway: Any
    team: TeamShape
    score: Any
    # individual sports and sets (espn/individual.py)
    athlete: Any
    roster: Any
    order: Any
    winner: Any
    linescores: Any
    # what decides a game beyond its score, and the record (espn/result.py)
    records: Any
    shootoutScore: Any
    aggregateScore: Any


class StatusTypeShape(TypedDict, total=False):
    state: Any
    name: Any
    completed: Any
    shortDetail: Any
    detail: Any
    description: Any


class StatusShape(TypedDict, total=False):
    type: StatusTypeShape
    period: Any
    displayClock: Any
    summary: Any  # cricket: "Scorchers require 31 runs"


class CompetitionShape(TypedDict, total=False):
    competitors: list[CompetitorShape]
    status: StatusShape
    startDate: Any
    date: Any
    situation: Any  # read by espn/situation.py
    details: Any
    broadcasts: Any
    id: Any  # a competition of its own: a bout, a match, a session
    type: Any
    notes: Any
    series: Any  # a playoff series, a two-legged tie (espn/result.py)


class EventShape(TypedDict, total=False):
    id: Any
    uid: Any  # "s:850~l:900~e:...": the event's own sport, in answers that mix sports
    competitions: list[CompetitionShape]
    groupings: Any  # tennis: competitions in groupings[].competitions[]
    status: StatusShape
    date: Any
    name: Any
    shortName: Any


class ScoreboardShape(TypedDict, total=False):
    events: list[EventShape]
    message: Any
    detail: Any


SHAPES = (
    ScoreboardShape,
    EventShape,
    CompetitionShape,
    StatusShape,
    StatusTypeShape,
    CompetitorShape,
    TeamShape,
)
_SCOREBOARD = msgspec.json.Decoder(ScoreboardShape)


def decode_scoreboard(body: bytes) -> object:
    """The body's JSON: only what the parser reads when it has the usual shape, else all of
    it. Raises ValueError (or RecursionError) when it is not JSON at all."""
    try:
        return _SCOREBOARD.decode(body)
    except msgspec.DecodeError:
        return json.loads(body)
