"""Which events make a notification, and its text: plain, built from the renderers the
lines use (``PHI 95 @ BOS 98 · 8:41 - 4th``), with what a chat would read as formatting
taken out of network text (Markdown and HTML marks, mentions), so a team name can never
format, link or ping anyone. Pure: no I/O."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime

from livescore.core.model import Event, Game, Play
from livescore.render.lines import matchup, status_text

# Markdown (Discord, Slack, Matrix, Telegram), HTML and mention marks: never from a name
_MARKS = str.maketrans({c: None for c in "*_~`|<>[]#\\&"})  # (no [..] : no link)
_MENTION = re.compile(r"@(?=\S)")  # @everyone, @here, @user: an @ never touches a word


def plain(text: str) -> str:
    return " ".join(_MENTION.sub("@ ", text.translate(_MARKS)).split())


def kind_of(event: Event) -> str | None:
    """The notification kind of a game event: score, start, final or status; None for the
    rest (snapshots, clock ticks)."""
    if event.kind == "score":
        return "score"
    if event.kind == "status":
        if event.game.state == "post":
            return "final"
        if event.game.state == "in" and "state" in event.changed:
            return "start"
        return "status"
    return None


def wanted(kind: str, kinds: Collection[str]) -> bool:
    """``status`` covers ``start`` and ``final`` too (every change of status)."""
    return kind in kinds or (kind in ("start", "final") and "status" in kinds)


def game_text(game: Game, now: datetime) -> tuple[str, str]:
    """(title, body): ``NBA · final``-style title, ``PHI 95 @ BOS 98 · Final`` body."""
    body = f"{matchup(game)} · {status_text(game, now)}"
    return plain(game.league.upper()), plain(body)


def event_text(event: Event, kind: str, now: datetime) -> tuple[str, str]:
    league, body = game_text(event.game, now)
    return f"{league} {kind}", body


def play_text(game: Game, play: Play) -> tuple[str, str]:
    score = ""
    if play.home_score is not None and play.away_score is not None:
        score = f" ({game.away.abbr} {play.away_score} @ {game.home.abbr} {play.home_score})"
    return plain(f"{game.league.upper()} play"), plain(f"{play.text}{score}")
