"""The demo's scripted Sportrix matches play as the real thing would: a cricket match is two
innings (all out or 20 overs, then a chase that stops once past the target) and a soccer
match scores no goal at half time."""

from __future__ import annotations

from livescore.sim.sportrix_games import is_over, schedule, snapshot


def _moments(start: float, length: float) -> list[float]:
    return [start - 1 + i * (length + 2) / 2000 for i in range(2001)]


def test_cricket_is_two_innings_and_ends_with_the_chase() -> None:
    for seed in range(30):
        match = next(m for m in schedule(seed) if m.sport == "cricket")
        frames = [snapshot(match, t) for t in _moments(match.start, match.length)]
        first = [f for f in frames if f["batting"] == match.home and f["status"] != "not_started"]
        chase = [f for f in frames if f["batting"] == match.away]
        assert first and chase, seed
        total = first[-1]["score"]["runs"]
        for innings in (first, chase):
            wickets = [f["score"]["wickets"] for f in innings]
            overs = [f["score"]["overs"] for f in innings]
            assert max(wickets) <= 10 and max(overs) <= 20.0, seed
            assert wickets == sorted(wickets) and overs == sorted(overs), seed
            all_out = [f for f in innings if f["score"]["wickets"] == 10]
            assert len({f["score"]["runs"] for f in all_out}) <= 1, seed  # no runs after all out
        assert all(f["score"]["runs"] <= total + 6 for f in chase), seed  # stops past the target
        assert frames[-1]["status"] == "finished" and is_over(match, match.start + match.length)
        end = next(i for i, f in enumerate(frames) if f["status"] == "finished")
        assert all(f == frames[end] for f in frames[end:]), seed  # nothing after the end


def test_no_goal_at_half_time() -> None:
    for seed in range(30):
        for match in (m for m in schedule(seed) if m.sport == "soccer"):
            frames = [snapshot(match, t) for t in _moments(match.start, match.length)]
            at_break = [(f["score"], f["stats"]) for f in frames if f["status"] == "ht"]
            assert at_break and all(x == at_break[0] for x in at_break), seed
            finals = frames[-1]["score"]
            assert finals["home"] + finals["away"] == len(match.goals), seed
