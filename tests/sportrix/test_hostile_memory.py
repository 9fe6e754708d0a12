"""Long distinct strings from a hostile stream are not kept by the parser's caches."""

from __future__ import annotations

import gc
import json
import tracemalloc
from datetime import UTC, datetime

from livescore.sportrix.frames import DataFrame, decode_frame
from livescore.sportrix.parse import parse_snapshot

NOW = datetime(2026, 6, 18, tzinfo=UTC)


def _frame(n: int, sport: str) -> str:
    long = f"{n:06d}" + "x" * 50_000  # distinct, and 50 KB each
    data = {
        "match_id": 1,
        "sport": sport,
        "competition": long,
        "home": long,
        "away": long + "a",
        "status": long,
        "clock": {"minute": 1, "second": 2, "period": long, "running": True},
        "score": {"home": 1, "away": 0},
        "phase": {"label": long, "team": long},
        "stats": {long: {"home": 1, "away": 2}},
        long: {long: [long]},
    }
    return json.dumps({"op": "update", "data": data})


def test_the_caches_keep_no_long_string_from_the_network() -> None:
    for sport in ("soccer", "tennis"):
        frames = [_frame(n, sport) for n in range(100)]
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        for text in frames:
            frame = decode_frame(text)
            assert isinstance(frame, DataFrame)
            game = parse_snapshot(frame.data, "1", NOW)
            assert len(game.home.name) <= 80 and len(game.league) <= 80
        del frame, game
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
        # 100 frames × several 50 KB strings would be tens of MB if any cache kept them
        assert kept < 2_000_000, f"{sport}: {kept} bytes kept"
