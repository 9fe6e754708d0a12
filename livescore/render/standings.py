"""Standings for people: per group, the columns fans of the sport read, fitted to a width
(the team's full name, else its short name, else its abbreviation; then the least needed
columns dropped); and one plain line per team. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.console import Group as Stack
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from livescore.espn.standings import Entry, Group, Standings
from livescore.espn.teams import TeamRef
from livescore.render.table import STAR


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    names: tuple[str, ...]  # ESPN stat names, the first present is shown
    keep: int  # lower is kept longer when the width is short


def _c(header: str, keep: int, *names: str) -> Column:
    return Column(header, names, keep)


RECORD = (_c("W", 0, "wins"), _c("L", 0, "losses"))
COLUMNS: dict[str, tuple[Column, ...]] = {
    "basketball": (*RECORD, _c("PCT", 1, "winPercent"), _c("GB", 2, "gamesBehind"),
                   _c("HOME", 5, "Home"), _c("AWAY", 5, "Road"),
                   _c("L10", 4, "Last Ten Games", "lastTenGames"), _c("STRK", 3, "streak")),
    "baseball": (*RECORD, _c("PCT", 1, "winPercent"), _c("GB", 2, "gamesBehind"),
                 _c("HOME", 5, "Home"), _c("AWAY", 5, "Road"),
                 _c("L10", 4, "Last Ten Games", "lastTenGames"), _c("STRK", 3, "streak")),
    "football": (*RECORD, _c("T", 1, "ties"), _c("PCT", 2, "winPercent"),
                 _c("PF", 4, "pointsFor"), _c("PA", 4, "pointsAgainst"),
                 _c("DIFF", 3, "pointDifferential", "differential"), _c("STRK", 3, "streak")),
    "hockey": (_c("GP", 2, "gamesPlayed"), *RECORD, _c("OTL", 0, "otLosses", "overtimeLosses"),
               _c("PTS", 0, "points"), _c("DIFF", 3, "pointDifferential", "differential"),
               _c("L10", 4, "Last Ten Games", "lastTenGames"), _c("STRK", 3, "streak")),
    "soccer": (_c("P", 1, "gamesPlayed"), _c("W", 1, "wins"), _c("D", 1, "ties"),
               _c("L", 1, "losses"), _c("GF", 3, "pointsFor"), _c("GA", 3, "pointsAgainst"),
               _c("GD", 2, "pointDifferential"), _c("Pts", 0, "points")),
}  # fmt: skip
OTHER = (*RECORD, _c("T", 1, "ties"), _c("PCT", 1, "winPercent"), _c("PTS", 1, "points"))

Favourite = Callable[[TeamRef], bool]


def columns(standings: Standings, sport: str) -> list[Column]:
    """The sport's columns that some entry has a value for."""
    present = {name for _, entry in standings.entries() for name in entry.stats}
    return [c for c in COLUMNS.get(sport, OTHER) if any(n in present for n in c.names)]


def value(entry: Entry, column: Column) -> str:
    for name in column.names:
        if name in entry.stats:
            return entry.display(name)
    return ""


@dataclass(frozen=True, slots=True)
class Layout:
    tier: str  # "name", "short" or "abbr"
    team: int  # width of the team column
    columns: tuple[Column, ...]
    widths: tuple[int, ...]
    note: int  # width of the note column (soccer), 0 for none


def _team_text(team: TeamRef, tier: str) -> str:
    return {"name": team.name, "short": team.short, "abbr": team.abbr}[tier]


def plan(standings: Standings, sport: str, width: int) -> Layout:
    """The widest layout that fits ``width``: full names, else short, else abbreviations,
    then the least needed columns (highest ``keep``) dropped, the note first."""
    entries = [entry for _, entry in standings.entries()]
    chosen = columns(standings, sport)
    widths = {c: max(len(c.header), *(len(value(e, c)) for e in entries)) for c in chosen}
    rank = max(1, *(len(str(e.rank or "")) for e in entries))
    mark = max(0, *(len(e.clinch) for e in entries))
    note = max(0, *(len(e.note) for e in entries))
    fixed = rank + 1 + (mark + 1 if mark else 0) + len(STAR)

    def need(cols: Sequence[Column], team: int, note_width: int) -> int:
        total = fixed + team + sum(widths[c] + 1 for c in cols)
        return total + (note_width + 1 if note_width else 0)

    def layout(tier: str, note_width: int) -> Layout:
        team = max(4, *(len(_team_text(e.team, tier)) for e in entries))
        return Layout(tier, team, tuple(chosen), tuple(widths[c] for c in chosen), note_width)

    tiers = [layout(tier, note) for tier in ("name", "short", "abbr")]
    for fits in tiers:
        if need(chosen, fits.team, note) <= width:
            return fits
    for fits in tiers:  # the note cut to the room left, or left out
        room = width - need(chosen, fits.team, 0) - 1
        if room >= 0:
            return Layout(fits.tier, fits.team, fits.columns, fits.widths,
                          room if note and room >= 8 else 0)  # fmt: skip
    team = max(4, *(len(e.team.abbr) for e in entries))
    kept = list(chosen)
    while len(kept) > 2 and need(kept, team, 0) > width:
        kept.remove(max(reversed(kept), key=lambda c: c.keep))
    return Layout("abbr", team, tuple(kept), tuple(widths[c] for c in kept), 0)


def render_standings(
    standings: Standings, sport: str, width: int, favourite: Favourite, title: str
) -> RenderableType:
    """Each group: its name, then a table of its teams in order."""
    layout = plan(standings, sport, width)
    parts: list[RenderableType] = [Text(title, style="bold")]
    marks = any(e.clinch for _, e in standings.entries())
    for group in standings.groups:
        parts.append(Text(""))
        parts.append(Text(group.name, style="bold"))
        parts.append(_group_table(group, layout, favourite, marks))
    return Stack(*parts)


def _group_table(group: Group, layout: Layout, favourite: Favourite, marks: bool) -> Table:
    table = Table(box=None, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0),
                  expand=False, header_style="bold")  # fmt: skip
    table.add_column("", justify="right", no_wrap=True)
    if marks:
        table.add_column("", no_wrap=True, style="dim")
    table.add_column("Team", width=layout.team + len(STAR), no_wrap=True, overflow="ellipsis")
    for column, width in zip(layout.columns, layout.widths, strict=True):
        table.add_column(column.header, width=width, justify="right", no_wrap=True)
    if layout.note:
        table.add_column("", width=layout.note, no_wrap=True, overflow="ellipsis", style="dim")
    for position, entry in enumerate(group.entries, 1):
        name = Text(_team_text(entry.team, layout.tier))
        if favourite(entry.team):
            name = Text.assemble((STAR, "bold yellow"), (name.plain, "bold"))
        cells: list[Text] = [Text(str(entry.rank or position))]
        if marks:
            cells.append(Text(entry.clinch))
        cells.append(name)
        cells += [Text(value(entry, c)) for c in layout.columns]
        if layout.note:
            cells.append(Text(entry.note))
        table.add_row(*cells)
    return table


def standing_line(group: Group, position: int, entry: Entry, sport: str, league: str,
                  favourite: bool, shown: Sequence[Column]) -> str:  # fmt: skip
    """``nba  Eastern Conference  1 z CLE  W 64 L 18 PCT .780 GB -``: grep-able, one per
    team, every column of the sport."""
    rank = str(entry.rank or position)
    mark = f" {entry.clinch}" if entry.clinch else ""
    star = "*" if favourite else ""
    stats = " ".join(f"{c.header} {value(entry, c)}" for c in shown if value(entry, c))
    note = f"  ({entry.note})" if entry.note else ""
    return f"{league}  {group.name}  {rank}{mark} {star}{entry.team.abbr}  {stats}{note}"
