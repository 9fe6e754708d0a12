"""Which games a user asked for, in one spelling everywhere.

A team is named by ESPN's abbreviation (``BOS``) or its full name (``Boston Celtics``), any
case, optionally tied to a league: ``nba:BOS``, ``epl:Arsenal``, ``soccer/eng.1:ARS``. The
same ``GameFilter`` serves ``--team``, favourite teams and the bridge's ``league=``/``team=``.
Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from livescore.core.errors import UsageError
from livescore.core.model import Game


def league_key(text: str) -> str:
    """The name a league goes by in events: the alias for ESPN leagues (``soccer/eng.1`` →
    ``epl``), else the text itself (a Sportrix competition), lower-cased."""
    from livescore.core.leagues import resolve

    name = text.strip().lower()
    try:
        return resolve(name).alias
    except UsageError:
        return name


@dataclass(frozen=True, slots=True)
class TeamSpec:
    team: str  # upper-cased abbreviation, full or short name
    league: str | None = None  # league_key(), or None for any league

    @classmethod
    def parse(cls, text: str) -> TeamSpec | None:
        """``BOS`` / ``nba:BOS`` → a spec; None for blank text."""
        league, _, team = text.strip().rpartition(":")
        team = " ".join(team.split()).upper()
        if not team:
            return None
        return cls(team, league_key(league) if league.strip() else None)

    def matches(self, game: Game) -> bool:
        if self.league is not None and game.league.lower() != self.league:
            return False
        return any(
            self.team in (side.abbr.upper(), side.name.upper(), side.short.upper())
            for side in (game.home, game.away)
        )

    def __str__(self) -> str:
        return f"{self.league}:{self.team}" if self.league else self.team


def parse_teams(texts: Iterable[str]) -> tuple[TeamSpec, ...]:
    specs = (TeamSpec.parse(t) for t in texts)
    return tuple(dict.fromkeys(s for s in specs if s is not None))


@dataclass(frozen=True, slots=True)
class GameFilter:
    """Keeps a game when its league is one of ``leagues`` (if any are given) and one of its
    sides is one of ``teams`` (if any are given)."""

    leagues: frozenset[str] = frozenset()
    teams: tuple[TeamSpec, ...] = ()

    @classmethod
    def of(cls, leagues: Collection[str] = (), teams: Collection[str] = ()) -> GameFilter:
        return cls(frozenset(league_key(x) for x in leagues if x.strip()), parse_teams(teams))

    @property
    def everything(self) -> bool:
        return not self.leagues and not self.teams

    @property
    def described(self) -> str:
        """``--team BOS --team nba:NYK``, as the user wrote the filter (for messages)."""
        return " ".join(f"--team {spec}" for spec in self.teams)

    def __call__(self, game: Game) -> bool:
        if self.leagues and game.league.lower() not in self.leagues:
            return False
        return not self.teams or any(spec.matches(game) for spec in self.teams)


EVERYTHING = GameFilter()  # keeps every game
