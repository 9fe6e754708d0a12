"""Hostile upstreams against a livescore checkout: peak RSS, outcome and exit time of each
attack, this checkout beside another (``--before DIR``, with its own ``.venv``).

    python -m bench.hostile_upstreams [--before DIR] [--seconds N]

The attacking servers are this checkout's simulators; the livescore under attack runs as a
subprocess of the checkout named, under a 3 GiB address-space limit (so a bomb that works
ends in MemoryError instead of taking the machine). Each attack runs for at most
``--seconds``; then SIGTERM, and the time to exit is measured (killed after 10 s).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from livescore.sim.fastcast import FastcastSim
from livescore.sim.http import Request, Response, serve
from tests.helpers import Script, cli_env, event, ok, sportrix_env

MB = 1024 * 1024
LIMIT = 3 * 1024 * MB


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def _bomb() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(MB)
    return b"".join([packer.compress(zeros) for _ in range(1024)] + [packer.flush()])


def _peak(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run(checkout: Path, argv: list[str], seconds: float, env: dict[str, str]) -> dict[str, object]:
    """Run livescore ARGV from ``checkout`` for at most ``seconds``; what it came to."""
    py = str(checkout / ".venv" / "bin" / "python")
    proc = subprocess.Popen(
        [py, "-m", "livescore", *argv],
        cwd=checkout,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limit,
    )
    peak = 0.0
    deadline = time.monotonic() + seconds
    while proc.poll() is None and time.monotonic() < deadline:
        peak = max(peak, _peak(proc.pid))
        time.sleep(0.05)
    took = None
    if proc.poll() is None:
        proc.terminate()
        start = time.monotonic()
        try:
            proc.wait(10)
            took = time.monotonic() - start
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            took = float("inf")
    assert proc.stderr is not None
    err = proc.stderr.read()
    said = [line for line in err.splitlines() if line.strip()]
    return {
        "peak_mb": round(peak, 1),
        "exit": proc.returncode,
        "sigterm_s": None if took is None else round(took, 2),
        "said": said[-1][:110] if said else "",
    }


@contextmanager
def fastcast(fault: Callable[[FastcastSim], None]) -> Iterator[str]:
    sim = FastcastSim(speed=4, tick=0.2, hbi=3.0)
    fault(sim)
    with sim.running() as url:
        yield url


def attacks(bomb: bytes) -> dict[str, Callable[[], Iterator[tuple[list[str], dict[str, str]]]]]:
    def push(fault: Callable[[FastcastSim], None]) -> Iterator[tuple[list[str], dict[str, str]]]:
        with fastcast(fault) as url:
            argv = ["watch", "nba", "--push", "--fastcast-url", url, "--espn-url", url, "--json"]
            yield argv, cli_env()

    def gz(request: Request) -> Response:
        return Response(200, bomb, {"Content-Encoding": "gzip"})

    def deep_checkpoint(sim: FastcastSim) -> None:
        deep = Response(200, b"[" * 100_000 + b"]" * 100_000)
        sim.http_fault = lambda r: deep if r.path.endswith("/checkpoint") else None

    def bomb_checkpoint(sim: FastcastSim) -> None:
        sim.http_fault = lambda r: gz(r) if r.path.endswith("/checkpoint") else None

    def bomb_discovery(sim: FastcastSim) -> None:
        sim.http_fault = lambda r: gz(r) if r.path == "/public/websockethost" else None

    def copy_patch(sim: FastcastSim) -> None:
        sim.inject_next([{"op": "copy", "from": "/events", "path": "/events/-"}] * 40, 3)

    def sportrix_rest() -> Iterator[tuple[list[str], dict[str, str]]]:
        with serve(gz) as url:
            yield ["matches", "--live", "soccer", "--api-url", url], sportrix_env()

    def trickle() -> Iterator[tuple[list[str], dict[str, str]]]:
        slow = ok(event())
        slow.trickle = 2.0
        with serve(Script([slow])) as url:
            argv = ["watch", "nba", "--espn-url", url, "--once", "--timeout", "5", "--json"]
            yield argv, cli_env()

    return {
        "FastCast checkpoint nested 100k deep": lambda: push(deep_checkpoint),
        "FastCast patch copying /events into itself x40": lambda: push(copy_patch),
        "gzip bomb (1 GiB): FastCast checkpoint": lambda: push(bomb_checkpoint),
        "gzip bomb (1 GiB): FastCast discovery": lambda: push(bomb_discovery),
        "gzip bomb (1 GiB): Sportrix REST (matches --live)": sportrix_rest,
        "ESPN body at 1 byte / 2 s, --once --timeout 5": trickle,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", help="another checkout (with .venv) to attack too")
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    here = Path(__file__).resolve().parent.parent
    sides = [("now", here)] + ([("before", Path(args.before).resolve())] if args.before else [])
    bomb = _bomb()
    for name, attack in attacks(bomb).items():
        for side, checkout in sides:
            for argv, env in attack():
                result = run(checkout, argv, args.seconds, env)
                print(json.dumps({"attack": name, "side": side, **result}, ensure_ascii=False))
                sys.stdout.flush()


if __name__ == "__main__":
    main()
