"""A game's detail: the values the summary parser makes and every output reads. Every string
has been cleaned (``core.sanitize.clean``); a section ESPN did not send is empty, never an
error."""

from __future__ import annotations

from dataclasses import dataclass

from livescore.core.model import Game, Play, Side

__all__ = ["Play"]  # a play is a core value: it flows through the pipeline too


@dataclass(frozen=True, slots=True)
class Stat:
    name: str  # ESPN's key: "fieldGoalsMade-fieldGoalsAttempted"
    label: str  # "FG"
    value: str  # "27-72": ESPN's display text


@dataclass(frozen=True, slots=True)
class PlayerLine:
    name: str
    short: str  # "K. Leonard"
    position: str
    starter: bool
    stats: tuple[str, ...]  # in the order of its group's ``keys``
    note: str = ""  # why no stats: "DNP-COACH'S DECISION"


@dataclass(frozen=True, slots=True)
class PlayerGroup:
    """One table of player lines: NBA's only one, NFL's passing, rushing..., NHL's goalies."""

    side: Side
    name: str  # "" (NBA), "passing", "batting", "goalies"
    keys: tuple[str, ...]
    labels: tuple[str, ...]
    players: tuple[PlayerLine, ...]
    totals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Leader:
    side: Side
    category: str  # "Points"
    name: str  # "Anthony Edwards"
    value: str  # "24", "19/32, 237 YDS, 2 TD"


@dataclass(frozen=True, slots=True)
class Drive:
    """A football drive."""

    id: str
    side: Side | None
    description: str  # "6 plays, 21 yards, 2:25"
    result: str  # "FG", "TD", "PUNT"
    start: str  # "DAL 43" (ESPN's text: its yard line is home-oriented)
    scoring: bool
    plays: int


@dataclass(frozen=True, slots=True)
class Odds:
    provider: str
    details: str  # "CLE -142", "MEX -1.5"
    over_under: float | None
    spread: float | None


@dataclass(frozen=True, slots=True)
class Comment:
    """A line of soccer commentary."""

    sequence: int
    minute: str  # "90'+7'", "" before kick-off
    text: str


@dataclass(frozen=True, slots=True)
class Detail:
    game: Game
    linescore: tuple[tuple[str, ...], tuple[str, ...]]  # (home, away): each period's score
    teams: tuple[tuple[Side, tuple[Stat, ...]], ...]  # the team box score (pre-game: averages)
    players: tuple[PlayerGroup, ...]
    leaders: tuple[Leader, ...]
    plays: tuple[Play, ...]  # every play in ESPN's order (soccer: the key events)
    scoring: tuple[Play, ...]  # the scoring plays (baseball: each scoring at-bat's result)
    drives: tuple[Drive, ...] = ()
    commentary: tuple[Comment, ...] = ()
    odds: tuple[Odds, ...] = ()
    predictor: tuple[float, float] | None = None  # (home, away) chances before the start, 0..1
    win: tuple[float, float] | None = None  # (home, away) win probability now, 0..1
    hits_errors: tuple[tuple[int, int], tuple[int, int]] | None = None  # baseball (home, away)
