"""League aliases and ESPN league paths."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from livescore.core.errors import UsageError


@dataclass(frozen=True, slots=True)
class League:
    alias: str  # what JSON lines call it: the alias, or the ESPN league slug
    sport: str  # ESPN sport slug: basketball, football, soccer...
    slug: str  # ESPN league slug: nba, eng.1...
    name: str

    @property
    def path(self) -> str:
        return f"{self.sport}/{self.slug}"

    @property
    def individual(self) -> bool:
        """Athletes, not teams: tennis, fights, golf, racing."""
        return self.sport in INDIVIDUAL_SPORTS


_TABLE: tuple[tuple[str, str, str], ...] = (
    ("nba", "basketball/nba", "NBA"),
    ("wnba", "basketball/wnba", "WNBA"),
    ("ncaab", "basketball/mens-college-basketball", "NCAA men's basketball"),
    ("ncaaw", "basketball/womens-college-basketball", "NCAA women's basketball"),
    ("nfl", "football/nfl", "NFL"),
    ("ncaaf", "football/college-football", "NCAA football"),
    ("mlb", "baseball/mlb", "MLB"),
    ("nhl", "hockey/nhl", "NHL"),
    ("epl", "soccer/eng.1", "English Premier League"),
    ("championship", "soccer/eng.2", "English Championship"),
    ("laliga", "soccer/esp.1", "Spanish La Liga"),
    ("bundesliga", "soccer/ger.1", "German Bundesliga"),
    ("seriea", "soccer/ita.1", "Italian Serie A"),
    ("ligue1", "soccer/fra.1", "French Ligue 1"),
    ("eredivisie", "soccer/ned.1", "Dutch Eredivisie"),
    ("mls", "soccer/usa.1", "Major League Soccer"),
    ("nwsl", "soccer/usa.nwsl", "NWSL"),
    ("ligamx", "soccer/mex.1", "Liga MX"),
    ("ucl", "soccer/uefa.champions", "UEFA Champions League"),
    ("uel", "soccer/uefa.europa", "UEFA Europa League"),
    ("worldcup", "soccer/fifa.world", "FIFA World Cup"),
    ("ncaavbw", "volleyball/womens-college-volleyball", "NCAA women's volleyball"),
    ("atp", "tennis/atp", "ATP tennis"),
    ("wta", "tennis/wta", "WTA tennis"),
    ("ufc", "mma/ufc", "UFC"),
    ("pfl", "mma/pfl", "PFL"),
    ("pga", "golf/pga", "PGA Tour"),
    ("lpga", "golf/lpga", "LPGA Tour"),
    ("f1", "racing/f1", "Formula 1"),
    ("nascar", "racing/nascar-premier", "NASCAR Cup Series"),
    ("indycar", "racing/irl", "IndyCar"),
)

LEAGUES: dict[str, League] = {
    alias: League(alias, path.split("/")[0], path.split("/")[1], name)
    for alias, path, name in _TABLE
}
_BY_PATH = {league.path: league for league in LEAGUES.values()}
_PATH = re.compile(r"^[a-z0-9-]{1,40}/[a-z0-9.\-]{1,40}$")
# Athletes rather than teams: matches of two (tennis, fights) or fields (golf, racing).
INDIVIDUAL_SPORTS = frozenset({"golf", "tennis", "racing", "mma", "boxing"})


def resolve(text: str) -> League:
    """Turn an alias (``nba``) or an ESPN path (``soccer/eng.1``) into a League.

    Raises UsageError, naming the close matches, for anything else.
    """
    name = text.strip().lower()
    if name in LEAGUES:
        return LEAGUES[name]
    if _PATH.match(name):
        if name in _BY_PATH:
            return _BY_PATH[name]
        sport, slug = name.split("/")
        return League(slug, sport, slug, name)
    close = difflib.get_close_matches(name, [*LEAGUES, *_BY_PATH], n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    shown = text if text.isprintable() else repr(text)
    raise UsageError(
        f"unknown league {shown!r}{hint}; run 'livescore leagues' for the list, "
        "or give an ESPN path such as soccer/eng.1"
    )
