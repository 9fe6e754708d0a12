"""One short line for a status bar (tmux, waybar, polybar, i3blocks), from the board.

What it shows: the followed games that are live; when none is, the next one to start
(``next: PHI @ BOS 7:30 PM``, in the user's zone); when none is due, the results of the
followed teams (only with --team or favourites: a whole league's results do not fit a bar);
else nothing (an empty line, which every one of these programs shows as an empty module).

Each program gets the line as it parses it (see ``PROGRAMS``); strings from the network are
already free of control characters (``sanitize.clean``), and are escaped here for the
program's own markup, so a team name can never style or break the bar.
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from livescore.core.errors import UsageError
from livescore.core.model import Game
from livescore.core.timefmt import local_start
from livescore.render.lines import shown_status
from livescore.render.situation import summary

PROGRAMS = ("plain", "tmux", "waybar", "polybar", "i3blocks")

FIELDS: Mapping[str, str] = {
    "league": "league alias, upper case (NBA)",
    "away": "away team abbreviation",
    "home": "home team abbreviation",
    "away_name": "away team name",
    "home_name": "home team name",
    "away_score": "away score (empty before the start)",
    "home_score": "home score (empty before the start)",
    "clock": "game clock, if any",
    "period": "period number, if any",
    "status": "status text: 8:41 - 4th, HT, Final, or the local start time before it",
    "state": "pre, in or post",
    "start": "start time in your zone (7:30 PM, or Sat 7:30 PM on another day)",
    "situation": "what ESPN adds: 1-2, 2 out, on 1st; 3rd & 7 at NO 47; goal 54' Havertz",
}
TEMPLATE = "{away} {away_score}-{home_score} {home} {status}"
SOCCER_TEMPLATE = "{home} {home_score}-{away_score} {away} {status}"  # home first in soccer


def check_template(template: str) -> str:
    """The template, or UsageError naming what is wrong (unknown field, attribute access)."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise UsageError(f"bad --template {template!r}: {exc}") from None
    for _, name, spec, _ in parts:
        if name is None:
            continue
        if name not in FIELDS:
            known = ", ".join(FIELDS)
            raise UsageError(f"bad --template: unknown field {{{name}}} (fields: {known})")
        if spec and "{" in spec:
            raise UsageError(f"bad --template: nested field in {{{name}:{spec}}}")
    try:
        template.format_map(dict.fromkeys(FIELDS, ""))
    except ValueError as exc:
        raise UsageError(f"bad --template {template!r}: {exc}") from None
    return template


def fields(game: Game, zone: tzinfo | None, now: datetime) -> dict[str, str]:
    start = local_start(game.start, zone, now)

    def score(value: int | None) -> str:
        return "" if value is None else str(value)

    return {
        "league": game.league.upper(),
        "away": game.away.abbr,
        "home": game.home.abbr,
        "away_name": game.away.name,
        "home_name": game.home.name,
        "away_score": score(game.away.score),
        "home_score": score(game.home.score),
        "clock": game.clock or "",
        "period": "" if game.period is None else str(game.period),
        "status": shown_status(game, now, zone),
        "state": game.state,
        "start": start,
        "situation": summary(game.situation, game.sport),
    }


@dataclass(frozen=True)
class Look:
    """What the line shows: ``kind`` live, next, final or none, and the games' texts."""

    kind: str
    texts: tuple[str, ...]
    more: int = 0  # games left out past --max


def look(
    games: Iterable[Game],
    *,
    following: bool,
    template: str | None,
    zone: tzinfo | None,
    now: datetime,
    most: int,
    later: Game | None = None,
) -> Look:
    """What the line shows: the live games, else the next start today, else the followed
    teams' results, else ``later`` (their next game on another day), else nothing."""
    games = list(games)

    def render(chosen: Sequence[Game]) -> tuple[str, ...]:
        out = []
        for game in chosen[:most]:
            chosen_template = template or (SOCCER_TEMPLATE if game.sport == "soccer" else TEMPLATE)
            out.append(" ".join(chosen_template.format_map(fields(game, zone, now)).split()))
        return tuple(out)

    live = sorted((g for g in games if g.state == "in"), key=lambda g: (g.start or "", g.id))
    if live:
        return Look("live", render(live), max(0, len(live) - most))
    upcoming = sorted((g for g in games if g.state == "pre"), key=lambda g: (g.start or "9", g.id))
    if upcoming:
        return _next(upcoming[0], zone, now)
    finals = sorted((g for g in games if g.state == "post"), key=lambda g: g.start or "")
    if following and finals:
        finals.reverse()
        return Look("final", render(finals), max(0, len(finals) - most))
    if later is not None:  # nothing today: the next game, days away
        return _next(later, zone, now)
    return Look("none", ())


def _next(game: Game, zone: tzinfo | None, now: datetime) -> Look:
    """``next: PHI @ BOS 7:30 PM`` (``Tue 7:30 PM`` this week, ``12/24 7:30 PM`` later)."""
    versus = f"{game.away.abbr} @ {game.home.abbr}"
    if game.sport == "soccer":
        versus = f"{game.home.abbr} v {game.away.abbr}"
    when = local_start(game.start, zone, now) or game.detail
    return Look("next", (f"next: {versus} {when}".strip(),))


def line_text(found: Look, separator: str) -> str:
    text = separator.join(found.texts)
    return f"{text} +{found.more}" if found.more else text


def for_program(
    program: str,
    found: Look,
    separator: str,
    *,
    scored: bool = False,
    stale: bool = False,
    tooltip: Sequence[str] = (),
) -> str:
    """The line as ``program`` reads it from a long-running script."""
    text = line_text(found, separator)
    if stale:  # with nothing to show yet, the line says why: "(stale)", not an empty line
        text = f"{text} (stale)" if text else "(stale)"
    if program == "tmux":
        return text.replace("#", "##")  # #() output is expanded as a format: #[...] styles
    if program == "polybar":
        return text.replace("%{", "% {")  # %{...} is a formatting tag; polybar has no escape
    if program == "waybar":
        classes = [found.kind] + (["scored"] if scored else []) + (["stale"] if stale else [])
        return json.dumps(
            {
                "text": _pango(text),
                "tooltip": _pango("\n".join(tooltip)),
                "class": classes,
                "alt": found.kind,
            },
            ensure_ascii=False,
        )
    return text  # plain, i3blocks (one line = full_text)


def _pango(text: str) -> str:
    """waybar shows text as Pango markup: &, < and > must be entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
