"""No game goes back in time on the board because of a stale CDN copy. Pure.

ESPN's edge caches can answer a poll with an older copy than the last one: the score drops
and comes back (2:0 → 2:1 → 2:0 → 2:1), the clock runs backwards. A game whose new state is
older than the one published (an earlier state or period, an earlier clock in the same
period, a score that went down) is held back, and the published state kept, until the next
poll agrees (it is no older than the held state): then it is a real correction (a basket
changed from 3 to 2), and it comes through, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from livescore.core.model import Game

_STATE_ORDER = {"pre": 0, "in": 1, "post": 2}
COUNT_UP = frozenset({"soccer", "rugby", "rugby-league", "australian-football"})


@dataclass
class Freshness:
    """One feed's published games, and the older states waiting for a second word."""

    _shown: dict[str, Game] = field(default_factory=dict)
    _held: dict[str, Game] = field(default_factory=dict)

    def settle(self, games: Sequence[Game]) -> list[Game]:
        """``games`` as they may be published: each one older than what was published is
        replaced by what was published, unless the poll before was older too, and this one
        is no older than it."""
        out: list[Game] = []
        for game in games:
            shown = self._shown.get(game.id)
            if shown is not None and older(game, shown):
                held = self._held.get(game.id)
                if held is None or older(game, held):  # once: a stale copy, until said again
                    self._held[game.id] = game
                    out.append(shown)
                    continue
            self._held.pop(game.id, None)
            self._shown[game.id] = game
            out.append(game)
        if len(self._shown) > len(games):  # forget games no longer on the scoreboard
            on = {g.id for g in games}
            self._shown = {k: g for k, g in self._shown.items() if k in on}
            self._held = {k: g for k, g in self._held.items() if k in on}
        return out


def older(new: Game, shown: Game) -> bool:
    """Is ``new`` an earlier moment of the game than ``shown``?"""
    before, after = _STATE_ORDER[shown.state], _STATE_ORDER[new.state]
    if after != before:
        return after < before
    for was, now in (
        (shown.home.score, new.home.score),
        (shown.away.score, new.away.score),
        (shown.home.shootout, new.home.shootout),
        (shown.away.shootout, new.away.shootout),
    ):
        if was is not None and (now is None or now < was):
            return True
    if new.state != "in" or shown.period is None or new.period is None:
        return False
    if new.period != shown.period:
        return new.period < shown.period
    was_at, now_at = clock_seconds(shown.clock), clock_seconds(new.clock)
    if was_at is None or now_at is None:
        return False
    return now_at < was_at if new.sport in COUNT_UP else now_at > was_at


def clock_seconds(clock: str | None) -> float | None:
    """A game clock as seconds: ``8:41`` 521, ``45.3`` 45.3, soccer's ``39'`` 2340 and
    ``90'+4'`` 5640; None when it is not a clock."""
    if not clock:
        return None
    text = clock.strip()
    try:
        if "'" in text:
            minutes = sum(int(part.strip() or 0) for part in text.replace("'", "").split("+"))
            return minutes * 60.0
        if ":" in text:
            minutes_text, seconds_text = text.split(":", 1)
            return int(minutes_text) * 60 + float(seconds_text)
        return float(text)
    except ValueError:
        return None
