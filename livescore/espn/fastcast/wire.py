"""FastCast frames and payloads (shared/reference/espn-fastcast.md §3): JSON text frames with
``op``, ``tc`` (topic), ``mid`` (per-topic message id), ``pl`` (payload), ``sid``, ``rc``,
``hbi``. The ``pl`` of R and P frames is itself a JSON string ``{"ts", "~c", "pl"}``; with
``~c: 1`` the inner ``pl`` is base64 of zlib-deflated JSON (raw deflate and gzip accepted
too, and missing base64 padding), with ``~c: 0`` it is the JSON value inline.

Untrusted input: anything that is not what it should be is a WireError, never a crash.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from dataclasses import dataclass
from typing import Any

MAX_INFLATED = 32 * 1024 * 1024


class WireError(ValueError):
    """A frame or payload that cannot be read."""


@dataclass(frozen=True, slots=True)
class Frame:
    op: str
    topic: str = ""
    mid: int | None = None
    payload: Any = None
    sid: str = ""
    rc: int | None = None
    hbi: float | None = None


def read_frame(text: str | bytes) -> Frame:
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        raise WireError("a frame that is not JSON") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("op"), str):
        raise WireError("a frame without an op")
    mid = obj.get("mid")
    rc = obj.get("rc")
    hbi = obj.get("hbi")
    topic = obj.get("tc")
    sid = obj.get("sid")
    return Frame(
        op=obj["op"],
        topic=topic if isinstance(topic, str) else "",
        mid=mid if isinstance(mid, int) and not isinstance(mid, bool) else None,
        payload=obj.get("pl"),
        sid=sid if isinstance(sid, str) else "",
        rc=rc if isinstance(rc, int) and not isinstance(rc, bool) else None,
        hbi=float(hbi) if isinstance(hbi, int | float) and not isinstance(hbi, bool) else None,
    )


def decode_payload(payload: Any) -> tuple[Any, int | None]:
    """An R or P frame's ``pl`` → (its JSON value, usually a patch list; the upstream ``ts``
    in epoch milliseconds, if any)."""
    wrapper = payload
    if isinstance(payload, str):
        try:
            wrapper = json.loads(payload)
        except (ValueError, RecursionError):
            raise WireError("a payload that is not JSON") from None
    if not isinstance(wrapper, dict) or "pl" not in wrapper:
        return wrapper, None  # already the value (a list of ops, an inline document)
    ts = wrapper.get("ts")
    stamp = ts if isinstance(ts, int) and not isinstance(ts, bool) else None
    inner = wrapper["pl"]
    if str(wrapper.get("~c", 0)) not in ("0", "False", "false", ""):
        return _inflate_json(inner), stamp
    if isinstance(inner, str):
        try:
            return json.loads(inner), stamp
        except (ValueError, RecursionError):
            raise WireError("an inline payload that is not JSON") from None
    return inner, stamp


def _inflate_json(value: Any) -> Any:
    if not isinstance(value, str):
        raise WireError("a compressed payload that is not text")
    text = value.strip()
    text += "=" * (-len(text) % 4)
    try:
        raw = base64.b64decode(text, validate=False)
    except (binascii.Error, ValueError):
        raise WireError("a compressed payload that is not base64") from None
    inflated = False
    for wbits in (zlib.MAX_WBITS, 16 + zlib.MAX_WBITS, -zlib.MAX_WBITS):  # zlib, gzip, raw
        inflater = zlib.decompressobj(wbits)
        try:
            data = inflater.decompress(raw, MAX_INFLATED)
        except zlib.error:
            continue
        if inflater.unconsumed_tail:
            raise WireError("a compressed payload larger than 32 MB")
        inflated = True
        try:
            return json.loads(data)
        except (ValueError, RecursionError):
            continue  # raw deflate can "inflate" a gzip header into noise: try the next
    if inflated:
        raise WireError("a compressed payload that is not JSON")
    raise WireError("a compressed payload that does not inflate")


def encode_payload(value: Any, ts: int, compressed: bool) -> str:
    """What a server puts in ``pl`` (for the simulator and the tests)."""
    if compressed:
        packed = base64.b64encode(zlib.compress(json.dumps(value).encode())).decode()
        return json.dumps({"ts": ts, "~c": 1, "pl": packed})
    return json.dumps({"ts": ts, "~c": 0, "pl": value})
