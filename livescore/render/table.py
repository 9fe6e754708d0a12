"""The board as a Rich table: live games first, then upcoming by start time, then finished.

Every string from the network goes into a ``Text`` object, never through markup.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from datetime import datetime, tzinfo

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from livescore.health import Health
from livescore.model import Game, Team
from livescore.render.lines import shown_status
from livescore.teams import GameFilter, TeamSpec
from livescore.timefmt import local_hms

_RANK = {"in": 0, "pre": 1, "post": 2}


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


def _name(game: Game, team: Team, favourites: Sequence[TeamSpec]) -> Text:
    """The team's name; a favourite's with a star in front (the name stays literal text)."""
    one = replace(game, home=team, away=team)
    if any(spec.matches(one) for spec in favourites):
        return Text.assemble(("★ ", "bold yellow"), (team.name, "bold"))
    return Text(team.name)


def _score(value: int | None) -> Text:
    return Text("" if value is None else str(value), justify="right")


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
) -> RenderableType:
    """The table; favourites' games first, their team's name marked with a star. ``empty``:
    what an empty table says once data has come (that a filter matches nothing, say)."""
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", expand=False)
    table.add_column("League", no_wrap=True)
    table.add_column("Away", overflow="ellipsis", max_width=28)
    table.add_column("", justify="right", no_wrap=True)
    table.add_column("Home", overflow="ellipsis", max_width=28)
    table.add_column("", justify="right", no_wrap=True)
    table.add_column("Status", overflow="ellipsis", max_width=36)
    keep = GameFilter(teams=tuple(favourites))
    rows = order(games, keep if favourites else None)
    for game in rows:
        if game.key in highlight:
            style = "bold yellow reverse"
        elif health.stale_for(game):
            style = "dim"
        elif game.state == "in":
            style = "bold"
        else:
            style = ""
        status = Text(shown_status(game, now, zone))
        if game.state == "in":
            status.stylize("green")
        table.add_row(
            Text(game.league.upper()),
            _name(game, game.away, favourites),
            _score(game.away.score),
            _name(game, game.home, favourites),
            _score(game.home.score),
            status,
            style=style,
        )
    if not rows:
        said = empty if health.last_ok is not None else "no games yet"
        table.add_row(Text(said, style="dim"), "", "", "", "", "")
    return Group(table, footer(health, len(rows), now))


def footer(health: Health, count: int, now: datetime) -> Text:
    """Source, last good update, and while failing the error and the next try."""
    text = Text()
    live = "" if count == 0 else f"{count} game{'s' if count != 1 else ''} · "
    text.append(live, style="dim")
    for i, feed in enumerate(sorted(health.feeds.values(), key=lambda f: f.feed)):
        if i:
            text.append(" | ", style="dim")
        text.append(feed.feed)
        text.append(" updated " + (local_hms(feed.last_ok) if feed.last_ok else "never"))
        if feed.stale:
            text.append("  STALE: ", style="bold red")
            text.append(feed.error or "", style="red")
            if feed.retry_at is not None:
                wait = max(0, int((feed.retry_at - now).total_seconds() + 0.999))
                text.append(f" (retry in {wait}s)" if wait else " (retrying)", style="red")
    if not health.feeds:
        text.append("connecting…", style="dim")
    return text
