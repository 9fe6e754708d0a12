"""The sports day: a game still live after midnight US-Eastern stays on the board until it
ends, from the previous day's scoreboard; under a fixed clock from 23:00 to 07:00 ET."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx
import pytest

from livescore.core.board import Board
from livescore.core.leagues import resolve
from livescore.core.model import Notice, SourceItem, Update
from livescore.espn.poller import EspnPoller
from livescore.espn.sportsday import previous_day, us_eastern
from livescore.sim.http import Request, Response, serve
from tests.espn.test_poller import FakeTime
from tests.helpers import board_json, event, status

PRE = status("pre", "STATUS_SCHEDULED", "7:30 PM ET", "0:00", None, description="Scheduled")
FINAL = status("post", "STATUS_FINAL", "Final", "0:00", 4, completed=True, description="Final")
START = datetime(2026, 12, 5, 4, 0, tzinfo=UTC)  # Fri 4 Dec, 23:00 in New York


def _new_york() -> ZoneInfo | None:
    try:
        return ZoneInfo("America/New_York")
    except ZoneInfoNotFoundError:  # pragma: no cover (a machine without a tz database)
        return None


@pytest.mark.skipif(_new_york() is None, reason="no tz database to compare with")
def test_us_eastern_agrees_with_the_tz_database_every_hour_of_two_years() -> None:
    zone = _new_york()
    when = datetime(2026, 1, 1, tzinfo=UTC)
    while when < datetime(2028, 1, 1, tzinfo=UTC):
        assert us_eastern(when) == when.astimezone(zone).replace(tzinfo=None), when
        when += timedelta(minutes=30)


def test_the_previous_day_is_polled_only_until_the_day_ends() -> None:
    assert previous_day(START) is None  # 23:00 ET: today is still today
    assert previous_day(START + timedelta(hours=1, minutes=30)) == "20261204"  # 00:30 ET
    assert previous_day(START + timedelta(hours=6, minutes=59)) == "20261204"  # 05:59 ET
    assert previous_day(START + timedelta(hours=7)) is None  # 06:00 ET
    assert previous_day(START + timedelta(hours=1, minutes=30), day_ends=0) is None
    summer = datetime(2026, 7, 4, 4, 30, tzinfo=UTC)  # 00:30 EDT
    assert previous_day(summer) == "20260703"


class Slates:
    """ESPN as the fake clock has it: the default scoreboard is the current ET day's; the
    late game (22:00 ET on the 4th) runs until 01:30 ET on the 5th."""

    def __init__(self, time: FakeTime) -> None:
        self.time = time
        self.asked: list[tuple[datetime, str | None]] = []
        early = event("7", home=("LAL", "101"), away=("GS", "99"), st=FINAL)
        early["date"] = "2026-12-04T18:00Z"
        self.early = early
        tomorrow = event("8", home=("NYK", ""), away=("MIA", ""), st=PRE)
        tomorrow["date"] = "2026-12-06T00:30Z"
        self.tomorrow = tomorrow

    def late(self) -> dict:
        ended = datetime(2026, 12, 5, 6, 30, tzinfo=UTC)
        now = min(self.time.now, ended)
        done = now >= ended
        score = str(100 + int((now - START).total_seconds() // 1800))
        game = event("5", home=("BOS", score), away=("PHI", "98"), st=FINAL if done else None)
        game["date"] = "2026-12-05T03:00Z"
        return game

    def __call__(self, request: Request) -> Response:
        day = request.query.get("dates", [None])[0]
        self.asked.append((self.time.now, day))
        if day == "20261204" or (day is None and us_eastern(self.time.now).day == 4):
            return Response(200, board_json(self.early, self.late()))
        if day is None:
            return Response(200, board_json(self.tomorrow))
        return Response(400, b'{"code":400,"message":"Failed to get events endpoint."}')


async def _until(url: str, time: FakeTime, end: datetime) -> list[SourceItem]:
    out: list[SourceItem] = []
    async with httpx.AsyncClient() as client:
        poller = EspnPoller(
            [resolve("nba")],
            client,
            base_url=url,
            interval=1800,
            idle_interval=1800,
            clock=time.clock,
            sleep=time.sleep,
        )
        async for item in poller:
            out.append(item)
            if time.now >= end:
                break
    return out


def test_a_game_live_past_midnight_et_stays_on_the_board_until_it_ends() -> None:
    time = FakeTime()
    time.now = START
    slates = Slates(time)
    with serve(slates) as url:
        items = asyncio.run(_until(url, time, START + timedelta(hours=8)))
    board = Board()
    seen: dict[datetime, dict[str, str]] = {}
    for item in items:
        assert isinstance(item, Update), item
        board.update(item.games, item.at)
        seen[item.at] = {g.id: g.state for g in item.games}
    late_game = {at: ids.get("5") for at, ids in seen.items()}
    midnight = START + timedelta(hours=1)
    assert all(late_game[at] == "in" for at in late_game if at < START + timedelta(hours=2.5))
    assert late_game[START + timedelta(hours=2.5)] == "post"  # 01:30 ET: its final arrives
    assert late_game[START + timedelta(hours=3)] == "post"  # still carried: followed to its end
    assert all(v is None for at, v in late_game.items() if at >= START + timedelta(hours=7))
    # the 13:00 ET game, long over, is not carried past midnight; tomorrow's slate is there
    assert all("7" not in ids for at, ids in seen.items() if at >= midnight)
    assert all("8" in ids for at, ids in seen.items() if at >= midnight)
    final = {g.id: g for g in board}["5"]
    assert (final.state, final.home.score) == ("post", 105)
    # one day at a time, and only between midnight and 06:00 ET
    dated = [(at, day) for at, day in slates.asked if day is not None]
    assert dated and all(day == "20261204" for _, day in dated)
    assert all(midnight <= at < START + timedelta(hours=7) for at, _ in dated)


def test_the_previous_day_failing_is_one_notice_and_today_goes_on() -> None:
    time = FakeTime()
    time.now = START + timedelta(hours=2)  # 01:00 ET

    def handler(request: Request) -> Response:
        if request.query.get("dates"):
            return Response(503, b"<html>busy</html>", {"Content-Type": "text/html"})
        return Response(200, board_json(event("8", home=("NYK", "1"), away=("MIA", "0"))))

    with serve(handler) as url:
        items = asyncio.run(_until(url, time, time.now + timedelta(hours=2)))
    notices = [i for i in items if isinstance(i, Notice)]
    updates = [i for i in items if isinstance(i, Update)]
    assert len(notices) == 1 and "20261204 scoreboard" in notices[0].message
    assert len(updates) >= 4 and all(u.games[0].id == "8" for u in updates)


def test_a_doubleheader_is_two_games_each_with_its_own_state() -> None:
    from tests.helpers import jsonl, ok, run_cli

    first = event("31", home=("BOS", "3"), away=("NYY", "2"), st=FINAL)
    second = event("32", home=("BOS", ""), away=("NYY", ""), st=PRE)
    with serve(lambda request: ok(first, second)) as url:
        result = run_cli("watch", "mlb", "--espn-url", url, "--once", "--json", "--team", "BOS")
    lines = jsonl(result.stdout)
    assert result.returncode == 0, result.stderr
    assert sorted((x["id"], x["state"]) for x in lines) == [("31", "post"), ("32", "pre")]


def test_a_day_end_out_of_range_is_refused() -> None:
    from tests.helpers import cli_env, run_cli

    result = run_cli("watch", "nba", "--once", env=cli_env(LIVESCORE_DAY_ENDS="13"))
    assert result.returncode == 2
    assert (
        result.stderr
        == "livescore: error: LIVESCORE_DAY_ENDS must be an hour from 0 to 12, got 13\n"
    )
