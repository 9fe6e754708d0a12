"""A Sportrix recording replays to exactly the events the live run printed: the stream and
the replay go through one sans-I/O protocol (``sportrix/session.py``)."""

from __future__ import annotations

import json
from pathlib import Path

from websockets.asyncio.server import ServerConnection

from tests.helpers import jsonl, popen_cli, read_json_lines, run_cli
from tests.helpers import sportrix_env as env
from tests.wsserver import WsServer, frame


def _cricket(runs: int, wickets: int, overs: str, named: bool) -> dict[str, object]:
    data: dict[str, object] = {
        "match_id": 7,
        "sport": "cricket",
        "competition": "Test Series",
        "status": "live",
        "batting": "India",
        "score": {"runs": runs, "wickets": wickets, "overs": overs},
    }
    if named:  # only the first frame names both sides; later ones only the batting side
        data.update(home="India", away="Australia")
    return data


def test_side_less_cricket_frames_replay_as_the_live_run_printed(tmp_path: Path) -> None:
    frames = [
        frame("snapshot", _cricket(100, 2, "15.0", named=True)),
        frame("update", _cricket(104, 2, "15.1", named=False)),
        frame("update", _cricket(104, 3, "15.2", named=False)),
        frame("update", _cricket(110, 3, "15.4", named=False)),
    ]

    async def handler(server: WsServer, ws: ServerConnection, n: int) -> None:
        await server.subscriptions(ws, n, 1)
        for text in frames:
            await ws.send(text)
        await ws.wait_closed()

    recording = tmp_path / "cricket.jsonl"
    with WsServer(handler) as server:
        proc = popen_cli(
            "stream", "7", "--stream-url", server.url, "--json", "--record", str(recording),
            env=env(),
        )  # fmt: skip
        live = read_json_lines(proc, len(frames))
        proc.terminate()
        proc.communicate(timeout=10)
    assert [line["event"] for line in live] == ["snapshot", "score", "score", "score"]
    assert {line["away"]["name"] for line in live} == {"Australia"}  # never TBD
    recorded = [json.loads(line) for line in recording.read_text().splitlines()]
    assert sum(1 for r in recorded if r["source"] == "sportrix") == len(frames)

    result = run_cli("replay", str(recording), "--speed", "0", "--json", timeout=30)
    assert result.returncode == 0, result.stderr
    replayed = jsonl(result.stdout)
    assert replayed == live  # the same events, fields, times and sequence numbers
