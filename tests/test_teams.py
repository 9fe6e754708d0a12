"""One spelling of a team everywhere: abbreviation or full name, any case, LEAGUE:TEAM."""

from __future__ import annotations

from livescore.core.teams import GameFilter, TeamSpec, parse_teams
from tests.helpers import game


def test_a_team_is_its_abbreviation_or_full_name_in_any_case() -> None:
    celtics = game("1", abbr="BOS", name="Boston Celtics")
    for text in ("BOS", "bos", "Boston Celtics", "  boston   celtics ", "nba:bos", "NBA:Bos"):
        spec = TeamSpec.parse(text)
        assert spec is not None and spec.matches(celtics), text
    assert not TeamSpec.parse("Boston") or not TeamSpec.parse("Boston").matches(celtics)  # type: ignore[union-attr]
    assert not TeamSpec.parse("nhl:BOS").matches(celtics)  # type: ignore[union-attr]


def test_league_paths_name_the_alias_and_blank_specs_are_dropped() -> None:
    assert TeamSpec.parse("soccer/eng.1:ARS") == TeamSpec("ARS", "epl")
    assert TeamSpec.parse(":ARS") == TeamSpec("ARS", None)
    assert parse_teams(["", " ", "bos", "BOS"]) == (TeamSpec("BOS"),)
    assert str(TeamSpec("ARS", "epl")) == "epl:ARS"


def test_the_filter_needs_a_league_and_a_team_when_both_are_given() -> None:
    bos, lal = game("1", abbr="BOS"), game("2", abbr="LAL", league="nba")
    wnba = game("3", abbr="LAL", league="wnba")
    assert GameFilter().everything and GameFilter()(bos)
    only = GameFilter.of(leagues=["NBA", "basketball/nba"], teams=["lal"])
    assert [only(g) for g in (bos, lal, wnba)] == [False, True, False]
    assert GameFilter.of(leagues=["Premier League"]).leagues == frozenset({"premier league"})


def test_a_team_is_found_by_the_short_name_the_table_shows() -> None:
    from livescore.core.model import Game, Team
    from livescore.core.teams import GameFilter, parse_teams

    game = Game(
        "espn", "nba", "basketball", "1", "in", "Q1",
        Team("Boston Celtics", "BOS", 3, "Celtics"), Team("New York Knicks", "NY", 2, "Knicks"),
    )  # fmt: skip
    for spelling in ("celtics", "BOS", "boston celtics", "nba:Knicks"):
        assert GameFilter(teams=parse_teams([spelling]))(game), spelling
    assert not GameFilter(teams=parse_teams(["Lakers"]))(game)
