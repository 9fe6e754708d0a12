"""The table fits the terminal: never taller or wider than it, every shown game's teams
named, the most important games first with "+N more" for the rest, names as long as the
width allows, and columns that keep their width while a game goes on."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from rich.cells import cell_len
from rich.console import Console

from livescore.core.health import Health
from livescore.core.model import Game, Team
from livescore.core.teams import parse_teams
from livescore.render.table import plan, render_board

NOW = datetime(2026, 12, 4, 23, 0, tzinfo=UTC)

SHAPES = [  # sport, league, detail, scores, names (home, away)
    ("basketball", "nba", "8:41 - 4th", (101, 99), ("Boston Celtics", "Philadelphia 76ers")),
    ("soccer", "epl", "90'+4'", (2, 1), ("Wolverhampton Wanderers", "Brighton & Hove Albion")),
    ("football", "nfl", "12:34 - 2nd", (14, 10), ("Kansas City Chiefs", "Jacksonville Jaguars")),
    ("baseball", "mlb", "Bottom 7th", (3, 2), ("Los Angeles Dodgers", "San Francisco Giants")),
    ("hockey", "nhl", "End of 2nd", (2, 2), ("Tampa Bay Lightning", "Columbus Blue Jackets")),
    ("cricket", "t20 blast", "Surrey 146/10 (14.3 ov)", (146, 0), ("Surrey", "Kent Spitfires")),
    ("soccer", "usa mls next pro league", "67'", (0, 0), ("Vancouver Whitecaps 2", "Austin II")),
]


def slate(count: int = 21) -> list[Game]:
    games = []
    for i in range(count):
        sport, league, detail, (hs, as_), (home, away) = SHAPES[i % len(SHAPES)]
        state = ("in", "pre", "post")[i % 3]
        scores = (None, None) if state == "pre" else (hs, as_)
        games.append(
            Game(
                "espn", league, sport, str(100 + i), state,  # type: ignore[arg-type]
                "Final" if state == "post" else detail,
                Team(home, home[:3].upper(), scores[0], short=home.split()[-1]),
                Team(away, away[:3].upper(), scores[1], short=away.split()[-1]),
                start=f"2026-12-05T0{i % 9}:00:00Z",
            )
        )  # fmt: skip
    return games


def draw(games: list[Game], width: int, height: int | None, **more: object) -> list[str]:
    health = Health()
    health.ok("espn nba", NOW)
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    board = render_board(
        games, now=NOW, health=health, title="livescore · everything", width=width,
        height=height, **more,  # type: ignore[arg-type]
    )  # fmt: skip
    console.print(board)
    return console.export_text().splitlines()


@pytest.mark.parametrize("width", [40, 60, 80, 120])
@pytest.mark.parametrize("height", [10, 12, 16, 20, 24, 30, 40])
def test_every_size_fits_names_every_shown_team_and_counts_the_rest(
    width: int, height: int
) -> None:
    games = slate()
    assert plan(games, width, NOW).used() <= width  # Rich never has to squeeze a column
    lines = draw(games, width, height)
    assert len(lines) <= height
    assert all(cell_len(line) <= width for line in lines), lines
    assert lines[0].startswith("livescore")
    headers = ("League", "Game", "Status")
    rows = [line for line in lines[1:-1] if line.strip() and not line.startswith("+")]
    rows = [line for line in rows if line.split()[0] not in headers]
    assert all(any(_named(g, row) for g in games) for row in rows)  # both teams named
    more = [line for line in lines if line.startswith("+")]
    if len(rows) < len(games):
        assert more and more[0].startswith(f"+{len(games) - len(rows)} more")
    else:
        assert not more
    assert lines[-1].startswith("21 games")


def _named(game: Game, row: str) -> bool:
    return all(
        any(text and text in row for text in (t.name, t.short, t.abbr))
        for t in (game.home, game.away)
    )


def test_live_games_come_first_then_favourites_then_upcoming_then_finished() -> None:
    games = slate()
    favourites = parse_teams(["Kent Spitfires"])
    lines = draw(games, 120, 12, favourites=favourites)
    live = [g for g in games if g.state == "in"]
    body = "\n".join(lines)
    assert all(_named(g, body) for g in live)  # the 7 live games all show
    kent = [g for g in games if g.away.name == "Kent Spitfires" and g.state != "in"]
    assert any(_named(g, body) for g in kent)


def test_width_tiers_full_names_then_short_then_abbreviations() -> None:
    games = slate(7)
    assert plan(games, 160, NOW).tier == "name"
    assert plan(games, 60, NOW).tier == "short"
    assert plan(games, 40, NOW).tier == "abbr"
    assert plan(games, 160, NOW).league > 0
    wide = draw(games, 160, 40)
    assert any("Wolverhampton Wanderers" in line for line in wide)
    narrow = draw(games, 40, 40)
    assert any("WOL" in line and "BRI" in line for line in narrow)


def test_the_league_column_gives_way_before_the_names() -> None:
    games = slate(7)
    assert plan(games, 160, NOW).league == len("USA MLS NEXT PRO LEAGUE")  # uncut
    at = plan(games, 100, NOW)  # full names fit with the League column cut to 10
    assert (at.tier, at.league) == ("name", 10)
    at = plan(games, 94, NOW)  # then to its header's width
    assert (at.tier, at.league) == ("name", len("League"))
    at = plan(games, 90, NOW)  # and here only without it
    assert (at.tier, at.league) == ("name", 0)
    cut = "\n".join(draw(games, 100, 40))
    assert "USA MLS N…" in cut  # cut where room runs out, and says so


@pytest.mark.parametrize("width", [40, 60, 80, 84, 92, 100, 120, 160])
def test_every_column_keeps_its_header(width: int) -> None:
    """Abbreviations or a narrow League column still have their labels."""
    for games in (slate(7), slate(7)[:1], [g for g in slate(14) if g.sport == "soccer"]):
        header = draw(games, width, 40)[1]
        layout = plan(games, width, NOW)
        assert "Game" in header and "Status" in header, (width, header)
        assert ("League" in header) == (layout.league > 0), (width, header)


def test_soccer_shows_home_first_and_us_sports_away_first() -> None:
    games = slate(2)
    lines = "\n".join(draw(games, 160, 20))
    assert lines.index("Philadelphia 76ers") < lines.index("Boston Celtics")  # away @ home
    assert lines.index("Wolverhampton") < lines.index("Brighton")  # home v away


def test_columns_keep_their_width_as_the_status_and_score_change() -> None:
    games = slate(7)
    first = plan(games, 100, NOW)
    later = [replace(g, detail="9:59 - 1st", home=replace(g.home, score=7)) for g in games]
    again = first.grown(plan(later, 100, NOW))
    assert (again.team, again.league, again.tier) == (first.team, first.league, first.tier)
    assert again.status >= first.status - 0 and again.used() <= 100


def test_the_first_frame_holds_the_scores_to_come() -> None:
    """Before the start the columns already have room for what the games' scores grow to
    (a basketball hundred, cricket's runs and wickets): the demo's slate keeps one layout
    from its first frame to its last."""
    before = [replace(g, state="pre", home=replace(g.home, score=None),
                      away=replace(g.away, score=None)) for g in slate(7)]  # fmt: skip
    for width in (80, 100, 120):
        first, last = plan(before, width, NOW), plan(slate(7), width, NOW)
        assert (first.tier, first.league, first.score) == (last.tier, last.league, last.score)


def test_a_grown_plan_never_outgrows_the_width() -> None:
    games = slate(7)
    first = plan(games, 90, NOW)
    longer = [replace(g, detail="Rain Delay, Bottom of the 7th inning") for g in games]
    later = plan(longer, 90, NOW)
    for kept, fresh in ((first, later), (later, first)):
        assert kept.grown(fresh).used() <= 90


def individual_slate() -> list[Game]:
    def side(name: str, score: int | None = None) -> Team:
        return Team(name, name.split()[-1][:6].upper(), score, short=name)

    field = [{"pos": 1, "name": "Rickie Fowler", "score": "-14"}, {"pos": 2, "name": "K. Bradley"}]
    return [
        Game("espn", "atp", "tennis", "t1", "in", "3rd", side("Elena Rybakina", 1),
             side("Marketa Vondrousova", 1), format="match",
             situation={"sets": [{"home": 4, "away": 6}, {"home": 7, "away": 5}],
                        "event": "US Open"}),
        Game("espn", "ufc", "mma", "m1", "post", "Final", side("Sergey Morozov"),
             side("Journey Newson"), format="match",
             situation={"round": 3, "time": "5:00", "class": "Bantamweight", "winner": "home"}),
        Game("espn", "pga", "golf", "g1", "in", "Round 4 - In Progress", side("Rickie Fowler"),
             side("K. Bradley"), format="field", situation={"event": "ZOZO CHAMPIONSHIP",
                                                            "field": field}),
        Game("espn", "nascar", "racing", "r1", "pre", "5/3 - 3:30 PM EDT", side("TBD"),
             side("TBD"), format="field", situation={"event": "NASCAR Cup Series at Texas"}),
    ]  # fmt: skip


@pytest.mark.parametrize("width", [40, 60, 80, 120])
@pytest.mark.parametrize("height", [10, 20, 40])
def test_matches_and_fields_fit_and_say_who_is_playing(width: int, height: int) -> None:
    games = individual_slate()
    lines = draw(games, width, height)
    assert len(lines) <= height and all(cell_len(line) <= width for line in lines)
    body = "\n".join(lines)
    assert "RYBAKI" in body or "Rybakina" in body  # a match: both players, home first
    assert body.index("RYBAKI" if "RYBAKI" in body else "Rybakina") < body.index(
        "VONDRO" if "VONDRO" in body else "Vondrousova"
    )
    assert "ZOZO" in body and "NASC" in body  # a field: its event, then its leader
    if width >= 80:
        assert "1. Rickie Fowler -14" in body and "4-6 7-5" in body


def test_a_leaderboard_shows_its_next_places_and_always_the_favourites_when_there_is_room() -> None:
    field = [{"pos": i, "name": f"Golfer {i}", "score": f"-{20 - i}"} for i in range(1, 11)]
    golf = Game("espn", "pga", "golf", "g1", "in", "Round 4", Team("Golfer 1", "G1"),
                Team("Golfer 2", "G2"), format="field",
                situation={"event": "THE OPEN", "field": field})  # fmt: skip
    favourites = parse_teams(["Golfer 7"])
    body = "\n".join(draw([golf], 100, 20, favourites=favourites))
    assert "1. Golfer 1 -19" in body and "★ 7. Golfer 7 -13" in body and "2. Golfer 2" in body
    tight = draw([golf], 100, 4, favourites=favourites)  # title, leader, the favourite, footer
    assert len(tight) <= 4 and "★ 7. Golfer 7" in "\n".join(tight)
