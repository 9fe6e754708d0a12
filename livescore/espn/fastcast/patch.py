"""RFC 6902 patches from FastCast applied to a scoreboard document, with ``jsonpatch``.

Scoreboard topics write paths as ``<event uid>/<pointer without its leading slash>``; the
uid holds literal ``~`` characters that are not RFC 6901 escapes, so the path is split at its
first ``/`` and the uid looked up among ``events[]``; a bare uid path adds or removes a whole
event (a game appearing or leaving mid-day). Root pointers (``/events/0/...``) pass as they
are. Per the reference (§3.4): ``replace`` of a path that does not exist yet is a plain set
(``add``), and ``copy``/``move`` are applied as the RFC says.

A patch that still cannot apply raises PatchError: the document is then unknown, and the
caller resyncs from a checkpoint. So does a patch over the limits (PatchLimit): more than
MAX_OPS operations, or a document that would grow past MAX_NODES values (a few ``copy`` ops of
``/events`` into itself double it each time: 40 of them would need terabytes). The size is
kept as a count of JSON values, updated op by op, so a patch costs what it changes.
"""

from __future__ import annotations

import copy
from typing import Any

import jsonpatch
import jsonpointer

MAX_OPS = 5_000  # operations in one patch
MAX_NODES = 500_000  # JSON values in a document: the largest real slate has about 73 000


class PatchError(ValueError):
    """A patch that does not apply to the document held."""


class PatchLimit(PatchError):
    """A patch over the limits: too many operations, or a document grown too large."""


def nodes(value: Any, most: int = MAX_NODES + 1) -> int:
    """How many JSON values ``value`` holds (itself included), counting stopped at ``most``."""
    count = 0
    stack = [value]
    while stack and count < most:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def apply(document: dict[str, Any], ops: Any) -> dict[str, Any]:
    """The document after ``ops`` (a new object; ``document`` is left as it was)."""
    return apply_counted(document, ops, nodes(document))[0]


def apply_counted(document: dict[str, Any], ops: Any, size: int) -> tuple[dict[str, Any], int]:
    """``apply``, given the document's size (``nodes``); returns the new document and size."""
    if not isinstance(ops, list):
        raise PatchError("a patch that is not a list of operations")
    if len(ops) > MAX_OPS:
        raise PatchLimit(f"a patch of {len(ops)} operations (at most {MAX_OPS})")
    doc = copy.deepcopy(document)
    for op in ops:
        if not isinstance(op, dict) or not isinstance(op.get("op"), str):
            raise PatchError("a patch operation without an op")
        size += _growth(doc, op, MAX_NODES - size)
        if size > MAX_NODES:
            raise PatchLimit(f"a patch that grows the document past {MAX_NODES} values")
        doc = _apply_one(doc, op)
    return doc, size


def _growth(doc: dict[str, Any], op: dict[str, Any], room: int) -> int:
    """How many values ``op`` adds to the document (negative: removes), counted no further
    than ``room`` + 1 for what it adds."""
    kind = op["op"]
    if kind == "copy":
        return nodes(_at(doc, op.get("from")), room + 1)
    added = nodes(op.get("value"), room + 1) if kind in ("add", "replace") else 0
    if kind in ("replace", "remove"):
        added -= nodes(_at(doc, op.get("path")))
    return added


def _at(doc: dict[str, Any], path: object) -> Any:
    """The value at a patch path (root pointer or ``<uid>/<pointer>``), None if none."""
    if not isinstance(path, str):
        return None
    if path and not path.startswith("/"):
        uid, _, rest = path.partition("/")
        events = doc.get("events")
        index = _index(events, uid) if isinstance(events, list) else None
        if index is None:
            return None
        path = f"/events/{index}" + (f"/{rest}" if rest else "")
    try:
        return jsonpointer.resolve_pointer(doc, path)
    except (jsonpointer.JsonPointerException, TypeError, KeyError, IndexError):
        return None


def _apply_one(doc: dict[str, Any], op: dict[str, Any]) -> dict[str, Any]:
    path = op.get("path")
    if not isinstance(path, str):
        raise PatchError("a patch operation without a path")
    events = doc.get("events")
    if not path.startswith("/") and path:  # "<uid>/<pointer>" or a bare uid
        uid, _, rest = path.partition("/")
        if not isinstance(events, list):
            raise PatchError("a uid path on a document without events")
        index = _index(events, uid)
        if not rest:  # the whole event
            return _whole_event(doc, events, index, uid, op)
        if index is None:
            raise PatchError(f"a patch for an event the document does not have ({uid})")
        op = {**op, "path": f"/events/{index}/{rest}"}
        if isinstance(op.get("from"), str) and not op["from"].startswith("/"):
            from_uid, _, from_rest = op["from"].partition("/")
            from_index = next(
                (
                    i
                    for i, e in enumerate(events)
                    if isinstance(e, dict) and e.get("uid") == from_uid
                ),
                None,
            )
            if from_index is None:
                raise PatchError("a copy or move from an event the document does not have")
            op["from"] = f"/events/{from_index}/{from_rest}"
    if op["op"] == "replace" and not _exists(doc, op["path"]):
        op = {**op, "op": "add"}  # FastCast replaces paths it never added: a plain set
    try:
        result = jsonpatch.apply_patch(doc, [op], in_place=True)
    except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException) as exc:
        raise PatchError(f"a patch that does not apply ({type(exc).__name__})") from None
    except (TypeError, ValueError, KeyError, IndexError) as exc:
        raise PatchError(f"a patch that does not apply ({type(exc).__name__})") from None
    if not isinstance(result, dict):
        raise PatchError("a patch that replaced the document with something else")
    return result


def _index(events: list[Any], uid: str) -> int | None:
    return next(
        (i for i, e in enumerate(events) if isinstance(e, dict) and e.get("uid") == uid), None
    )


def _whole_event(
    doc: dict[str, Any], events: list[Any], index: int | None, uid: str, op: dict[str, Any]
) -> dict[str, Any]:
    kind = op["op"]
    if kind == "remove":
        if index is None:
            raise PatchError(f"removing an event the document does not have ({uid})")
        del events[index]
    elif kind in ("add", "replace"):
        value = op.get("value")
        if not isinstance(value, dict):
            raise PatchError("an event that is not an object")
        if index is None:
            events.append(value)
        else:
            events[index] = value
    else:
        raise PatchError(f"a {kind} of a whole event")
    return doc


def _exists(doc: Any, pointer: str) -> bool:
    try:
        jsonpointer.resolve_pointer(doc, pointer)
    except (jsonpointer.JsonPointerException, TypeError, KeyError, IndexError):
        return False
    return True


def make(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """The patch from ``before`` to ``after`` with uid-prefixed event paths, as a scoreboard
    topic sends it (for the simulator)."""
    ops: list[dict[str, Any]] = jsonpatch.make_patch(before, after).patch
    uids = [e.get("uid") for e in before.get("events", []) if isinstance(e, dict)]
    out = []
    for op in ops:
        out.append({**op, "path": _uid_path(op["path"], uids)})
        if "from" in op:
            out[-1]["from"] = _uid_path(op["from"], uids)
    return out


def _uid_path(path: str, uids: list[Any]) -> str:
    parts = path.split("/")
    if len(parts) > 3 and parts[1] == "events" and parts[2].isdigit():
        index = int(parts[2])
        uid = uids[index] if index < len(uids) else None
        if isinstance(uid, str):
            return uid + "/" + "/".join(parts[3:])
    return path
