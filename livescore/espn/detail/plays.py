"""The plays of a summary, in ESPN's order, each with the score after it and the home side's
win probability where ESPN gives it. Pure.

Where they are (shared/reference/espn-detail.md §3.4, §3.6): ``plays[]`` for basketball,
hockey and baseball; inside ``drives`` for football (``current`` repeated in ``previous``:
each drive and play once); ``keyEvents`` for soccer (no score on them: counted). Baseball
flags every pitch of a scoring at-bat: only the at-bat's result is a scoring play here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import msgspec

from livescore.core.model import Play, Side
from livescore.core.sanitize import clean
from livescore.espn.detail.model import Comment, Drive
from livescore.espn.detail.read import Sides, chance, items, obj, side_of, whole
from livescore.espn.detail.shapes import play_value

MAX_PLAYS = 3000  # an MLB game is ~600 rows (every pitch), NBA ~500, NFL ~200
MAX_DRIVES = 80
MAX_COMMENTS = 400
TEXT = 300  # a play's text is cut here


class PlayCache:
    """The plays of one game as last read, by what ESPN said of each: a poll reads again
    only the plays that are new or changed (a live game's summary repeats hundreds). Holds
    the plays of the last summary read, no more."""

    def __init__(self) -> None:
        self._plays: dict[tuple[Any, ...], Play] = {}
        self._numbers: dict[bytes, object] = {}  # each play's text → its sequenceNumber

    def read_texts(
        self, texts: list[bytes], make: Callable[[Mapping[str, Any], int, bool], Play], sport: str
    ) -> list[Play]:
        """The plays of a summary given as each play's JSON text (``shapes.Summary``): a
        text seen in the last summary, at the same place and with the same numbering, is
        the same play and is not even decoded; the others are read. ``make(raw, i,
        numbered)`` reads one."""
        known = self._numbers
        numbers: dict[bytes, object] = {}
        objects: list[tuple[bytes, Mapping[str, Any] | None]] = []
        said: list[object] = []
        for text in texts:
            if text in known:
                objects.append((text, None))  # an object last time: decoded only if needed
                said.append(numbers.setdefault(text, known[text]))
                continue
            value = play_value(text)
            if isinstance(value, dict):  # as ``items`` keeps only the objects of a list
                objects.append((text, value))
                said.append(numbers.setdefault(text, value.get("sequenceNumber")))
        numbered = len(set(map(str, said))) == len(said)
        kept: dict[tuple[Any, ...], Play] = {}
        out = []
        for i, (text, value) in enumerate(objects):
            key = (numbered, sport, i, text)
            play = self._plays.get(key)
            if play is None:
                raw = value if value is not None else play_value(text)
                play = make(raw, i, numbered)
            kept[key] = play
            out.append(play)
        self._plays, self._numbers = kept, numbers
        return out

    def read(
        self, raws: list[Mapping[str, Any]], make: Callable[[int], Play], how: object
    ) -> list[Play]:
        """``how``: what else a play depends on (the numbering, the sport), part of its key."""
        kept: dict[tuple[Any, ...], Play] = {}
        out = []
        for i, raw in enumerate(raws):
            said = _said(raw, i)
            key = None if said is None else (how, *said)
            try:
                play = self._plays.get(key) if key is not None else None
            except TypeError:  # something unhashable where a value belongs: read it afresh
                key, play = None, None
            if play is None:
                play = make(i)
            if key is not None:
                kept[key] = play
            out.append(play)
        self._plays = kept
        return out


def _said(raw: Mapping[str, Any], position: int) -> tuple[Any, ...] | None:
    """Everything of a raw play that its ``Play`` is made of (and its place in the list)."""
    kind, period, clock = raw.get("type"), raw.get("period"), raw.get("clock")
    team, start = raw.get("team"), raw.get("start")
    if not (isinstance(kind, dict) and isinstance(period, dict)):
        return None
    return (
        position,
        raw.get("id"),
        raw.get("sequenceNumber"),
        raw.get("text"),
        raw.get("homeScore"),
        raw.get("awayScore"),
        raw.get("scoringPlay"),
        raw.get("scoreValue"),
        raw.get("wallclock"),
        kind.get("text"),
        kind.get("type"),
        period.get("number"),
        period.get("displayValue"),
        period.get("type"),
        clock.get("displayValue") if isinstance(clock, dict) else clock,
        team.get("id") if isinstance(team, dict) else team,
        _team_id(start.get("team")) if isinstance(start, dict) else None,
    )


def _team_id(team: object) -> object:
    return team.get("id") if isinstance(team, dict) else None


def read_plays(
    data: Mapping[str, Any], sides: Sides, sport: str, cache: PlayCache | None = None
) -> tuple[Play, ...]:
    """Every play, each once, in ESPN's order, with win probability joined by play id.
    ``cache``: the game's plays as last read (only new or changed ones are read again)."""
    win = _win_by_play(data.get("winprobability"))
    given = data.get("plays")
    if isinstance(given, list) and given and all(type(x) is msgspec.Raw for x in given):
        texts = [bytes(x) for x in given[:MAX_PLAYS]]
        if cache is not None:

            def made(raw: Mapping[str, Any], i: int, numbered: bool) -> Play:
                return _play(raw, i, sides, sport, win, numbered)

            return _joined(cache.read_texts(texts, made, sport), win)
        given = [play_value(text) for text in texts]
    if isinstance(given, list):
        raws = items(given, MAX_PLAYS)
    elif isinstance(data.get("drives"), dict):
        raws = _drive_raws(data["drives"])
    elif isinstance(data.get("keyEvents"), list):
        return _unique(_key_events(items(data["keyEvents"], MAX_PLAYS), sides))
    else:
        return ()
    # ESPN's list order is the game's order; its sequenceNumber is not always (a play it adds
    # later gets a later number, NBA): kept as given where unique, else (baseball restarts
    # it at each at-bat) the position
    numbers = [raw.get("sequenceNumber") for raw in raws]
    numbered = len(set(map(str, numbers))) == len(numbers)

    def make(i: int) -> Play:
        return _play(raws[i], i, sides, sport, win, numbered)

    if cache is not None:
        found = cache.read(raws, make, (numbered, sport))
    else:
        found = [make(i) for i in range(len(raws))]
    return _joined(found, win)


def _joined(found: list[Play], win: Mapping[str, float]) -> tuple[Play, ...]:
    """The plays with the win probability ESPN gives now (it revises it: joined afresh,
    never cached), each once, scoring credited."""
    if win:
        found = [p if win.get(p.id) == p.win else replace(p, win=win.get(p.id)) for p in found]
    return _unique(_credited(found))


def _unique(found: list[Play]) -> tuple[Play, ...]:
    return tuple({play.id: play for play in found if play.id}.values())


def scoring_plays(plays: tuple[Play, ...]) -> tuple[Play, ...]:
    return tuple(p for p in plays if p.scoring)


def win_now(data: Mapping[str, Any]) -> tuple[float, float] | None:
    """The latest win probability (home, away), from ESPN's last entry (a tie's share, NBA and
    MLB, goes to neither)."""
    entries = items(data.get("winprobability"), 5000)
    home = chance(entries[-1].get("homeWinPercentage")) if entries else None
    if home is None:
        return None
    tie = chance(entries[-1].get("tiePercentage")) or 0.0
    return home, round(max(0.0, 1.0 - home - tie), 3)


def read_drives(data: Mapping[str, Any], sides: Sides) -> tuple[Drive, ...]:
    drives = obj(data.get("drives"))
    seen: dict[str, Drive] = {}
    for raw in [*items(drives.get("previous"), MAX_DRIVES), *items([drives.get("current")], 1)]:
        drive_id = clean(str(raw.get("id", "")), 40)
        if not drive_id:
            continue
        start = obj(raw.get("start"))
        seen[drive_id] = Drive(
            drive_id,
            side_of(raw.get("team"), sides),
            clean(raw.get("description"), 80),
            clean(raw.get("displayResult") or raw.get("result"), 40),
            clean(start.get("text"), 20),
            raw.get("isScore") is True,
            whole(raw.get("offensivePlays"), 0, 500) or len(items(raw.get("plays"), 500)),
        )
    return tuple(seen.values())


def read_commentary(data: Mapping[str, Any]) -> tuple[Comment, ...]:
    out = []
    for i, raw in enumerate(items(data.get("commentary"), MAX_COMMENTS)):
        text = clean(raw.get("text"), TEXT)
        if text:
            minute = clean(obj(raw.get("time")).get("displayValue"), 12)
            out.append(Comment(whole(raw.get("sequence")) or i, minute, text))
    return tuple(sorted(out, key=lambda c: c.sequence))


def _play(
    raw: Mapping[str, Any],
    position: int,
    sides: Sides,
    sport: str,
    win: Mapping[str, float],
    numbered: bool,
) -> Play:
    kind = obj(raw.get("type"))
    period = obj(raw.get("period"))
    flagged = raw.get("scoringPlay") is True
    if sport == "baseball":  # every pitch of a scoring at-bat is flagged: its result counts
        flagged = flagged and (
            kind.get("type") == "play-result" or kind.get("text") == "Play Result"
        )
    period_text = clean(period.get("displayValue"), 30)
    half = clean(period.get("type"), 10)  # baseball's Top / Bottom
    if half and period_text:
        period_text = f"{half} {period_text}"
    sequence = whole(raw.get("sequenceNumber"), 0, 10**9) if numbered else None
    play_id = clean(str(raw.get("id", "")), 40)
    return Play(
        id=play_id,
        sequence=position if sequence is None else sequence,
        period=whole(period.get("number"), 0, 100),
        period_text=period_text,
        clock=clean(obj(raw.get("clock")).get("displayValue"), 12) or None,
        text=clean(raw.get("text"), TEXT),
        type=clean(kind.get("text"), 60),
        side=side_of(raw.get("team") or obj(raw.get("start")).get("team"), sides),
        scoring=flagged,
        value=whole(raw.get("scoreValue"), 0, 100),
        home_score=whole(raw.get("homeScore"), 0, 10**4),
        away_score=whole(raw.get("awayScore"), 0, 10**4),
        win=win.get(play_id),
        wallclock=clean(raw.get("wallclock"), 30) or None,
    )


def _drive_raws(drives: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Football: the plays of each drive, the live ``current`` drive too (ESPN repeats it in
    ``previous``: plays are made unique by id)."""
    raws: list[Mapping[str, Any]] = []
    for drive in [*items(drives.get("previous"), MAX_DRIVES), *items([drives.get("current")], 1)]:
        raws += items(drive.get("plays"), 400)
    return raws[:MAX_PLAYS]


def _key_events(raws: list[Mapping[str, Any]], sides: Sides) -> list[Play]:
    """Soccer: goals, cards, substitutions and the match's milestones. Key events carry no
    score: it is counted from the goals (penalty-shoot-out kicks are not goals)."""
    score: dict[Side, int] = {"home": 0, "away": 0}
    out = []
    for i, raw in enumerate(raws):
        kind = obj(raw.get("type"))
        side = side_of(raw.get("team"), sides)
        goal = raw.get("scoringPlay") is True and raw.get("shootout") is not True
        if goal and side is not None:
            score[side] += 1
        clock = obj(raw.get("clock"))
        text = clean(raw.get("text"), TEXT) or clean(raw.get("shortText"), TEXT)
        out.append(
            Play(
                id=clean(str(raw.get("id", "")), 40),
                sequence=i,
                period=whole(obj(raw.get("period")).get("number"), 0, 10),
                period_text="",
                clock=clean(clock.get("displayValue"), 12) or None,
                text=text or clean(kind.get("text"), 60),
                type=clean(kind.get("text"), 60),
                side=side,
                scoring=goal,
                value=1 if goal else None,
                home_score=score["home"],
                away_score=score["away"],
                wallclock=clean(raw.get("wallclock"), 30) or None,
            )
        )
    return out


def _credited(ordered: list[Play]) -> list[Play]:
    """A scoring play without a team (football's drive plays name none) is credited to the
    side whose score it raised."""
    out = []
    home = away = 0
    for play in ordered:
        if play.scoring and play.side is None and play.home_score is not None:
            up_home = play.home_score > home
            up_away = play.away_score is not None and play.away_score > away
            if up_home != up_away:
                play = replace(play, side="home" if up_home else "away")
        home = play.home_score if play.home_score is not None else home
        away = play.away_score if play.away_score is not None else away
        out.append(play)
    return out


def _win_by_play(value: object) -> dict[str, float]:
    found = {}
    for raw in items(value, 5000):
        home = chance(raw.get("homeWinPercentage"))
        play = raw.get("playId")
        if home is not None and isinstance(play, (str, int)):
            found[clean(str(play), 40)] = home
    return found
