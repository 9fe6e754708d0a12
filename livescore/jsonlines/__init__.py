"""JSON lines v1 (README "JSON lines"): events to text, and text back to events.

Game events (``snapshot``, ``score``, ``status``, ``clock``), ``feed`` events (a feed went
stale or is ok again) and, on the bridge's wire only, ``error`` frames (a client sent
something the bridge cannot use). Bridge frames also carry the bridge run's ``epoch``.
``types`` holds the contract as types, ``encode`` and ``decode`` use them, ``schema``
prints them as JSON Schema.
"""

from livescore.jsonlines.decode import Decoded, WireError, decode, decode_event
from livescore.jsonlines.encode import (
    error_json,
    event_bytes,
    event_dict,
    event_json,
    feed_json,
)
from livescore.jsonlines.types import KINDS, VERSION

__all__ = [
    "KINDS",
    "VERSION",
    "Decoded",
    "WireError",
    "decode",
    "decode_event",
    "error_json",
    "event_bytes",
    "event_dict",
    "event_json",
    "feed_json",
]
