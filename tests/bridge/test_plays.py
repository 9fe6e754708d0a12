"""``serve --plays`` (here ``--all-plays``): the plays of the followed games reach every
bridge client (a ``tail``, one that follows only one team) and, with ``--publish``, the
readers of the Redis stream; live only, each once."""

from __future__ import annotations

import os
from typing import Any

import pytest

from livescore.sim.http import serve
from tests.app.test_watch_plays import LIVE, Espn, slate
from tests.helpers import SKIP_SHARED, popen_cli, read_json_lines, start_bridge, stop
from tests.redisserver import RedisServer, binary

pytestmark = pytest.mark.skipif(not LIVE.is_file(), reason=SKIP_SHARED)


def plays_of(lines: list[dict[str, object]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in lines:
        if line["event"] == "play":
            play = line["play"]
            assert isinstance(play, dict)
            found.setdefault(str(line["id"]), []).append(str(play["id"]))
    return found


def until_plays(proc: Any, wanted: list[str]) -> list[dict[str, Any]]:
    """Lines until every play of ``wanted`` has come (each read with the helper's deadline)."""
    lines: list[dict[str, Any]] = []
    while not set(wanted) <= {str(x["play"]["id"]) for x in lines if x["event"] == "play"}:
        lines += read_json_lines(proc, 1, timeout=60)
    return lines


def test_bridge_clients_get_the_plays_of_the_games_they_follow() -> None:
    espn = Espn([slate("80"), slate("82")], manual=True)
    every = len(espn.raw["plays"])
    news = [p["id"] for p in espn.raw["plays"][every - 8 : every - 4]]  # poll 2's plays
    with serve(espn) as url:
        bridge, ws = start_bridge("nba", "--all-plays", "--espn-url", url, "--interval", "0.1")
        try:
            everything = popen_cli("tail", ws, "--json")
            boston = popen_cli("tail", ws, "--json", "--team", "BOS")
            assert len(read_json_lines(everything, 3)) == 3  # the snapshots: connected
            assert len(read_json_lines(boston, 1)) == 1
            espn.advance()  # game 2 scores: its new plays go to both, live
            lines = until_plays(everything, news)
            mine = until_plays(boston, news)
            stop(everything)
            stop(boston)
        finally:
            stop(bridge)
    # a tail that connected before the bridge's first summaries may get their plays (what
    # happened before): live, once; the new ones come after the score, each once
    fresh = [line for line in lines if line["event"] == "score" or line.get("play", {}).get(
        "id") in news]  # fmt: skip
    assert [line["event"] for line in fresh] == ["score"] + ["play"] * len(news)
    assert plays_of(fresh) == {"2": news}
    assert plays_of(mine)["2"][-len(news) :] == news
    assert all(line["home"]["abbr"] == "BOS" for line in mine)


@pytest.mark.skipif(binary() is None, reason="no redis-server")
def test_redis_readers_get_the_plays_too() -> None:
    if os.environ.get("CI") and binary() is None:  # pragma: no cover
        raise RuntimeError("CI must run the Redis tests")
    espn = Espn([slate("80"), slate("82")], manual=True)
    every = len(espn.raw["plays"])
    news = [p["id"] for p in espn.raw["plays"][every - 8 : every - 4]]  # poll 2's plays
    with RedisServer() as redis, serve(espn) as url:
        bridge, _ = start_bridge("nba", "--all-plays", "--espn-url", url, "--interval", "0.1",
                                 "--publish", redis.url)  # fmt: skip
        try:
            reader = popen_cli("tail", redis.url, "--json")
            assert len(read_json_lines(reader, 3)) == 3  # the state: connected
            espn.advance()
            lines = until_plays(reader, news)
            stop(reader)
        finally:
            stop(bridge)
    assert plays_of(lines)["2"][-len(news) :] == news  # (after any of the first summaries)
