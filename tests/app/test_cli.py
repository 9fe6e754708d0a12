"""The command line's boundary: a reader that closes the pipe early is no error."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import cli_env


def test_leagues_into_head_exits_0_every_time() -> None:
    for _ in range(6):
        producer = subprocess.Popen(
            [sys.executable, "-m", "livescore", "leagues"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=cli_env(),
        )
        assert producer.stdout is not None
        producer.stdout.readline()
        producer.stdout.close()  # as `head -1` does
        _, err = producer.communicate(timeout=20)
        assert producer.returncode == 0, err
        assert err == b""
