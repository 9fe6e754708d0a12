"""The board as a Rich table that fits the terminal: never more lines than it has, team
names as long as the width allows, columns that keep their width through a game.

Every string from the network goes into a ``Text`` object, never through markup.

Width tiers (``plan``): full names, else ESPN's short names ("Celtics"), else abbreviations;
the League column gives way first (shorter, then gone). Height (``render_board``): the title,
then as many games as fit, chosen live first, then the favourites' other games, then
upcoming, then finished, and a "+N more" line for the rest; the footer (feeds, last update,
failures, notes) is the last line.

Side order, in every output: away @ home for US sports, home v away for soccer (the order
each sport's fans write a score in).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from livescore.core.health import FeedHealth, Health
from livescore.core.model import Game, Team
from livescore.core.teams import GameFilter, TeamSpec
from livescore.core.timefmt import local_hms
from livescore.render.lines import full_status, leader
from livescore.render.scores import home_first, score_text

STATUS_MIN, STATUS_WANT, STATUS_MAX = 6, 13, 30  # "Sat 7:30 PM", "8:41 - 4th", "Final/OT"
# what a sport's status grows to during a game, so the columns are right from the start
STATUS_FLOOR = {"cricket": 24, "soccer": 14}  # "Surrey 164/10 (15.5 ov)", "75:58 2nd half"
# and what its score grows to: basketball's hundreds, cricket's runs and wickets ("145/3")
SCORE_FLOOR = {"basketball": 3, "cricket": 5}
LEAGUE_MAX = 24  # a league's label is cut (with an ellipsis) only where room runs out
HEADED = 6  # "League", "Status": the narrowest a headed column gets
STAR = "★ "


def order(games: Iterable[Game], favourite: Callable[[Game], bool] | None = None) -> list[Game]:
    """Live first, then upcoming by start time, then finished (most recent start first);
    with ``favourite``, the favourites' games come first, in the same order."""
    every = list(games)
    if favourite is not None:
        mine = [g for g in every if favourite(g)]
        return order(mine) + order([g for g in every if not favourite(g)])
    live = [g for g in every if g.state == "in"]
    pre = [g for g in every if g.state == "pre"]
    post = [g for g in every if g.state == "post"]
    live.sort(key=lambda g: (g.league, g.start or "", g.id))
    pre.sort(key=lambda g: (g.start or "9999", g.league, g.id))
    post.sort(key=lambda g: (g.start or "", g.league, g.id), reverse=True)
    return live + pre + post


def shown_first(games: Iterable[Game], favourite: Callable[[Game], bool] | None) -> list[Game]:
    """What a short pane shows first: live games (favourites' first), then the favourites'
    other games, then upcoming, then finished."""
    every = order(games, favourite)
    live = [g for g in every if g.state == "in"]
    mine = [g for g in every if g.state != "in" and favourite is not None and favourite(g)]
    rest = [g for g in every if g.state != "in" and not (favourite is not None and favourite(g))]
    return live + mine + rest


def sides(game: Game) -> tuple[Team, Team, str]:
    """(left, right, between): away @ home, or for soccer, cricket and matches of two
    players home v away."""
    if home_first(game):
        return game.home, game.away, "v"
    return game.away, game.home, "@"


@dataclass(frozen=True)
class Plan:
    """Column widths for a slate at a terminal width; ``tier`` is name, short or abbr."""

    width: int
    league: int
    team: int
    score: int
    status: int
    tier: str

    def grown(self, other: Plan) -> Plan:
        """This plan, widened where ``other`` (a later frame's) needs more: columns never
        narrow through a game. A different tier (the slate changed) takes ``other``."""
        if other.width != self.width or other.tier != self.tier:
            return other
        grown = replace(
            self,
            league=max(self.league, other.league),
            score=max(self.score, other.score),
            team=max(self.team, other.team),
            status=max(self.status, other.status),
        )
        if grown.used() > self.width:
            return other  # the slate needs room elsewhere now: its own plan
        return grown

    def used(self) -> int:
        """Columns the table takes: each column and one space between columns."""
        columns = [self.team, self.score, 1, self.team, self.score, self.status]
        if self.league:
            columns.append(self.league)
        return sum(columns) + len(columns) - 1


def _label(game: Game) -> str:
    return game.league.upper()[:LEAGUE_MAX]


def team_text(team: Team, tier: str) -> str:
    if tier == "name":
        return team.name
    if tier == "short":
        return team.short or team.name
    return team.abbr


def plan(
    games: Sequence[Game],
    width: int,
    now: datetime,
    favourite: Callable[[Game], bool] | None = None,
    zone: tzinfo | None = None,
) -> Plan:
    """Widths for ``games`` (the whole slate, not one frame) in ``width`` columns."""
    score = max(
        [len(score_text(g, t)) for g in games for t in (g.home, g.away)]
        + [SCORE_FLOOR.get(g.sport, 2) for g in games if g.format == "teams"]
        + [2]
    )
    statuses = [len(full_status(g, now, zone)) for g in games]
    floors = [STATUS_FLOOR.get(g.sport, STATUS_WANT) for g in games]
    longest = max([STATUS_WANT, *floors, *statuses])
    status_want = min(STATUS_MAX, longest)
    labels = {_label(g) for g in games}
    league = max((len(x) for x in labels), default=0)
    if len(labels) <= 1 and width < 100:
        league = 0  # one league: the title names it
    elif league:
        league = max(league, HEADED)  # room for its header
    star = len(STAR) if favourite is not None else 0

    def need(tier: str, records: bool = False) -> int:
        widths = [len(text) + star for g in games for text in _cell_texts(g, tier, records)]
        return max([*widths, len("Game")])  # its header too

    def room(league: int, status: int) -> int:
        used = (league + 1 if league else 0) + 2 * (score + 1) + 2 + status
        return (width - used - 2) // 2  # two team columns, each followed by a space

    leagues = tuple(dict.fromkeys((league, min(league, 10), HEADED, 0))) if league else (0,)
    for tier in ("name", "short", "abbr"):
        for league_width in leagues:  # the League column gives way before the names do
            for records in (True, False):  # upcoming games' records, where there is room
                team = need(tier, records)
                spare = room(league_width, status_want) - team
                if spare >= 0:  # what is left over widens the status, for texts that grow
                    status = min(max(STATUS_MAX, longest), status_want + 2 * spare)
                    return Plan(width, league_width, team, score, status, tier)
    # not even abbreviations fit beside the status it wants: the status narrows, then the names
    team = need("abbr")
    status = max(STATUS_MIN, width - 2 * (score + 1) - 2 - 2 * (team + 1))
    return Plan(width, 0, max(2, min(team, room(0, status))), score, status, "abbr")


def _cell_texts(game: Game, tier: str, records: bool = False) -> tuple[str, str]:
    """What the two team cells of ``game``'s row say at ``tier`` (with ``records``, and
    before the start, each team's record after its name)."""
    if game.format == "field":
        event = str((game.situation or {}).get("event") or game.league.upper())
        return (event if tier == "name" else event[:12]), leader(game)
    return _team_cell(game, game.home, tier, records), _team_cell(game, game.away, tier, records)


def _team_cell(game: Game, team: Team, tier: str, records: bool) -> str:
    shown = team_text(team, tier)
    return f"{shown} ({team.record})" if records and game.state == "pre" and team.record else shown


def render_board(
    games: Iterable[Game],
    *,
    now: datetime,
    health: Health,
    highlight: Collection[tuple[str, str, str]] = (),
    title: str = "livescore",
    favourites: Sequence[TeamSpec] = (),
    empty: str = "no games yet",
    zone: tzinfo | None = None,
    width: int = 100,
    height: int | None = None,
    widths: Plan | None = None,
    note: str | None = None,
    selected: tuple[str, str, str] | None = None,
) -> RenderableType:
    """The title, the games that fit in ``height`` lines (all of them when None), a "+N
    more" line, and the footer; each line at most ``width`` wide. ``widths``: a plan kept
    from earlier frames (stable columns); ``note``: the last diagnostic, for the footer;
    ``selected``: the game the keys have selected (shown in reverse); with ``height``, the
    games are those around it, in the keys' order (it is always on screen)."""
    every = list(games)
    keep = GameFilter(teams=tuple(favourites))
    favourite = keep if favourites else None
    layout = widths or plan(every, width, now, favourite, zone)
    moving = height is not None and selected is not None
    rows = (
        shown_first(every, favourite)
        if height is not None and not moving
        else order(every, favourite)
    )
    header = height is None or height >= 16
    budget = len(rows) if height is None else max(0, height - 2 - (1 if header else 0))
    more = 0
    if len(rows) > budget:
        more = len(rows) - budget + 1 if budget else len(rows)
        shown = max(0, budget - 1)
        if moving:  # a window that holds the selected game: at the bottom once past the top
            keys = [g.key for g in rows]
            at = keys.index(selected) if selected in keys else 0
            first = max(0, at - shown + 1)
            rows = rows[first : first + shown]
        else:
            rows = order(rows[:shown], favourite)  # what is shown is in the usual order
    table = _table(layout, header)
    room = FIELD_PLACES * len(rows) if height is None else budget - len(rows) - (1 if more else 0)
    for game in rows:
        _add_row(table, game, layout, now, health, highlight, favourites, zone,
                 game.key == selected)  # fmt: skip
        if game.format == "field" and room > 0:  # a leaderboard: the next places, if room
            for text in _places(game, favourites)[:room]:
                cells = [Text(""), Text(""), Text("·", style="dim"), Text(text), Text(""), Text("")]
                if layout.league:
                    cells.insert(0, Text(""))
                table.add_row(*cells, style="dim" if not text.startswith(STAR) else "")
                room -= 1
    parts: list[RenderableType] = [_line(title, width, "bold")]
    if not every:
        failing = [f for f in sorted(health.feeds.values(), key=lambda f: f.feed) if f.stale]
        if health.last_ok is None and failing:  # nothing was ever fetched: say why, per feed
            for feed in failing:
                parts.append(_line(_cannot_reach(feed, now), width, "red"))
        else:
            said = empty if health.last_ok is not None else "no games yet"
            parts.append(_line(said, width, "dim"))
    else:
        parts.append(table)
    if more:
        parts.append(_line(f"+{more} more (a taller pane shows them)", width, "dim"))
    parts.append(footer(health, len(every), now, note, width))
    return Group(*parts)


FIELD_PLACES = 2  # a leaderboard's places shown under its leader, when there is room


def _cannot_reach(feed: FeedHealth, now: datetime) -> str:
    """``espn nba: cannot reach 127.0.0.1 (retrying in 8 s)``: a feed that never answered."""
    text = f"{feed.feed}: {feed.error or 'no answer yet'}"
    if feed.retry_at is not None:
        wait = max(0, int((feed.retry_at - now).total_seconds() + 0.999))
        text += f" (retrying in {wait} s)" if wait else " (retrying)"
    return text


def _places(game: Game, favourites: Sequence[TeamSpec]) -> list[str]:
    """Under a leaderboard's leader: the favourites in it (starred, first: they are shown
    whenever there is a line for them), then the next places."""
    field = (game.situation or {}).get("field")
    if not isinstance(field, list):
        return []
    mine: list[str] = []
    places: list[str] = []
    for entry in [e for e in field if isinstance(e, dict) and e.get("name")][1:]:
        who = Team(str(entry["name"]), str(entry.get("short") or entry["name"]))
        if any(spec.matches(replace(game, home=who, away=who)) for spec in favourites):
            mine.append(STAR + _place(entry))
        elif len(places) < FIELD_PLACES:
            places.append(_place(entry))
    return mine + places


def _place(entry: dict[str, Any]) -> str:
    who = entry.get("short") or entry.get("name")
    score = f" {entry['score']}" if entry.get("score") else ""
    return f"{entry.get('pos')}. {who}{score}"


def _table(layout: Plan, header: bool) -> Table:
    table = Table(
        box=None,
        show_header=header,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        expand=False,
        header_style="bold",
    )

    def column(name: str, width: int, justify: str = "left") -> None:
        table.add_column(
            name,
            width=width,
            no_wrap=True,
            overflow="ellipsis",
            justify=justify,  # type: ignore[arg-type]
        )

    if layout.league:
        column("League" if layout.league >= HEADED else "", layout.league)
    column("Game" if layout.team >= len("Game") else "", layout.team)
    column("", layout.score, "right")
    column("", 1)
    column("", layout.team)
    column("", layout.score, "right")
    column("Status", layout.status)
    return table


def _add_row(
    table: Table,
    game: Game,
    layout: Plan,
    now: datetime,
    health: Health,
    highlight: Collection[tuple[str, str, str]],
    favourites: Sequence[TeamSpec],
    zone: tzinfo | None,
    selected: bool = False,
) -> None:
    if selected:
        style = "reverse"
    elif game.key in highlight:
        style = "bold yellow reverse"
    elif health.stale_for(game):
        style = "dim"
    elif game.state == "in":
        style = "bold"
    else:
        style = ""
    status = Text(full_status(game, now, zone))
    if game.state == "in":
        status.stylize("green")
    left, right, between = sides(game)
    cells = [
        _name(game, left, favourites, layout),
        _score(score_text(game, left)),
        Text(between, style="dim"),
        _name(game, right, favourites, layout),
        _score(score_text(game, right)),
        status,
    ]
    if game.format == "field":  # golf, racing: the event, then its leader
        event, first = _cell_texts(game, layout.tier)
        cells[:5] = [Text(event), Text(""), Text("·", style="dim"), Text(first), Text("")]
    if layout.league:
        cells.insert(0, Text(_label(game)))
    table.add_row(*cells, style=style)


def _name(game: Game, team: Team, favourites: Sequence[TeamSpec], layout: Plan) -> Text:
    """The team's name at the tier; a favourite's with a star in front (literal text), the
    winner's in bold, and before the start its record where the column has room for it."""
    one = replace(game, home=team, away=team)
    shown = Text(team_text(team, layout.tier))
    if game.winner is not None and team is (game.home if game.winner == "home" else game.away):
        shown.stylize("bold")
    if any(spec.matches(one) for spec in favourites):
        shown = Text.assemble((STAR, "bold yellow"), (shown.plain, "bold"))
    if game.state == "pre" and team.record:
        record = f" ({team.record})"
        if len(shown) + len(record) <= layout.team:
            shown.append(record, style="dim")
    return shown


def _score(text: str) -> Text:
    return Text(text, justify="right")


def _line(text: str, width: int, style: str = "") -> Text:
    line = Text(text, style=style, no_wrap=True, overflow="ellipsis")
    line.truncate(width, overflow="ellipsis")
    return line


def footer(
    health: Health, count: int, now: datetime, note: str | None = None, width: int = 200
) -> Text:
    """One line: the game count, each feed's last good update, and while failing its error
    and next try; then the last note, if room is left."""
    text = Text(no_wrap=True, overflow="ellipsis")
    games = "" if count == 0 else f"{count} game{'s' if count != 1 else ''} · "
    text.append(games, style="dim")
    stale = sorted((f for f in health.feeds.values() if f.stale), key=lambda f: f.feed)
    fine = sorted((f for f in health.feeds.values() if not f.stale), key=lambda f: f.feed)
    for i, feed in enumerate(stale):
        if i:
            text.append(" | ", style="dim")
        text.append(feed.feed)
        text.append("  STALE: ", style="bold red")
        text.append(feed.error or "", style="red")
        if feed.retry_at is not None:
            wait = max(0, int((feed.retry_at - now).total_seconds() + 0.999))
            text.append(f" (retry in {wait}s)" if wait else " (retrying)", style="red")
        text.append(", last good " + (local_hms(feed.last_ok) if feed.last_ok else "never"))
    if fine:
        if stale:
            text.append(" | ", style="dim")
        times = [f.last_ok for f in fine if f.last_ok is not None]
        named = fine[0].feed if len(fine) == 1 else f"{len(fine)} feeds"
        text.append(f"{named} updated " + (local_hms(max(times)) if times else "never"))
    if not health.feeds:
        text.append("connecting…", style="dim")
    if note:
        text.append(" · " + note, style="yellow")
    text.truncate(width, overflow="ellipsis")
    return text
