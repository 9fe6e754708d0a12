"""Soccer, the fully documented sport: a frame decoded by shape → ``Game``. Pure, and the
stream's hot path: what depends only on the status, period and added time is worked out
once per combination, stats once per distinct set, and the game is built positionally."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any

from livescore.core.model import Game, State
from livescore.core.sanitize import clean
from livescore.core.timefmt import parse_iso
from livescore.sportrix.fields import (
    KEY_MAX,
    bounded_int,
    cache_text,
    first_items,
    league_name,
    state_of,
    team_of,
    winner_by_score,
)
from livescore.sportrix.shapes import Soccer

_PERIODS = {"1H": 1, "HT": 1, "2H": 2, "FT": 2, "ET1": 3, "1ET": 3, "ET2": 4, "2ET": 4, "PEN": 5}
_PERIOD_TEXT = {"1H": "1st half", "2H": "2nd half", "HT": "HT", "FT": "FT", "PEN": "Penalties"}


def parse_soccer(data: Soccer, match_id: str, received_at: datetime, typed: bool = True) -> Game:
    """Every value is cleaned and range-checked here: ``data`` may hold any JSON value.

    Once per frame on the stream's hot path: what depends only on the status text, the
    period code and the added time (cleaned status, state, detail text, period number) is
    worked out once per combination (``_status``), and the game is built positionally."""
    clock = data.clock
    if clock is not None:
        minute, second = bounded_int(clock.minute), bounded_int(clock.second)
        status, state, detail, period = _status(
            cache_text(data.status), cache_text(clock.period), bounded_int(clock.added)
        )
        running = clock.running is True and state == "in"
        clock_as_of = clock.as_of
    else:
        minute = second = None
        status, state, detail, period = _status(cache_text(data.status), None, None)
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
    label, team = _phase(cache_text(phase.label), cache_text(phase.team)) if phase else ("", "")
    stats = _stats(data.stats) if typed else _stats_built(data.stats)
    extra = {"status": status, "phase": {"label": label, "team": team}, "stats": stats}
    home_goals = away_goals = None
    if score is not None and state != "pre":  # no score before the kick-off (null)
        home_goals, away_goals = bounded_int(score.home), bounded_int(score.away)
    return Game(  # positionally, in GAME_FIELDS' order: once per frame
        "sportrix",
        league_name(cache_text(data.competition)),
        "soccer",
        match_id,
        state,
        detail,
        team_of(data.home, home_goals),
        team_of(data.away, away_goals),
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
        winner_by_score(state, home_goals, away_goals) if state == "post" else None,
    )


@lru_cache(maxsize=1024)
def _status(
    raw: str | None, period_raw: str | None, added: int | None
) -> tuple[str, State, str, int | None]:
    """(cleaned status, state, detail text, period number) of a soccer status, period code
    and added time."""
    status = clean(raw, 30).lower()
    period_code = clean(period_raw, 10).upper()
    state = state_of(status, "in")
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
    for key, pair in first_items(value, 40):
        # JSON object keys are always strings
        name = _stat_name(key) if len(key) <= KEY_MAX else clean(key, 40)
        if name and pair is not None:
            out[name] = {"home": bounded_int(pair.home), "away": bounded_int(pair.away)}
    return out


@lru_cache(maxsize=1024)
def _stat_name(raw: str) -> str:
    """Stat names ("corners", "shots_on_target") repeat every frame: clean each once."""
    return clean(raw, 40)
