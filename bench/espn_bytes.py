"""Bytes and CPU of one ESPN poll by Content-Encoding, on the largest real capture.

    python -m bench.espn_bytes [--runs N] [--file PATH]

For each encoding ESPN's edge might offer: the bytes on the wire, the MB an hour of 5 s
polls takes, and the CPU of a poll once the bytes are in: decoding (livescore's bounded
decoders, ``net/decoding.py``), parsing and the board's diff (steady state). Beside it, in
the same run: ``json.loads`` of the plain bytes, and a 304 (unchanged: no body, no parse).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import brotli
import zstandard

from bench.espn_parse import DEFAULT
from livescore.core.board import Board
from livescore.core.leagues import resolve
from livescore.espn.response import read_response
from livescore.net.decoding import Chain

POLLS_PER_HOUR = 3600 / 5


def median_ms(fn: Callable[[], object], runs: int) -> float:
    for _ in range(10):
        fn()
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--file", type=Path, default=DEFAULT)
    args = parser.parse_args()
    body = args.file.read_bytes()
    league = resolve("nfl")
    board = Board()
    now = datetime.now(UTC)
    board.update(read_response(200, body, None, league)[0], now)
    packed = {
        "identity": ("identity", body),
        "gzip -6": ("gzip", gzip.compress(body, 6)),
        "gzip -9": ("gzip", gzip.compress(body, 9)),
        "br q5": ("br", brotli.compress(body, quality=5)),
        "br q11": ("br", brotli.compress(body, quality=11)),
        "zstd -3": ("zstd", zstandard.ZstdCompressor(level=3).compress(body)),
        "zstd -19": ("zstd", zstandard.ZstdCompressor(level=19).compress(body)),
    }

    def poll(coding: str, data: bytes) -> Callable[[], object]:
        def run() -> object:
            chain = Chain(coding)
            plain = b"".join(
                chain.feed(data[i : i + 65536], 1 << 26) for i in range(0, len(data), 65536)
            )
            return board.update(read_response(200, plain, None, league)[0], now)

        return run

    import json

    base = median_ms(lambda: json.loads(body), args.runs)
    print(f"file: {args.file.name} ({len(body) / 1024:.0f} KiB, {len(board)} games), "
          f"runs: {args.runs}, CPU medians")  # fmt: skip
    print(f"{'json.loads (floor, context)':<28} {'':>10} {'':>10} {base:8.3f} ms")
    print(f"{'304 Not Modified':<28} {'~0.3 KB':>10} {'~0.2 MB/h':>10} {0.0:8.3f} ms")
    for name, (coding, data) in packed.items():
        cpu = median_ms(poll(coding, data), args.runs)
        per_hour = len(data) * POLLS_PER_HOUR / (1024 * 1024)
        print(f"{name:<28} {len(data) / 1024:7.1f} KB {per_hour:7.1f} MB/h {cpu:8.3f} ms")


if __name__ == "__main__":
    main()
