"""Run every benchmark, one after the other: `python -m bench [--quick]`.

Each prints livescore beside its naive baseline, measured in the same run. Results are
recorded by hand in docs/benchmarks.md. `--quick` shortens the long runs (CPU of the table
watch: 60 s instead of 10 min; memory: 200k frames instead of 1M; soak: 60 s).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

BENCHES = [
    ("ESPN parse + diff per poll", ["bench.espn_parse"], []),
    ("Game summary parse + play diff, memory over polls", ["bench.detail_parse"], []),
    ("watch --plays beside watch: requests and CPU per poll", ["bench.watch_plays"], []),
    ("Start-up", ["bench.startup"], []),
    ("Stream throughput", ["bench.stream_throughput"], ["--frames", "20000"]),
    ("Stream added latency", ["bench.stream_latency"], []),
    ("Stream memory", ["bench.stream_memory"], []),
    ("Bridge delivery latency", ["bench.bridge_latency"], []),
    ("Bridge stop with 1000 clients", ["bench.bridge_stop"], []),
    ("Bridge restarts under followers", ["bench.bridge_restarts"], []),
    ("Detection latency", ["bench.detection"], []),
    ("Table watch CPU", ["bench.table_cpu"], []),
    ("Redis Streams fan-out latency", ["bench.redis_fanout"], []),
    ("Redis Streams throughput and memory", ["bench.redis_throughput"], []),
    ("--delay release jitter and memory", ["bench.delay_jitter"], []),
    ("ESPN push against polling", ["bench.push_latency"], ["--speed", "2"]),
    ("ESPN bytes and CPU per poll by encoding", ["bench.espn_bytes"], []),
    ("Redis publisher and cursor drain", ["bench.redis_pipeline"], []),
    ("Bridge late readers", ["bench.bridge_late"], []),
    ("Hostile upstreams: peak RSS and outcome", ["bench.hostile_upstreams"], []),
]
QUICK = {
    "bench.stream_memory": ["--frames", "200000"],
    "bench.table_cpu": ["--seconds", "60"],
    "bench.detection": ["--changes", "10"],
    "bench.bridge_restarts": ["--restarts", "5"],
    "bench.redis_fanout": ["--readers", "1,10"],
    "bench.redis_throughput": ["--readers", "1,10", "--day", "200000"],
    "bench.redis_pipeline": ["--rounds", "1"],
    "bench.bridge_late": ["--rounds", "1"],
    "bench.hostile_upstreams": ["--seconds", "8"],
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--only", help="run only the benchmarks whose module contains this ('soak': the soak)"
    )
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    for title, (module, *_), extra in BENCHES:
        if args.only and args.only not in module:
            continue
        more = QUICK.get(module, []) if args.quick else []
        print(f"\n## {title} ({module})", flush=True)
        subprocess.run([sys.executable, "-m", module, *extra, *more], env=env, check=False)
    if args.only and args.only not in "soak":
        return
    print("\n## Soak (tests marked soak)", flush=True)
    seconds = "60" if args.quick else "300"
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rP", "-m", "soak", "tests"],
        env={**env, "LIVESCORE_SOAK_SECONDS": seconds},
        check=False,
    )


if __name__ == "__main__":
    main()
