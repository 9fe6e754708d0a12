"""Sportrix frames and live snapshots → ``Game`` values. Pure: the caller passes the time.

Soccer has the full documented shape: a well-formed soccer frame is decoded straight into
its Structs (``shapes``, the hot path); cricket is only partly documented, so it is read
defensively; any other sport becomes a generic game from ``home``/``away``/``score``.
Unknown ops and fields are ignored (shared/reference/sportrix-api.md §3, §4, §7).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import Any

import msgspec

from livescore.errors import ParseError
from livescore.model import Game, State, Team, value
from livescore.sanitize import clean
from livescore.sportrix.shapes import SOCCER_FRAME, Soccer, soccer_unchecked
from livescore.timefmt import parse_iso

_PRE = {"not_started", "scheduled", "pre", "upcoming", "not started", "ns"}
_POST = {"ft", "finished", "ended", "complete", "completed", "result", "aet", "pen", "closed"}
_PERIODS = {"1H": 1, "HT": 1, "2H": 2, "FT": 2, "ET1": 3, "1ET": 3, "ET2": 4, "2ET": 4, "PEN": 5}
_PERIOD_TEXT = {"1H": "1st half", "2H": "2nd half", "HT": "HT", "FT": "FT", "PEN": "Penalties"}
MAX_DEPTH = 6


@value
class DataFrame:
    op: str  # "snapshot" | "update"
    match_id: str | None
    data: Mapping[str, Any] | Soccer  # Soccer: decoded by shape, types already checked


@value
class ErrorFrame:
    message: str


@value
class OtherFrame:
    op: str


Frame = DataFrame | ErrorFrame | OtherFrame


_SOCCER, _SOCCER_UTF8 = "soccer", b"soccer"


def decode_frame(text: str | bytes) -> Frame:
    """One WebSocket text frame. Raises ParseError for anything that is not a JSON object."""
    if _SOCCER in text if isinstance(text, str) else _SOCCER_UTF8 in text:  # else no use trying
        try:
            frame = SOCCER_FRAME.decode(text)
        except (msgspec.DecodeError, RecursionError):
            pass  # not a well-formed soccer frame: read it leniently
        else:
            return DataFrame(frame.op, match_id_of(frame.data.match_id), frame.data)
    obj = _json(text)
    if not isinstance(obj, dict):
        raise ParseError("a frame that is not a JSON object")
    op = obj.get("op")
    if op in ("snapshot", "update"):
        data = obj.get("data")
        if not isinstance(data, dict):
            raise ParseError(f"a {op} frame without data")
        return DataFrame(op, match_id_of(data.get("match_id")), data)
    if op == "error":
        return ErrorFrame(clean(obj.get("error") or obj.get("detail"), 200) or "unknown error")
    return OtherFrame(clean(op, 40))


def _json(text: str | bytes) -> Any:
    """Any JSON value: msgspec's decoder (4× faster), else the standard library's, which
    also reads what msgspec refuses (NaN, 1e400, lone surrogates), as frames always were."""
    try:
        return msgspec.json.decode(text)
    except (msgspec.DecodeError, RecursionError):
        pass
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise ParseError("a frame that is not JSON") from None


def match_id_of(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value >= 0:
        return str(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 20:
        return str(int(value.strip()))
    return None


def parse_snapshot(data: object, match_id: str, received_at: datetime) -> Game:
    """A live snapshot (WebSocket ``data`` or REST ``/live``) → Game. Raises only ParseError."""
    if isinstance(data, Soccer):
        return _soccer(data, match_id, received_at)
    if not isinstance(data, dict):
        raise ParseError("snapshot is not an object")
    try:
        sport = clean(data.get("sport"), 30).lower() or "unknown"
        if sport == "soccer":
            return _soccer(soccer_unchecked(data), match_id, received_at, typed=False)
        if sport == "cricket":
            return _cricket(data, match_id)
        return _generic(data, match_id, sport)
    except ParseError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError) as exc:
        raise ParseError(f"unreadable snapshot ({type(exc).__name__})") from None


def _state(status: str, default: State = "in") -> State:
    key = status.lower()
    if key in _PRE:
        return "pre"
    if key in _POST:
        return "post"
    if key in ("live", "ht", "in", "inplay", "in_play", "started", "close_of_play"):
        return "in"
    return default


def _soccer(data: Soccer, match_id: str, received_at: datetime, typed: bool = True) -> Game:
    """Every value is cleaned and range-checked here: ``data`` may hold any JSON value.

    Once per frame on the stream's hot path: what depends only on the status text, the
    period code and the added time (cleaned status, state, detail text, period number) is
    worked out once per combination (``_status``), and the game is built positionally."""
    clock = data.clock
    if clock is not None:
        minute, second = _int(clock.minute), _int(clock.second)
        status, state, detail, period = _status(
            _text(data.status), _text(clock.period), _int(clock.added)
        )
        running = clock.running is True and state == "in"
        clock_as_of = clock.as_of
    else:
        minute = second = None
        status, state, detail, period = _status(_text(data.status), None, None)
        running, clock_as_of = False, None
    clock_text = seconds = None
    if state == "in" and minute is not None:
        seconds = minute * 60 + (second or 0)
        clock_text = f"{minute}:{second or 0:02d}"
    as_of = received_at
    if clock_as_of is not None or data.as_of is not None:
        as_of = parse_iso(clean(clock_as_of or data.as_of, 40)) or received_at
    phase = data.phase
    score = data.score
    label, team = _phase(_text(phase.label), _text(phase.team)) if phase else ("", "")
    stats = _stats(data.stats) if typed else _stats_built(data.stats)
    extra = {"status": status, "phase": {"label": label, "team": team}, "stats": stats}
    return Game(  # positionally, in _GAME_FIELDS' order: once per frame
        "sportrix",
        _league(_text(data.competition)),
        "soccer",
        match_id,
        state,
        detail,
        _team(data.home, _int(score.home) if score else None),
        _team(data.away, _int(score.away) if score else None),
        period,
        clock_text,
        None,
        status,
        extra,
        None,
        "teams",
        running,
        seconds,
        as_of,
    )


# Game's fields in order, as the builders above pass them (a keyword call costs 0.4 µs more);
# a test holds this to the dataclass.
_GAME_FIELDS = (
    "source",
    "league",
    "sport",
    "id",
    "state",
    "detail",
    "home",
    "away",
    "period",
    "clock",
    "start",
    "phase",
    "extra",
    "situation",
    "format",
    "clock_running",
    "clock_seconds",
    "clock_at",
)


# The caches below keep strings from the network as keys: none longer than this, so that a
# hostile frame of long distinct strings cannot fill memory through them (1024-4096 keys each).
KEY_MAX = 100


def _text(value: object) -> str | None:
    """A string as sent, else None: the key of the caches below (any JSON value may come). A
    string over KEY_MAX characters is cleaned to that length first (cleaning it again to a
    shorter limit keeps it clean)."""
    if type(value) is str:
        return value if len(value) <= KEY_MAX else clean(value, KEY_MAX)
    return None


@lru_cache(maxsize=1024)
def _status(
    raw: str | None, period_raw: str | None, added: int | None
) -> tuple[str, State, str, int | None]:
    """(cleaned status, state, detail text, period number) of a soccer status, period code
    and added time."""
    status = clean(raw, 30).lower()
    period_code = clean(period_raw, 10).upper()
    state = _state(status, "in")
    if status == "" and period_code == "FT":
        state = "post"
    if state == "pre":
        detail = "Not started"
    elif state == "post":
        detail = "FT" if status in ("ft", "") else status.upper()
    else:
        detail = "HT" if status == "ht" else _PERIOD_TEXT.get(period_code, period_code or "Live")
        if added:
            detail += f" +{added}'"
    return status, state, detail, _PERIODS.get(period_code) if state != "pre" else None


@lru_cache(maxsize=1024)
def _phase(label: str | None, team: str | None) -> tuple[str, str]:
    return clean(label, 60), clean(team, 10)


@lru_cache(maxsize=1024)
def _league(competition: str | None) -> str:
    return clean(competition, 80) or "sportrix"


def _cricket(data: Mapping[str, Any], match_id: str) -> Game:
    status = clean(data.get("status"), 30).lower()
    score = _obj(data.get("score"))
    batting = clean(data.get("batting"), 80)
    runs, wickets = _int(score.get("runs")), _int(score.get("wickets"))
    overs = score.get("overs")
    overs_text = clean(overs if isinstance(overs, str) else _number_text(overs), 12)
    last = data.get("last_event")
    last_label = clean(_obj(last).get("label") if isinstance(last, dict) else last, 120)
    home_name = _name(data.get("home"))
    away_name = _name(data.get("away"))
    home_score = away_score = None
    if batting and batting == away_name:
        away_score = runs
    elif batting and (batting == home_name or not home_name):
        home_score = runs
        home_name = home_name or batting
    state = _state(status, "in")
    detail = "Not started" if state == "pre" else ""
    if runs is not None:
        detail = f"{batting + ' ' if batting else ''}{runs}/{wickets if wickets is not None else 0}"
        if overs_text:
            detail += f" ({overs_text} ov)"
    if state == "post":
        detail = f"{detail} · {status.upper()}" if detail else status.upper()
    extra = {
        "batting": batting,
        "runs": runs,
        "wickets": wickets,
        "overs": overs_text or None,
        "last_event": last_label or None,
    }
    return Game(  # positionally, in _GAME_FIELDS' order: once per frame
        "sportrix",
        _league(_text(data.get("competition"))),
        "cricket",
        match_id,
        state,
        detail or status or "Live",
        _team(home_name, home_score),
        _team(away_name, away_score),
        None,
        None,
        None,
        status,
        extra,
    )


def _generic(data: Mapping[str, Any], match_id: str, sport: str) -> Game:
    """A sport without a parser of its own: the usual fields where they are, and every field
    of ``data`` (cleaned, bounded) in ``extra``, so that any change is an event."""
    status = clean(data.get("status"), 30).lower()
    state = _state(status, "in")
    extra = _object(data, 0, ("match_id", "sport"))
    extra["status"] = status
    return Game(  # positionally, in _GAME_FIELDS' order: once per frame
        "sportrix",
        _league(_text(data.get("competition"))),
        sport,
        match_id,
        state,
        status.upper() or "Live",
        _team(data.get("home"), _score(data, "home")),
        _team(data.get("away"), _score(data, "away")),
        None,
        None,
        None,
        status,
        extra,
    )


def _plain(value: object, depth: int = 0) -> Any:
    """A JSON value, cleaned: strings without control characters, containers bounded.

    Every field of every frame of a sport without a parser comes through here. The
    containers' loops (``_values``, ``_object``) take the decoders' exact scalar types
    themselves, without a call each; what reaches this function is a container, or
    something of another type."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return _object(value, depth + 1)
    if isinstance(value, list):
        return _values(value[:60], depth + 1)
    if isinstance(value, str):
        return clean(value, 200)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return value if -1e15 < value < 1e15 else None  # also None for NaN
    return None


def _values(values: list[Any], depth: int) -> list[Any]:
    """``_plain`` of each value, at ``depth``."""
    if depth > MAX_DEPTH:
        return [None] * len(values)
    out: list[Any] = []
    add = out.append
    for v in values:
        if type(v) is int or type(v) is float:
            add(v if -1e15 < v < 1e15 else None)
        elif type(v) is str:
            add(clean(v, 200))
        elif v is None or type(v) is bool:
            add(v)
        else:
            add(_plain(v, depth))
    return out


def _object(obj: Mapping[Any, Any], depth: int, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """``_plain`` of an object whose values are at ``depth``, without the keys in ``skip``."""
    out: dict[str, Any] = {}
    for k, v in _first(obj):
        if k in skip:
            continue
        key = _key(k) if type(k) is str and len(k) <= KEY_MAX else clean(str(k), 40)
        if depth > MAX_DEPTH:
            out[key] = None
        elif type(v) is int or type(v) is float:
            out[key] = v if -1e15 < v < 1e15 else None
        elif type(v) is str:
            out[key] = clean(v, 200)
        elif v is None or type(v) is bool:
            out[key] = v
        else:
            out[key] = _plain(v, depth)
    return out


def _first(obj: Mapping[Any, Any], limit: int = 60) -> Any:
    """An object's first ``limit`` items."""
    return obj.items() if len(obj) <= limit else list(obj.items())[:limit]


@lru_cache(maxsize=1024)
def _key(raw: object) -> str:
    """An object key, cleaned: the same keys come in every frame."""
    return clean(str(raw), 40)


def keep_teams(before: Game | None, game: Game) -> Game:
    """A frame that does not name a side (cricket sends only the batting side) keeps the
    name the match had."""
    if before is None or before.id != game.id:
        return game
    home, away = game.home, game.away
    if home.name == "TBD" and before.home.name != "TBD":
        home = Team(before.home.name, before.home.abbr, home.score)
    if away.name == "TBD" and before.away.name != "TBD":
        away = Team(before.away.name, before.away.abbr, away.score)
    if home is game.home and away is game.away:
        return game
    return replace(game, home=home, away=away)


def _team(value: object, score: int | None) -> Team:
    name, abbr = _names(_text(value) or "") if isinstance(value, str) else _names(_name(value))
    return Team(name, abbr, score)


@lru_cache(maxsize=4096)
def _names(raw: str) -> tuple[str, str]:
    """(clean name, abbreviation) of a team name as sent: the same few names come every frame."""
    name = clean(raw, 80) or "TBD"
    letters = "".join(ch for ch in name if ch.isalnum())
    return name, (letters[:3] or "TBD").upper()


def _name(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("name")
    return clean(value, 80)


def _score(data: Mapping[str, Any], side: str) -> int | None:
    return _int(_obj(data.get("score")).get(side))


def _stats(value: Mapping[str, Any] | None) -> Mapping[str, Mapping[str, int | None]]:
    """The stats of a frame decoded by shape (every value an int or None). They change far
    less often than the clock and the phase, so the same stats give the same (shared, never
    changed) mapping: built once, and compared at once by the board. (Not for frames read
    leniently: ``True == 1`` would make them the same key.)"""
    if type(value) is dict and len(value) <= 40 and sum(map(len, value)) <= 40 * KEY_MAX // 4:
        return _stats_of(tuple(value.items()))
    return _stats_built(value)


@lru_cache(maxsize=4096)
def _stats_of(items: tuple[tuple[str, Any], ...]) -> Mapping[str, Mapping[str, int | None]]:
    return _stats_built(dict(items))


def _stats_built(value: Mapping[str, Any] | None) -> dict[str, dict[str, int | None]]:
    out: dict[str, dict[str, int | None]] = {}
    if not isinstance(value, dict):
        return out
    for key, pair in _first(value, 40):
        # JSON object keys are always strings
        name = _stat_name(key) if len(key) <= KEY_MAX else clean(key, 40)
        if name and pair is not None:
            out[name] = {"home": _int(pair.home), "away": _int(pair.away)}
    return out


@lru_cache(maxsize=1024)
def _stat_name(raw: str) -> str:
    """Stat names ("corners", "shots_on_target") repeat every frame: clean each once."""
    return clean(raw, 40)


def _obj(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: object) -> int | None:
    if type(value) is int:  # the usual case first (not bool: its type is bool)
        return value if 0 <= value < 10**6 else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 10**6 else None
    if isinstance(value, float) and value.is_integer() and 0 <= value < 10**6:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 6:
        return int(value.strip())
    return None


def _number_text(value: object) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return f"{value:g}" if value == value and abs(value) < 10**6 else ""
    return ""
