"""The status-bar line: what it shows when, the template, and each program's escaping."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from livescore.core.errors import UsageError
from livescore.core.model import Game, Team
from livescore.core.timefmt import local_start
from livescore.render.statusline import check_template, for_program, line_text, look

NOW = datetime(2026, 12, 4, 23, 0, tzinfo=UTC)  # 6 PM in New York, 3 PM in Los Angeles
LA = ZoneInfo("America/Los_Angeles")


def game(gid: str, state: str = "in", sport: str = "basketball", start: str = "") -> Game:
    home, away = Team("Boston Celtics", "BOS", 50), Team("Philadelphia 76ers", "PHI", 48)
    if state == "pre":
        home, away = replace(home, score=None), replace(away, score=None)
    detail = {"in": "8:41 - 4th", "pre": "7:30 PM ET", "post": "Final"}[state]
    clock = "8:41" if state == "in" else None
    return Game("espn", "nba", sport, gid, state, detail, home, away, 4, clock, start or None)  # type: ignore[arg-type]


def see(games: list[Game], following: bool = True, template: str | None = None, most: int = 3):  # type: ignore[no-untyped-def]
    return look(games, following=following, template=template, zone=LA, now=NOW, most=most)


def test_live_games_first_then_the_next_start_then_results_of_followed_teams() -> None:
    live, pre = game("1"), game("2", "pre", start="2026-12-05T00:30Z")
    final = game("3", "post")
    assert line_text(see([final, pre, live]), " | ") == "PHI 48-50 BOS 8:41 - 4th"
    assert line_text(see([final, pre]), " | ") == "next: PHI @ BOS 4:30 PM"
    assert line_text(see([final]), " | ") == "PHI 48-50 BOS Final"
    assert see([final], following=False).kind == "none"  # a league's results do not fit


def test_more_games_than_fit_are_counted() -> None:
    found = see([game(str(i)) for i in range(5)], most=2)
    assert line_text(found, " | ") == "PHI 48-50 BOS 8:41 - 4th | PHI 48-50 BOS 8:41 - 4th +3"


def test_soccer_shows_the_home_side_first_and_a_template_decides_otherwise() -> None:
    match = game("1", sport="soccer")
    assert see([match]).texts == ("BOS 50-48 PHI 8:41 - 4th",)
    found = see([match], template="{home_name} {home_score}:{away_score} {away_name} ({clock})")
    assert found.texts == ("Boston Celtics 50:48 Philadelphia 76ers (8:41)",)


@pytest.mark.parametrize(
    ("template", "said"),
    [
        ("{away.__class__}", "unknown field {away.__class__}"),
        ("{home[0]}", "unknown field {home[0]}"),
        ("{score}", "unknown field {score}"),
        ("{home", "bad --template"),
        ("{home:{away}}", "nested field"),
        ("{home:zz}", "bad --template"),
    ],
)
def test_a_bad_template_is_refused_before_anything_runs(template: str, said: str) -> None:
    with pytest.raises(UsageError, match=said.replace("[", r"\[").replace("{", r"\{")):
        check_template(template)


def test_start_times_in_the_users_zone() -> None:
    assert local_start("2026-12-05T00:30Z", LA, NOW) == "4:30 PM"
    assert local_start("2026-12-05T00:30Z", ZoneInfo("America/New_York"), NOW) == "7:30 PM"
    assert local_start("2026-12-05T00:30Z", ZoneInfo("Europe/London"), NOW) == "Sat 12:30 AM"
    assert local_start("2026-12-25T17:00Z", LA, NOW) == "12/25 9:00 AM"
    assert local_start(None, LA, NOW) == ""
    assert local_start("not a time", LA, NOW) == ""


def test_each_program_gets_its_markup_escaped() -> None:
    hostile = replace(game("1"), away=Team("x", "#[fg=red]%{F#f00}<b>&", 1))
    found = see([hostile])
    assert for_program("tmux", found, " | ").startswith("##[fg=red]%{F##f00}<b>& 1-50")
    assert for_program("polybar", found, " | ").startswith("#[fg=red]% {F#f00}<b>& 1-50")
    assert for_program("plain", found, " | ").startswith("#[fg=red]%{F#f00}<b>& 1-50")
    bar = json.loads(for_program("waybar", found, " | ", scored=True, tooltip=["a<b", "c"]))
    assert bar["text"].startswith("#[fg=red]%{F#f00}&lt;b&gt;&amp; 1-50")
    assert bar["tooltip"] == "a&lt;b\nc"
    assert bar["class"] == ["live", "scored"] and bar["alt"] == "live"


def test_a_stale_feed_is_said_on_the_line_and_in_the_class() -> None:
    found = see([game("1")])
    assert for_program("plain", found, " | ", stale=True).endswith(" (stale)")
    assert json.loads(for_program("waybar", found, " | ", stale=True))["class"] == [
        "live",
        "stale",
    ]
    # nothing to show yet and the feed failing: the line says so rather than going blank
    assert for_program("plain", see([]), " | ", stale=True) == "(stale)"
