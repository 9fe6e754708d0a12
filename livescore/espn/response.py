"""An ESPN HTTP answer (status, body, Retry-After) → games, or a FetchError saying plainly
what is wrong with it (an HTML page, a rate limit, malformed JSON). Pure: no I/O."""

from __future__ import annotations

import json

from livescore.core.errors import ParseError
from livescore.core.leagues import League
from livescore.core.model import Game
from livescore.core.sanitize import clean
from livescore.espn.detail.model import Detail
from livescore.espn.detail.plays import PlayCache
from livescore.espn.parse import parse_scoreboard
from livescore.espn.shapes import decode_scoreboard
from livescore.net.backoff import parse_retry_after


class FetchError(Exception):
    def __init__(self, message: str, retry_after: float | None = None, rejected: bool = False):
        super().__init__(message)
        self.retry_after = retry_after
        self.rejected = rejected


class NoSuchGame(FetchError):
    """ESPN does not know the game asked for."""


def read_response(
    status: int, body: bytes, retry_after: str | None, league: League
) -> tuple[list[Game], tuple[str, ...]]:
    """An ESPN answer → games; raises FetchError saying what is wrong with it."""
    if status != 200:
        raise _status_error(status, body, retry_after, league)
    try:
        data = decode_scoreboard(body)
    except (ValueError, RecursionError):
        raise FetchError(_not_json(body)) from None
    try:
        board = parse_scoreboard(data, league)
    except ParseError as exc:
        raise FetchError(f"unexpected JSON: {exc}") from None
    return list(board.games), board.skipped


def _status_error(status: int, body: bytes, retry_after: str | None, league: League) -> FetchError:
    if status in (400, 404):
        text = status_error(status, body, retry_after)
        return FetchError(f"{text}: is {league.path!r} a league ESPN knows?")
    return status_error(status, body, retry_after)


def status_error(status: int, body: bytes, retry_after: str | None) -> FetchError:
    """A non-200 answer as the FetchError that says it: the HTML page's title or the JSON
    message, refused (401/403), rate limited (429, with its Retry-After)."""
    text = f"HTTP {status}"
    title = _html_title(body)
    if title:
        text += f" ({title})"
    else:
        message = _json_message(body)
        if message:
            text += f": {message}"
    if status in (401, 403):
        return FetchError(f"{text}: ESPN refused the request", rejected=True)
    if status == 429:
        return FetchError(f"{text}: rate limited", parse_retry_after(retry_after))
    return FetchError(text, parse_retry_after(retry_after) if status == 503 else None)


def not_json(body: bytes) -> FetchError:
    """A 200 answer that is not the JSON expected: what it is instead."""
    return FetchError(_not_json(body))


def _not_json(body: bytes) -> str:
    title = _html_title(body)
    if title:
        return f"an HTML page instead of JSON ({title})"
    if not body.strip():
        return "an empty response instead of JSON"
    return "malformed JSON"


def _html_title(body: bytes) -> str:
    head = body[:4096].decode("utf-8", "replace")
    lower = head.lower()
    if "<html" not in lower and "<!doctype" not in lower and "<title" not in lower:
        return ""
    start = lower.find("<title>")
    end = lower.find("</title>", start)
    if start >= 0 and end > start:
        return clean(head[start + 7 : end], 80) or "HTML page"
    return "HTML page"


def _json_message(body: bytes) -> str:
    try:
        data = json.loads(body[:65536])
    except (ValueError, RecursionError):
        return ""
    if isinstance(data, dict):
        return clean(data.get("message") or data.get("detail") or data.get("error"), 120)
    return ""


def read_summary(
    status: int,
    body: bytes,
    retry_after: str | None,
    league: League,
    event_id: str,
    cache: PlayCache | None = None,
) -> Detail:
    """A game summary answer → its detail; raises FetchError saying what is wrong with it
    (ESPN answers an unknown event with 400 or 404)."""
    if status in (400, 404):
        raise NoSuchGame(f"HTTP {status}: ESPN has no {league.alias} game {event_id}")
    if status != 200:
        raise _status_error(status, body, retry_after, league)
    import msgspec

    from livescore.espn.detail.parse import parse_summary
    from livescore.espn.detail.shapes import decode_summary

    try:
        data = decode_summary(body)  # msgspec's depth limit: a deep document is "not JSON"
    except msgspec.ValidationError:
        raise FetchError("unexpected JSON: the summary is not an object") from None
    except msgspec.DecodeError:
        raise FetchError(_not_json(body)) from None
    try:
        return parse_summary(data, league, cache)
    except ParseError as exc:
        raise FetchError(f"unexpected JSON: {exc}") from None
