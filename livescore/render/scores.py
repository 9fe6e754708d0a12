"""What a game's score says, in every human output: the sides in the order the sport's fans
write them, each side's score text (cricket's innings), what decided a level game (a
shootout, an aggregate), and who won when the numbers do not say it."""

from __future__ import annotations

from livescore.core.model import Game, Team

HOME_FIRST = frozenset({"soccer", "cricket", "rugby", "rugby-league", "australian-football"})
SCORE_MAX = 14  # "227 & 231/4": a cricket side's innings; longer is cut


def home_first(game: Game) -> bool:
    """Soccer, cricket and rugby write the home side first (``ARS 1-0 CHE``), and so do
    individual matches (the first side as ESPN orders them); US sports write away @ home."""
    return game.sport in HOME_FIRST or game.format == "match"


def ordered(game: Game) -> tuple[Team, Team]:
    """(left, right) as written: home first, or away @ home."""
    return (game.home, game.away) if home_first(game) else (game.away, game.home)


def score_text(game: Game, team: Team) -> str:
    """What the score column says of ``team``: its score, or in cricket its innings
    (``227 & 231``, ``155/6``) without the overs and target ESPN adds in brackets."""
    if game.sport == "cricket":
        side = "home" if team is game.home else "away"
        innings = (game.situation or {}).get("innings")
        text = innings.get(side) if isinstance(innings, dict) else None
        if isinstance(text, str) and text:
            return _cut(text.split(" (", 1)[0].strip())
        extra = game.extra or {}
        batting = extra.get("batting") == team.name or (
            extra.get("batting") and team is game.home and game.away.score is None
        )
        if team.score is not None and extra.get("wickets") is not None and batting:
            return f"{team.score}/{extra['wickets']}"  # Sportrix: the side batting
    return "" if team.score is None else str(team.score)


def _cut(text: str) -> str:
    return text if len(text) <= SCORE_MAX else text[: SCORE_MAX - 1] + "…"


def decider(game: Game) -> str:
    """What settled a level game, left side first: ``3-4 pens``, ``2-1 SO``, ``agg 4-3``;
    "" when there is nothing beyond the score."""
    left, right = ordered(game)
    if left.shootout is not None and right.shootout is not None:
        kind = "SO" if game.sport == "hockey" else "pens"
        return f"{left.shootout}-{right.shootout} {kind}"
    if left.aggregate is not None and right.aggregate is not None:
        return f"agg {left.aggregate}-{right.aggregate}"
    return ""


def won_note(game: Game) -> str:
    """``PAR won`` when a finished game's winner is not plain from the numbers shown (cricket
    without ESPN's result text, a tie settled on away goals); "" otherwise."""
    if game.winner is None or game.state != "post":
        return ""
    won, lost = (game.home, game.away) if game.winner == "home" else (game.away, game.home)
    if game.sport == "cricket":
        said = str((game.situation or {}).get("summary") or "")
        return "" if "won" in said.lower() else f"{won.abbr} won"
    for mine, theirs in (  # what decided it: the shootout, else the aggregate, else the score
        (won.shootout, lost.shootout),
        (won.aggregate, lost.aggregate),
        (won.score, lost.score),
    ):
        if mine is not None and theirs is not None:
            return "" if mine > theirs else f"{won.abbr} won"
    return f"{won.abbr} won"
