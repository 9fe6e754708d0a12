"""The summary parser against every real summary in the shared fixtures, each fact checked
against an independent reading of the raw JSON (scoring plays, final scores, team totals,
leaders, win probability joined by play id), and against hostile and truncated input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from livescore.core.errors import ParseError
from livescore.core.leagues import resolve
from livescore.espn.detail.model import Detail
from livescore.espn.detail.parse import parse_summary
from tests.helpers import DETAIL, SKIP_SHARED

SUMMARIES = sorted(DETAIL.glob("summary_*.json")) if DETAIL.is_dir() else []
pytestmark = pytest.mark.skipif(not SUMMARIES, reason=SKIP_SHARED)


def league_of(path: Path) -> str:
    slug = path.name.removeprefix("summary_").split("_")[0]
    return "soccer/fifa.world" if slug == "fifa.world" else slug


def load(name: str) -> tuple[dict[str, Any], Detail]:
    path = next(p for p in SUMMARIES if name in p.name)
    raw = json.loads(path.read_bytes())
    return raw, parse_summary(raw, resolve(league_of(path)))


@pytest.mark.parametrize("path", SUMMARIES, ids=lambda p: p.name[:40])
def test_every_summary_parses_and_its_last_scoring_play_is_the_final_score(path: Path) -> None:
    raw = json.loads(path.read_bytes())
    detail = parse_summary(raw, resolve(league_of(path)))
    game = detail.game
    comp = raw["header"]["competitions"][0]
    for side in ("home", "away"):
        competitor = next(c for c in comp["competitors"] if c["homeAway"] == side)
        team = getattr(game, side)
        assert team.abbr == competitor["team"]["abbreviation"]
        assert team.score == (int(competitor["score"]) if "score" in competitor else None)
    if game.state == "post":
        last = detail.scoring[-1]
        assert (last.home_score, last.away_score) == (game.home.score, game.away.score)
    ids = [p.id for p in detail.plays]
    assert len(ids) == len(set(ids))  # each play once
    assert all(p.scoring for p in detail.scoring)


def test_nfl_scoring_plays_are_espns_scoring_plays_and_drives_hold_every_play() -> None:
    raw, detail = load("summary_nfl_post")
    theirs = [(p["id"], p["homeScore"], p["awayScore"]) for p in raw["scoringPlays"]]
    assert [(p.id, p.home_score, p.away_score) for p in detail.scoring] == theirs
    assert len(detail.drives) == len(raw["drives"]["previous"])
    every = {p["id"] for d in raw["drives"]["previous"] for p in d["plays"]}
    assert {p.id for p in detail.plays} == every
    assert all(p.side is not None for p in detail.scoring)  # credited by the score it raised


def test_baseball_scores_the_at_bat_not_every_pitch_of_it() -> None:
    raw, detail = load("summary_mlb_post")
    flagged = [p for p in raw["plays"] if p.get("scoringPlay")]
    results = [p for p in flagged if p["type"].get("type") == "play-result"]
    assert len(flagged) > len(results) == len(detail.scoring) == 9
    runs = sum(p.value or 0 for p in detail.scoring)
    assert runs == detail.game.home.score + detail.game.away.score  # type: ignore[operator]
    assert detail.hits_errors is not None
    home = next(
        c for c in raw["header"]["competitions"][0]["competitors"] if c["homeAway"] == "home"
    )
    assert detail.hits_errors[0] == (home["hits"], home["errors"])
    assert [p.id for p in detail.plays] == [p["id"] for p in raw["plays"]]  # ESPN's order


def test_win_probability_is_joined_by_play_id_not_by_position() -> None:
    raw, detail = load("summary_nba_in")
    by_id = {w["playId"]: w["homeWinPercentage"] for w in raw["winprobability"]}
    joined = [p for p in detail.plays if p.win is not None]
    assert joined and all(p.win == round(by_id[p.id], 3) for p in joined)
    assert len(joined) == len(set(by_id) & {p.id for p in detail.plays})
    last = raw["winprobability"][-1]
    home = round(last["homeWinPercentage"], 3)
    assert detail.win == (home, round(1 - home - last.get("tiePercentage", 0), 3))
    # live: the predictor's one-sided projection gives both sides
    assert detail.predictor == (0.437, 0.563)


def test_box_score_and_leaders_read_by_name() -> None:
    raw, detail = load("summary_nba_post")
    stats = dict(detail.teams)
    for team in raw["boxscore"]["teams"]:
        ours = {s.name: s.value for s in stats[team["homeAway"]]}
        assert ours == {s["name"]: s["displayValue"] for s in team["statistics"]}
    competitors = raw["header"]["competitions"][0]["competitors"]
    home_id = next(c["team"]["id"] for c in competitors if c["homeAway"] == "home")
    raw_group = next(p for p in raw["boxscore"]["players"] if p["team"]["id"] == home_id)
    group = next(g for g in detail.players if g.side == "home")
    assert list(group.keys) == raw_group["statistics"][0]["keys"]
    points = group.keys.index("points")
    scored = sum(int(p.stats[points]) for p in group.players if len(p.stats) > points)
    assert scored == detail.game.home.score
    names = {(x.side, x.category): x.name for x in detail.leaders}
    for team in raw["leaders"]:
        side = next(c["homeAway"] for c in competitors if c["team"]["id"] == team["team"]["id"])
        for category in team["leaders"]:
            best = category["leaders"][0]["athlete"]["displayName"]
            assert names[(side, category["displayName"])] == best


def test_soccer_key_events_are_the_plays_with_the_score_counted() -> None:
    raw, detail = load("summary_fifa.world")
    assert len(detail.plays) == len(raw["keyEvents"])
    goals = [k for k in raw["keyEvents"] if k.get("scoringPlay")]
    assert [p.id for p in detail.scoring] == [g["id"] for g in goals]
    assert len(detail.commentary) == len([c for c in raw["commentary"] if c.get("text")])
    assert detail.odds and detail.odds[0].provider == "DraftKings"


def test_before_the_start_there_are_no_plays_and_the_predictor_speaks() -> None:
    _, detail = load("summary_nba_pre")
    assert detail.game.state == "pre" and detail.plays == () and detail.scoring == ()
    assert detail.win is None and detail.predictor is not None
    assert abs(sum(detail.predictor) - 1) < 0.01
    assert detail.players == ()  # season averages only, as ESPN gives them
    assert detail.teams


def test_missing_sections_are_empty_and_hostile_text_is_cleaned() -> None:
    raw, _ = load("summary_nba_in")
    bare = {"header": raw["header"]}
    detail = parse_summary(bare, resolve("nba"))
    assert (detail.plays, detail.players, detail.leaders, detail.teams) == ((), (), (), ())
    evil = json.loads(json.dumps(raw))
    evil["plays"][-1]["text"] = "\x1b]2;pwned\x07[bold]x[/] \x1b[31mred"
    evil["plays"][0] = "not a play"
    evil["boxscore"]["players"] = [{"statistics": "nope"}]
    evil["winprobability"] = [{"homeWinPercentage": "NaN", "playId": {}}]
    detail = parse_summary(evil, resolve("nba"))
    assert detail.plays[-1].text == "[bold]x[/] red"
    assert detail.players == () and detail.win is None


@pytest.mark.parametrize("bad", [None, [], "x", {"header": {}}, {"header": {"competitions": [1]}}])
def test_a_summary_without_a_game_is_a_parse_error(bad: object) -> None:
    with pytest.raises(ParseError):
        parse_summary(bad, resolve("nba"))


def test_a_cache_gives_the_same_plays_and_sees_every_change() -> None:
    """Polled again, only new or changed plays are read afresh: the result is what a fresh
    read gives, a changed text, a new score and a new win probability included."""
    from livescore.espn.detail.plays import PlayCache

    raw, fresh = load("summary_nba_in")
    cache = PlayCache()
    league = resolve("nba")
    assert parse_summary(raw, league, cache).plays == fresh.plays
    assert parse_summary(raw, league, cache).plays == fresh.plays  # all from the cache
    changed = json.loads(json.dumps(raw))
    changed["plays"][5]["text"] = "a correction"
    changed["plays"][-1]["homeScore"] = 99
    changed["winprobability"][-1]["homeWinPercentage"] = 0.5
    changed["plays"].insert(
        10, {**changed["plays"][10], "id": "new-play", "sequenceNumber": "9999"}
    )
    again = parse_summary(changed, league, cache)
    assert again.plays == parse_summary(changed, league).plays
    assert again.plays[5].text == "a correction" and again.plays[-1].home_score == 99


@pytest.mark.parametrize("path", SUMMARIES, ids=lambda p: p.name[:40])
def test_plays_read_from_their_texts_are_what_a_plain_json_read_gives(path: Path) -> None:
    """The poll's decoding (each play kept as its JSON text, only new texts decoded) gives
    the same detail as reading the whole summary with json.loads, first poll and again."""
    from livescore.espn.detail.plays import PlayCache
    from livescore.espn.detail.shapes import decode_summary

    body = path.read_bytes()
    league = resolve(league_of(path))
    plain = parse_summary(json.loads(body), league)
    cache = PlayCache()
    assert parse_summary(decode_summary(body), league, cache) == plain
    assert parse_summary(decode_summary(body), league, cache) == plain  # from the cache
    assert parse_summary(decode_summary(body), league) == plain  # without one


def test_plays_from_texts_see_every_change_and_odd_entries() -> None:
    """A corrected play, a new one in the middle, a renumbering and entries that are not
    plays: the cached read of the texts is what a fresh plain read gives, every time."""
    from livescore.espn.detail.plays import PlayCache
    from livescore.espn.detail.shapes import decode_summary

    raw, _ = load("summary_nba_in")
    league = resolve("nba")
    cache = PlayCache()

    def both(data: dict[str, Any]) -> None:
        body = json.dumps(data).encode()
        assert parse_summary(decode_summary(body), league, cache) == parse_summary(data, league)

    both(raw)
    changed = json.loads(json.dumps(raw))
    changed["plays"][5]["text"] = "a correction"
    changed["plays"][-1]["homeScore"] = 99
    changed["plays"].insert(10, {**changed["plays"][10], "id": "new", "sequenceNumber": "9999"})
    both(changed)
    changed["plays"][20]["sequenceNumber"] = changed["plays"][21]["sequenceNumber"]
    both(changed)  # numbers no longer unique: every play numbered by its place
    changed["plays"][3:3] = [7, "text", None, [1], {"deep": [[[[[[[[[[]]]]]]]]]]}]
    both(changed)
    both(raw)
    both({**raw, "plays": {"not": "a list"}})  # read loosely, as the parser finds it


def test_a_followed_game_reads_only_its_new_plays_each_poll() -> None:
    """``game`` and ``watch --plays`` poll through SummaryFollower: the second poll of the same
    summary gives the very same play objects (from the game's cache), a new play is read."""
    import asyncio

    import httpx

    from livescore.espn.summary import SummaryFollower
    from livescore.sim.http import Request, Response, serve

    raw, _ = load("summary_nba_in")
    bodies = [json.dumps(raw).encode(), json.dumps(raw).encode()]
    grown = json.loads(json.dumps(raw))
    grown["plays"].append({**grown["plays"][-1], "id": "new-play", "sequenceNumber": "999999"})
    bodies.append(json.dumps(grown).encode())

    def app(request: Request) -> Response:
        return Response(200, bodies.pop(0))

    async def main(url: str) -> None:
        async with httpx.AsyncClient() as client:
            follower = SummaryFollower(client, resolve("nba"), "1", base_url=url)
            first, _ = await follower.fetch()
            second, _ = await follower.fetch()
            third, _ = await follower.fetch()
        assert second.plays == first.plays
        assert all(a is b for a, b in zip(first.plays, second.plays, strict=True))
        assert third.plays[:-1] == first.plays and third.plays[-1].id == "new-play"

    with serve(app) as url:
        asyncio.run(main(url))
