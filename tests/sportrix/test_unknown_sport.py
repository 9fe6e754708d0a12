"""A Sportrix sport livescore has no parser for passes on whole: every field of its data in the
`sportrix` object, every update an event; cricket frames that name only the batting side keep
the teams the match had."""

from __future__ import annotations

import json

from websockets.asyncio.server import ServerConnection

from tests.helpers import popen_cli, read_json_lines, read_lines, sportrix_env, stop
from tests.wsserver import WsServer, frame

TENNIS = {
    "match_id": 7,
    "sport": "tennis",
    "competition": "ATP Vienna",
    "status": "live",
    "home": "J. Sinner",
    "away": "A. Zverev",
    "sets": {"home": 1, "away": 0},
    "games": {"home": 3, "away": 2},
    "points": "30-15",
    "server": "home",
}


def test_every_update_of_an_unknown_sport_reaches_the_output_with_all_its_fields() -> None:
    points = ["40-15", "game", "0-0", "15-0"]

    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 1)
        await ws.send(frame("snapshot", TENNIS))
        for i, score in enumerate(points):
            games = {"home": 3 + (i >= 1), "away": 2}
            await ws.send(frame("update", {**TENNIS, "points": score, "games": games}))
        await ws.wait_closed()

    with WsServer(handler) as server:
        proc = popen_cli("stream", "7", "--stream-url", server.url, "--json", env=sportrix_env())
        lines = read_json_lines(proc, 1 + len(points))
        stop(proc)
    assert len(lines) == 1 + len(points)  # nothing dropped
    first = lines[0]
    assert (first["sport"], first["home"]["name"], first["away"]["name"]) == (
        "tennis",
        "J. Sinner",
        "A. Zverev",
    )
    assert first["sportrix"]["sets"] == {"home": 1, "away": 0}
    assert first["sportrix"]["server"] == "home"
    assert [line["sportrix"]["points"] for line in lines] == ["30-15", *points]
    assert all(line["changed"] == ["sportrix"] for line in lines[1:])


def test_cricket_frames_without_the_sides_keep_the_teams_the_match_had() -> None:
    cricket = {"match_id": 8, "sport": "cricket", "status": "live", "batting": "Kent"}

    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 1)
        named = {**cricket, "home": "Kent", "away": "Essex", "score": {"runs": 10, "wickets": 0}}
        await ws.send(frame("snapshot", named))
        await ws.send(frame("update", {**cricket, "score": {"runs": 14, "wickets": 1}}))
        await ws.wait_closed()

    with WsServer(handler) as server:
        proc = popen_cli("stream", "8", "--stream-url", server.url, "--json", env=sportrix_env())
        lines = read_json_lines(proc, 2)
        stop(proc)
    assert [(x["home"]["name"], x["away"]["name"]) for x in lines] == [("Kent", "Essex")] * 2
    assert (lines[1]["event"], lines[1]["home"]["score"]) == ("score", 14)


def test_the_side_that_batted_first_keeps_its_runs_while_the_other_chases() -> None:
    names = {"match_id": 9, "sport": "cricket", "home": "Surrey", "away": "Kent"}
    first = {**names, "status": "innings_break", "batting": "Surrey",
             "score": {"runs": 164, "wickets": 10, "overs": 19.2}}  # fmt: skip
    chase = {**names, "status": "live", "batting": "Kent",
             "score": {"runs": 12, "wickets": 1, "overs": 2.1}}  # fmt: skip

    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 1)
        await ws.send(frame("snapshot", first))
        await ws.send(frame("update", chase))
        won = {"runs": 165, "wickets": 4, "overs": 17.5}
        await ws.send(frame("update", {**chase, "status": "finished", "score": won}))
        await ws.wait_closed()

    with WsServer(handler) as server:
        proc = popen_cli("stream", "9", "--stream-url", server.url, "--format", "lines",
                         env=sportrix_env())  # fmt: skip
        lines = read_lines(proc, 3)
        stop(proc)
    assert "SUR 164/10 v KEN  Innings break" in lines[0]
    assert "SUR 164 v KEN 12/1  2.1 ov" in lines[1]
    assert "SUR 164 v KEN 165/4  Finished" in lines[2]


def test_a_frame_that_repeats_the_last_is_the_same_game_and_a_change_is_read_afresh() -> None:
    from datetime import UTC, datetime

    from livescore.core.model import Update
    from livescore.sportrix.session import SportrixSession

    session = SportrixSession()
    session.connected(["7"], resync=False)
    now = datetime(2026, 12, 7, tzinfo=UTC)
    text = json.dumps({"op": "update", "data": TENNIS})
    first, again = session.receive(text, now), session.receive(text, now)
    assert isinstance(first, Update) and isinstance(again, Update)
    assert again.games[0] is first.games[0]  # not parsed again
    changed = session.receive(
        json.dumps({"op": "update", "data": {**TENNIS, "points": "40-15"}}), now
    )
    assert isinstance(changed, Update)
    assert changed.games[0].extra["points"] == "40-15"
    escaped = json.dumps({"op": "update", "data": {**TENNIS, "home": "J.\u001b[2J Sinner"}})
    hostile = session.receive(escaped, now)
    assert isinstance(hostile, Update) and hostile.games[0].home.name == "J. Sinner"
    assert hostile.games[0].extra["home"] == "J. Sinner"  # the escape taken out whole
