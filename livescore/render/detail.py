"""A game's detail for people: the header (score, status, win probability), the line score,
the box score, the leaders, the scoring summary and the last plays, fitted to a pane; and
one line per play for ``--format lines``. Every string from the network goes into ``Text``,
never through markup."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from livescore.core.model import Game, Play, Side
from livescore.core.timefmt import local_hms
from livescore.espn.detail.model import Detail
from livescore.render.lines import full_status, league_label, matchup
from livescore.render.scores import home_first

BOX_STATS = 8  # team stats shown (ESPN's order: the headline ones come first)
PERIOD = {"basketball": "Q", "football": "Q", "hockey": "P"}  # baseball and soccer: _when


def render_detail(
    detail: Detail,
    now: datetime,
    zone: tzinfo | None = None,
    width: int = 100,
    height: int | None = None,
) -> RenderableType:
    """The whole view; with ``height``, cut to fit: the header and line score always, then
    the scoring summary and the last plays share what is left with the box score."""
    game = detail.game
    parts: list[RenderableType] = [_header(detail, now, zone)]
    line = _linescore(detail)
    if line is not None:
        parts.append(line)
    used = 1 + (3 if line is not None else 0)  # the header, the line score (head, 2 rows)
    room = None if height is None else max(0, height - used)
    box = _box(detail)
    leaders = _leaders(detail)
    scoring = list(detail.scoring)
    recent = list(detail.plays[-12:])
    if room is not None:  # what happened first, then the box score, the rest to the plays
        scoring = scoring[-max(0, min(len(scoring), room // 2 - 1)) :] if room >= 6 else []
        left = room - (len(scoring) + 1 if scoring else 0)
        box_lines = 0 if box is None else box.row_count + 1
        keep_plays = min(len(recent), 3) + 1 if recent else 0
        if box is not None and left - box_lines >= keep_plays:
            left -= box_lines
        else:
            box = None
        if leaders and left - len(leaders) - 1 >= keep_plays:
            left -= len(leaders) + 1
        else:
            leaders = []
        recent = recent[-max(0, min(len(recent), left - 1)) :] if left >= 2 else []
    if scoring:
        parts.append(_plays("Scoring", scoring, game, width))
    if recent:
        parts.append(_plays("Last plays", recent, game, width))
    if box is not None:
        parts.append(box)
    if leaders:
        parts.append(Text("Leaders", style="bold", no_wrap=True))
        parts += leaders
    if game.state == "pre" and detail.odds:
        odds = detail.odds[0]
        parts.append(
            Text(f"Odds ({odds.provider}): {odds.details}", no_wrap=True, overflow="ellipsis")
        )
    return Group(*parts)


def play_line(game: Game, play: Play, change: str, ts: datetime) -> str:
    """``23:58:41  NBA        LAC 78 @ MIN 85  Q4 8:22  Conley makes free throw  (scoring)``."""
    when = _when(game, play)
    score = _score_after(game, play)
    what = "scoring" if play.scoring else "play"
    if change != "new":
        what = f"{what}, {change}"
    return f"{local_hms(ts)}  {league_label(game.league)} {score}  {when}  {play.text}  ({what})"


def _header(detail: Detail, now: datetime, zone: tzinfo | None) -> Text:
    game = detail.game
    text = Text(matchup(game), style="bold", no_wrap=True, overflow="ellipsis")
    text.append(f"  {full_status(game, now, zone)}")
    chances = detail.win or (detail.predictor if game.state == "pre" else None)
    if chances is not None and game.state != "post":  # after the final, the result says it
        side: Side = "home" if chances[0] >= chances[1] else "away"
        team = game.home if side == "home" else game.away
        share = chances[0] if side == "home" else chances[1]
        label = "win" if detail.win is not None else "predicted"
        text.append(f"  · {label} {team.abbr} {share * 100:.0f}%")
    return text


def _linescore(detail: Detail) -> Table | None:
    home, away = detail.linescore
    if not home and not away:
        return None
    game = detail.game
    periods = max(len(home), len(away))
    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("", no_wrap=True)
    for i in range(periods):
        table.add_column(str(i + 1), justify="right", no_wrap=True)
    table.add_column("T", justify="right", style="bold", no_wrap=True)
    rows = [(game.home, home), (game.away, away)]
    if not home_first(game):
        rows.reverse()
    for team, scores in rows:
        cells = [Text(s) for s in scores] + [Text("")] * (periods - len(scores))
        table.add_row(Text(team.abbr), *cells, Text("" if team.score is None else str(team.score)))
    return table


def _box(detail: Detail) -> Table | None:
    stats = dict(detail.teams)
    home, away = stats.get("home", ()), stats.get("away", ())
    if not home or not away:
        return None
    game = detail.game
    by_name = {s.name: s for s in away}
    table = Table(box=None, pad_edge=False, show_edge=False, title_justify="left")
    table.add_column("Team stats" if game.state != "pre" else "Season averages", no_wrap=True)
    table.add_column(game.away.abbr, justify="right", no_wrap=True)
    table.add_column(game.home.abbr, justify="right", no_wrap=True)
    for stat in home[:BOX_STATS]:
        other = by_name.get(stat.name)
        table.add_row(Text(stat.label or stat.name), Text(other.value if other else ""),
                      Text(stat.value))  # fmt: skip
    return table


def _leaders(detail: Detail) -> list[Text]:
    game = detail.game
    out = []
    categories = list(dict.fromkeys(x.category for x in detail.leaders))[:3]
    for category in categories:
        text = Text(f"{category}: ", no_wrap=True, overflow="ellipsis")
        found = [x for x in detail.leaders if x.category == category]
        for i, x in enumerate(found):
            team = game.home if x.side == "home" else game.away
            text.append(("  " if i else "") + f"{team.abbr} {x.name} {x.value}")
        out.append(text)
    return out


def _plays(title: str, plays: Sequence[Play], game: Game, width: int) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, show_header=False,
                  title=title, title_justify="left", title_style="bold")  # fmt: skip
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, overflow="ellipsis", max_width=max(10, width - 30))
    for play in plays:
        style = "bold" if play.scoring else ""
        table.add_row(Text(_when(game, play)), Text(_score_after(game, play)),
                      Text(play.text or play.type, style=style))  # fmt: skip
    return table


def _when(game: Game, play: Play) -> str:
    prefix = PERIOD.get(game.sport, "")
    if game.sport == "baseball":
        return play.period_text.replace(" Inning", "") or ""
    period = f"{prefix}{play.period}" if play.period is not None and prefix else ""
    if game.sport == "soccer":
        return play.clock or ""
    return " ".join(x for x in (period, play.clock or "") if x)


def _score_after(game: Game, play: Play) -> str:
    """The score after the play, in the sport's order: ``LAC 78 @ MIN 85``, ``MEX 2-0 RSA``."""
    home, away = play.home_score, play.away_score
    if home is None or away is None:
        return ""
    if home_first(game):
        return f"{game.home.abbr} {home}-{away} {game.away.abbr}"
    return f"{game.away.abbr} {away} @ {game.home.abbr} {home}"
