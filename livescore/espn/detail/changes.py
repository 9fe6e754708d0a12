"""What a new summary says that the last one did not: each new play once, in ESPN's order; a
play ESPN changed or took back said once more (``corrected`` / ``removed``). Pure.

A summary older than what was already said (an edge cache's stale copy: fewer plays, an
earlier moment of the game) is held until the next poll agrees, as the scoreboard's games are
(``espn/freshness.py``): plays and scores never go backwards because of one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from livescore.core.model import Play
from livescore.espn.detail.model import Detail
from livescore.espn.freshness import older

Change = Literal["new", "corrected", "removed"]


@dataclass
class PlayTracker:
    _said: dict[str, Play] = field(default_factory=dict)  # every play said, by id, in order
    _shown: Detail | None = None
    _held: Detail | None = None

    def update(self, detail: Detail) -> tuple[Detail, list[tuple[Change, Play]]]:
        """The detail to show (the last one when this one is a stale copy) and the plays to
        say, in order."""
        shown = self._shown
        if shown is not None and _older(detail, shown):
            held = self._held
            if held is None or _older(detail, held):  # once: a stale copy, until said again
                self._held = detail
                return shown, []
        self._held = None
        self._shown = detail
        return detail, self._changes(detail)

    def _changes(self, detail: Detail) -> list[tuple[Change, Play]]:
        out: list[tuple[Change, Play]] = []
        now = {play.id: play for play in detail.plays}
        for play_id, play in list(self._said.items()):
            if play_id not in now:
                del self._said[play_id]
                out.append(("removed", play))
        for play in detail.plays:
            before = self._said.get(play.id)
            if before is None:
                out.append(("new", play))
            elif _differs(before, play):
                out.append(("corrected", play))
            self._said[play.id] = play
        return out


def _older(new: Detail, shown: Detail) -> bool:
    """An earlier moment than the one shown: the game itself, or fewer plays than it had."""
    return older(new.game, shown.game) or len(new.plays) < len(shown.plays)


def _differs(before: Play, after: Play) -> bool:
    """A correction is what a reader would see: the text, the type, the team, the score
    (not the win probability, which ESPN revises as the game goes on)."""
    return (before.text, before.type, before.side, before.scoring, before.home_score,
            before.away_score) != (after.text, after.type, after.side, after.scoring,
                                   after.home_score, after.away_score)  # fmt: skip
