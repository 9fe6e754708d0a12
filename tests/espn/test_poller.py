"""The ESPN poller in process, against a real HTTP server on 127.0.0.1, with its clock, sleep
and random source injected: every wait it asks for is recorded instead of slept."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import httpx

from livescore.core.leagues import resolve
from livescore.core.model import Problem, SourceItem, Update
from livescore.espn.poller import EspnPoller
from livescore.sim.http import Response, serve
from tests.helpers import Script, event, ok, status

NOW = datetime(2026, 5, 2, 23, 0, tzinfo=UTC)


class FakeTime:
    """A clock that moves only when the poller sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = NOW
        self.sleeps: list[float] = []

    def clock(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += timedelta(seconds=seconds)
        await asyncio.sleep(0)


async def _items(url: str, count: int, time: FakeTime, **options: object) -> list[SourceItem]:
    out: list[SourceItem] = []
    async with httpx.AsyncClient() as client:
        poller = EspnPoller(
            [resolve("nba")],
            client,
            base_url=url,
            clock=time.clock,
            sleep=time.sleep,
            rng=lambda: 1.0,  # the top of each jitter range
            **options,  # type: ignore[arg-type]
        )
        async for item in poller:
            out.append(item)
            if len(out) == count:
                break
    return out


def run(
    responses: Sequence[Response], count: int, **options: object
) -> tuple[list[SourceItem], FakeTime]:
    time = FakeTime()
    with serve(Script(responses)) as url:
        items = asyncio.run(_items(url, count, time, **options))
    return items, time


def test_live_games_are_polled_at_the_interval_and_idle_slates_slowly() -> None:
    items, time = run([ok(event())], 3, interval=2.0)
    assert all(isinstance(i, Update) for i in items)
    assert time.sleeps[:2] == [2.0, 2.0]
    upcoming = event(st=status("pre", "STATUS_SCHEDULED", "7:30 PM", "0:00", None))
    upcoming["date"] = "2026-05-03T02:00Z"  # three hours away
    _, idle = run([ok(upcoming)], 2, interval=2.0, idle_interval=60.0)
    assert idle.sleeps[0] == 60.0
    _, due = run([ok(dict(upcoming, date="2026-05-02T23:00:30Z"))], 2, interval=2.0)
    assert due.sleeps[0] == 30.0  # woken for the start, not a minute later


def test_5xx_runs_back_off_exponentially_and_429_honours_retry_after() -> None:
    failing = [Response(503, b"busy")] * 5 + [Response(429, b"{}", {"Retry-After": "17"})]
    items, time = run([*failing, ok(event())], 7)
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(problems) == 6 and isinstance(items[-1], Update)
    assert time.sleeps[:5] == [2.0, 4.0, 8.0, 16.0, 32.0]  # rng at 1.0: the top of each range
    assert time.sleeps[5] == 60.0  # capped; Retry-After 17 is shorter, so the backoff stands
    assert "HTTP 429" in problems[-1].message and "rate limited" in problems[-1].message
    assert problems[0].retry_at == NOW + timedelta(seconds=2.0)
    _, honoured = run([Response(429, b"{}", {"Retry-After": "45"}), ok(event())], 2)
    assert honoured.sleeps[0] == 45.0


def test_a_success_resets_the_backoff() -> None:
    responses = [Response(500), Response(500), ok(event()), Response(500), ok(event())]
    _, time = run(responses, 5, interval=3.0)
    assert time.sleeps[:4] == [2.0, 4.0, 3.0, 2.0]


def test_once_gives_up_after_three_tries_and_a_refusal_at_once() -> None:
    items, time = run([Response(502)], 3, once=True)
    assert [i.fatal for i in items if isinstance(i, Problem)] == [False, False, True]
    assert len(time.sleeps) == 2
    refused, _ = run([Response(403, b"<html><title>Access Denied</title></html>")], 1, once=True)
    problem = refused[0]
    assert isinstance(problem, Problem) and problem.fatal and problem.rejected
    assert "Access Denied" in problem.message


def test_every_answer_is_recorded_with_its_receive_time() -> None:
    recorded: list[tuple[str, str, datetime, int, str]] = []
    run(
        [Response(500, b"oops"), ok(event())],
        2,
        record=lambda *row: recorded.append(row),  # type: ignore[arg-type]
    )
    assert [(r[0], r[1], r[3]) for r in recorded] == [
        ("espn", "basketball/nba", 500),
        ("espn", "basketball/nba", 200),
    ]
    assert recorded[0][4] == "oops" and recorded[1][2] == NOW + timedelta(seconds=2.0)
