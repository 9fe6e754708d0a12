"""`livescore demo` runs the real pipeline offline, from before tip-off to final."""

from __future__ import annotations

import json
import time

from tests.helpers import jsonl, run_cli


def test_demo_plays_every_game_to_the_end() -> None:
    started = time.monotonic()
    result = run_cli("demo", "--speed", "30", "--json", timeout=60)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
    events = jsonl(result.stdout)
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    last: dict[str, dict] = {}
    for e in events:
        last[e["id"]] = e
    assert len(last) == 8
    assert {e["state"] for e in last.values()} == {"post"}
    assert {e["league"] for e in last.values()} >= {"nba", "epl", "T20 Blast"}
    assert {e["source"] for e in last.values()} == {"espn", "sportrix"}
    assert {e["sport"] for e in last.values()} == {"basketball", "soccer", "cricket"}
    kinds = {e["event"] for e in events}
    assert {"snapshot", "score", "status", "clock"} <= kinds
    # every game was seen before it started and then live
    for game_id in last:
        states = [e["state"] for e in events if e["id"] == game_id]
        assert states[-1] == "post"
    assert any(e["detail"] == "Postponed" for e in last.values())
    assert result.stderr == ""


def test_demo_lines_format() -> None:
    result = run_cli("demo", "--speed", "60", "--format", "lines", "--team", "ARS", timeout=60)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines and all("ARS" in line for line in lines)


def test_demo_lines_line_up_across_leagues() -> None:
    """Every league's games start in the same column: names padded, long ones cut with an
    ellipsis (ESPN's USA MLS NEXT PRO and Sweden's league, Sportrix's T20 Blast)."""
    result = run_cli("demo", "--speed", "60", "--format", "lines", timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    labels = {line[10:20] for line in lines}
    assert {"EPL       ", "NBA       ", "T20 BLAST "} <= labels
    assert any(label.endswith("…") for label in labels)
    assert all(line[20] == " " and line[21] != " " for line in lines)


def test_demo_record_gives_a_recording_that_replays_to_the_same_events(tmp_path) -> None:  # type: ignore[no-untyped-def]
    recording = tmp_path / "demo.jsonl"
    live = run_cli("demo", "--speed", "30", "--json", "--record", str(recording), timeout=90)
    assert live.returncode == 0, live.stderr
    replayed = run_cli("replay", str(recording), "--speed", "0", "--json", timeout=90)
    assert replayed.returncode == 0, replayed.stderr
    assert jsonl(replayed.stdout) == jsonl(live.stdout)
    sources = {json.loads(line)["source"] for line in recording.read_text().splitlines()}
    assert {"espn", "sportrix"} <= sources
