"""Events lost across random restarts of the bridge, under `livescore tail` and a raw
client that resumes with ``since=&epoch=``.

    python -m bench.bridge_restarts [--restarts 20] [--seed 7]

Three live games change every 0.1 to 0.4 s. The bridge is stopped with SIGTERM at random
moments, kept down 0.2 to 2 s, and started again on the same port. At the end both
followers must hold exactly the view a fresh client gets; "lost" counts the games whose
view differs and every silent gap (a seq jump within one epoch without a resync). Beside
it, the same run for a naive follower that resumes with ``since=`` alone and skips what it
believes it has seen (what livescore's own tail did before epochs).
"""

from __future__ import annotations

import argparse
import random
import signal
import threading
import time

from livescore.sim.http import serve
from tests.bridge.test_restart import _bridge, _free_port, fresh_view
from tests.followers import ResumingClient, Slate, TailView, apply, wait_until
from tests.helpers import popen_cli


class NaiveClient(ResumingClient):
    """Keeps only the largest seq and resumes with since= alone; drops anything at or below
    it that is not a snapshot (so a restarted bridge's low numbers are skipped)."""

    def _take(self, event: dict) -> None:  # type: ignore[type-arg]
        if event["event"] in ("error", "feed"):
            return
        if self.seq is not None and event["seq"] <= self.seq and event["event"] != "snapshot":
            return
        self.events += 1
        apply(self.view, event)
        self.seq = event["seq"] if self.seq is None else max(self.seq, event["seq"])

    async def _run(self) -> None:
        self.epoch = "none"  # never sent: since= alone
        await super()._run()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--restarts", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    slate = Slate()
    port = _free_port()
    url = f"ws://127.0.0.1:{port}/"
    moving = threading.Event()
    moving.set()

    def move() -> None:
        while moving.is_set():
            slate.advance()
            time.sleep(rng.uniform(0.1, 0.4))

    with serve(slate) as espn:
        bridge = _bridge(port, espn)
        tail = TailView(popen_cli("tail", url, "--json"))
        mover = threading.Thread(target=move, daemon=True)
        with ResumingClient(url) as raw, NaiveClient(url) as naive:
            mover.start()
            for _ in range(args.restarts):
                time.sleep(rng.uniform(0.5, 3.0))
                bridge.send_signal(signal.SIGTERM)
                bridge.wait(10)
                time.sleep(rng.uniform(0.2, 2.0))
                bridge = _bridge(port, espn)
            time.sleep(1.0)
            moving.clear()
            mover.join()
            expected = slate.expected()
            wait_until(lambda: raw.view == tail.view == expected, timeout=60)
            wait_until(lambda: naive.view == expected, timeout=10)
            fresh = fresh_view(url)
        tail.proc.terminate()
        tail.proc.wait(10)
        bridge.terminate()
        bridge.wait(10)
    print(f"{args.restarts} restarts, {slate.step} score changes on each of 3 games")
    for who, view, more in (
        ("livescore tail", tail.view, ""),  # its output has no epoch: gaps are not visible
        ("resuming raw client", raw.view, f", silent gaps: {raw.gaps}, events: {raw.events}"),
        ("naive since= client", naive.view, f", events: {naive.events}"),
    ):
        wrong = sum(view.get(k) != v for k, v in fresh.items())
        print(f"  {who:<22} games off the fresh view: {wrong}/3{more}")
    print(f"  fresh client matches the slate: {fresh == slate.expected()}")


if __name__ == "__main__":
    main()
