"""Property tests of the Sportrix frame and snapshot parser: whatever comes in, only
ParseError."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from livescore.jsonlines import decode_event
from livescore.sportrix.frames import decode_frame
from livescore.sportrix.parse import parse_snapshot
from tests.strategies import json_values, only_parse_errors

NOW = datetime(2026, 6, 18, tzinfo=UTC)


@settings(max_examples=300)
@given(
    st.one_of(
        json_values,
        st.dictionaries(
            st.sampled_from(
                [
                    "sport",
                    "home",
                    "away",
                    "score",
                    "clock",
                    "status",
                    "phase",
                    "stats",
                    "batting",
                    "last_event",
                    "competition",
                    "match_id",
                ]
            ),
            json_values,
            max_size=8,
        ),
    )
)
def test_sportrix_parser_any_json(data: object) -> None:
    for sport in ("soccer", "cricket", "hockey"):
        shaped = {**data, "sport": sport} if isinstance(data, dict) else data
        only_parse_errors(parse_snapshot, shaped, "1", NOW)
        only_parse_errors(decode_frame, json.dumps({"op": "update", "data": shaped}))


@given(st.text(max_size=200) | st.binary(max_size=200))
def test_frames_any_bytes(raw: str | bytes) -> None:
    only_parse_errors(decode_frame, raw)
    only_parse_errors(decode_event, raw)
