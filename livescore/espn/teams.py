"""ESPN's teams of a league (``/teams``) and the one a user named. Pure: no I/O.

A team is named as everywhere else (``BOS``, ``Boston Celtics``, ``Celtics``, any case);
the schedule endpoint wants ESPN's id (``/teams/{id}/schedule``), which the team list maps
names to. The list's shape: ``sports[0].leagues[0].teams[].team{id, abbreviation,
displayName, shortDisplayName, name, location}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from livescore.core.errors import ParseError
from livescore.core.sanitize import clean

MAX_TEAMS = 2000  # college leagues list hundreds


@dataclass(frozen=True, slots=True)
class TeamRef:
    id: str
    abbr: str
    name: str  # "Cleveland Cavaliers"
    short: str  # "Cavaliers"

    def named(self, text: str) -> bool:
        """Whether ``text`` (upper-cased, as ``TeamSpec.team``) names this team."""
        wanted = " ".join(text.split()).upper()
        return wanted in (self.abbr.upper(), self.name.upper(), self.short.upper())


def team_ref(team: Mapping[str, Any]) -> TeamRef | None:
    name = clean(team.get("displayName"), 80) or clean(team.get("name"), 80)
    abbr = clean(team.get("abbreviation"), 12)
    if not name and not abbr:
        return None
    return TeamRef(
        clean(str(team.get("id") or ""), 20),
        abbr or name[:3].upper(),
        name or abbr,
        clean(team.get("shortDisplayName"), 40) or clean(team.get("name"), 40) or name,
    )


def parse_team_list(data: object) -> tuple[TeamRef, ...]:
    """The teams of one ``/teams`` answer. Raises ParseError when it lists none."""
    found: list[TeamRef] = []
    for item in _items(data)[:MAX_TEAMS]:
        team = item.get("team", item) if isinstance(item, dict) else None
        ref = team_ref(team) if isinstance(team, dict) else None
        if ref is not None and ref.id:
            found.append(ref)
    if not found:
        raise ParseError("the answer lists no teams")
    return tuple(found)


def _items(data: object) -> Sequence[Any]:
    if not isinstance(data, dict):
        return ()
    sports = data.get("sports")
    if isinstance(sports, list) and sports and isinstance(sports[0], dict):
        leagues = sports[0].get("leagues")
        if isinstance(leagues, list) and leagues and isinstance(leagues[0], dict):
            teams = leagues[0].get("teams")
            return teams if isinstance(teams, list) else ()
    teams = data.get("teams")
    return teams if isinstance(teams, list) else ()


def find(teams: Sequence[TeamRef], text: str) -> TeamRef | None:
    """The team ``text`` names: by abbreviation first, then full name, then short name."""
    wanted = " ".join(text.split()).upper()
    for field in ("abbr", "name", "short"):
        for team in teams:
            if str(getattr(team, field)).upper() == wanted:
                return team
    return None
