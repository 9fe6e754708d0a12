"""The Sportrix REST API: discovery (/sports, /matches/live) and live snapshots."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx

from livescore import USER_AGENT
from livescore.core import defaults
from livescore.core.errors import LivescoreError
from livescore.core.model import RecordFn
from livescore.core.sanitize import clean
from livescore.net import http
from livescore.net.backoff import Backoff, parse_retry_after
from livescore.sportrix import REST_SOURCE

T = TypeVar("T")
MAX_BODY = 4 * 1024 * 1024  # decoded bytes of one answer: a match list or a snapshot


class ApiError(LivescoreError):
    """A failed REST call. ``transient`` ones are worth retrying."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        transient: bool = False,
        rejected: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.transient = transient
        self.rejected = rejected
        self.retry_after = retry_after
        if rejected:
            self.exit_code = 3


@dataclass
class SportrixApi:
    client: httpx.AsyncClient
    base_url: str
    key: str
    timeout: float = defaults.TIMEOUT
    record: RecordFn | None = None

    async def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        url = f"{self.base_url.rstrip('/')}/{path.lstrip('/')}"
        headers = {"X-API-Key": self.key, "User-Agent": USER_AGENT, "Accept": "application/json"}
        try:
            answer = await http.get(
                self.client,
                url,
                deadline=self.timeout,
                params=params,
                headers=headers,
                max_body=MAX_BODY,
            )
        except http.HttpFailure as exc:
            raise ApiError(f"GET /{path}: {exc}", transient=True) from None
        status = answer.status
        if self.record is not None:
            text = answer.body.decode("utf-8", "replace")
            self.record(REST_SOURCE, path, datetime.now(UTC), status, text)
        try:
            data = answer.json()
        except ValueError:  # malformed, or nested too deep
            data = None
        if status == 200:
            if data is None:
                raise ApiError(f"GET /{path}: malformed JSON", transient=True)
            return data
        detail = clean(data.get("detail"), 160) if isinstance(data, dict) else ""
        what = f"GET /{path}: HTTP {status}" + (f": {detail}" if detail else "")
        if status == 401:
            raise ApiError(f"{what} (check SPORTRIX_API_KEY)", status=status, rejected=True)
        if status == 403:
            raise ApiError(f"{what} (the key lacks a scope)", status=status, rejected=True)
        if status in (404, 422):
            raise ApiError(what, status=status)
        retry = parse_retry_after(answer.headers.get("retry-after"))
        raise ApiError(what, status=status, transient=True, retry_after=retry)

    async def sport_id(self, sport: str) -> int:
        """The id of a sport by name (``soccer``) or number."""
        if sport.isdigit():
            return int(sport)
        sports = await self.get("sports")
        names: list[str] = []
        for item in sports if isinstance(sports, list) else []:
            if isinstance(item, dict):
                name = clean(item.get("name"), 40)
                names.append(name.lower())
                if name.lower() == sport.lower() and isinstance(item.get("id"), int):
                    return int(item["id"])
        known = ", ".join(sorted(n for n in names if n)) or "none"
        raise ApiError(f"unknown sport {sport!r} (this key can see: {known})", status=404)

    async def live_matches(self, sport: str) -> list[dict[str, Any]]:
        data = await self.get("matches/live", {"sport": await self.sport_id(sport)})
        if isinstance(data, dict) and isinstance(data.get("items"), list):
            data = data["items"]
        if not isinstance(data, list):
            raise ApiError("GET /matches/live: expected a list", transient=True)
        return [m for m in data if isinstance(m, dict) and isinstance(m.get("id"), int)]

    async def live_snapshot(self, match_id: str) -> Any:
        return await self.get(f"matches/{match_id}/live")


def match_row(match: dict[str, Any]) -> dict[str, Any]:
    """A discovered match, cleaned, for `livescore matches`."""
    return {
        "id": match.get("id"),
        "home": clean(match.get("home_team"), 80),
        "away": clean(match.get("away_team"), 80),
        "start": clean(match.get("start_time"), 40) or None,
        "status": clean(match.get("status"), 30),
    }


def dumps(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False)


async def with_retries(
    call: Callable[[], Awaitable[T]],
    attempts: int = 3,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """A REST call, tried again after transient failures (5xx, timeouts), with the same
    backoff as every other retry in livescore (and the server's Retry-After, if longer)."""
    backoff = Backoff(initial=1.0, cap=10.0)
    for attempt in range(attempts):
        try:
            return await call()
        except ApiError as exc:
            if not exc.transient or attempt == attempts - 1:
                raise
            await sleep(backoff.next_delay(exc.retry_after))
    raise AssertionError("unreachable")
