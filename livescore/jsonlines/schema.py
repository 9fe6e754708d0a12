"""The JSON Schema (draft 2020-12) of JSON lines v1, generated from the contract's types:
what ``livescore schema`` prints."""

from __future__ import annotations

from typing import Any

import msgspec

from livescore.jsonlines.detail import DetailV1, PlayEventV1
from livescore.jsonlines.season import FixtureEventV1, NextEventV1, StandingEventV1
from livescore.jsonlines.types import (
    SPORTRIX_SHAPES,
    ErrorV1,
    FeedEventV1,
    GameEventV1,
    SituationV1,
)

LINE_TYPES = (
    GameEventV1,
    FeedEventV1,
    ErrorV1,
    PlayEventV1,
    DetailV1,
    FixtureEventV1,
    NextEventV1,
    StandingEventV1,
)
ID = "urn:livescore:jsonlines:v1"


def schema() -> dict[str, Any]:
    refs, defs = msgspec.json.schema_components(
        [*LINE_TYPES, *SPORTRIX_SHAPES, SituationV1], ref_template="#/$defs/{name}"
    )
    game = defs["GameEventV1"]
    # what the sportrix object holds, per sport (any other sport: at least its status)
    game["properties"]["sportrix"] = {
        "description": game["properties"]["sportrix"].get("description", ""),
        "anyOf": list(refs[len(LINE_TYPES) : -1]),
    }
    game["properties"]["situation"] = {
        "description": game["properties"]["situation"].get("description", ""),
        **refs[-1],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": ID,
        "title": "livescore JSON lines v1",
        "description": (
            "One object per line, UTF-8. Game events (snapshot, score, status, clock) and "
            "feed events on every output; error frames on the bridge's wire only; play "
            "events and the detail object from livescore game; fixture, next and standing "
            "objects from livescore schedule, next and standings. Readers "
            "ignore fields they do not know: later versions of v1 may add some."
        ),
        "oneOf": list(refs[: len(LINE_TYPES)]),
        "$defs": defs,
    }
