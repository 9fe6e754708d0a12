"""One bounded HTTP GET for every HTTP path (ESPN scoreboards, FastCast discovery and
checkpoints, the Sportrix REST API): whatever the server does, it ends.

- the decoded body is capped, and decoding stops there (``decoding.py``: a gzip, brotli or
  zstd bomb costs the cap, not the memory's end); gzip, deflate, br and zstd are accepted;
- one deadline covers the whole request, connection to last byte (a server that sends a
  valid body one byte every two seconds is cut at the deadline, not at 75 s);
- a redirect is followed only to the same host (at most a few times); to another host it is
  refused, as a server that has been taken over would use one;
- JSON that is malformed or nested too deep for Python is the same failure: "not JSON".
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from livescore.net import decoding
from livescore.net.neterrors import describe

# httpcore asks ``import sniffio`` on every request to learn the event loop, and without
# sniffio (anyio no longer needs it) each ask searches sys.path again: a failed import is not
# remembered. None in sys.modules is Python's way to say "not installed" once (the import
# then fails at once, and httpcore takes asyncio, as it did).
if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
    sys.modules["sniffio"] = None  # type: ignore[assignment]

MAX_BODY = 32 * 1024 * 1024  # decoded bytes of one answer
MAX_REDIRECTS = 5


class HttpFailure(Exception):
    """The request did not give an answer to read; ``str()`` says why, in one line."""

    def __init__(self, message: str, *, timed_out: bool = False) -> None:
        super().__init__(message)
        self.timed_out = timed_out


@dataclass(frozen=True)
class Answer:
    status: int
    headers: httpx.Headers
    body: bytes  # decoded (gzip, br, zstd undone), at most the cap
    url: str  # where the answer came from, after same-host redirects

    def json(self) -> Any:
        """The body as JSON. Raises ValueError for malformed or too deeply nested JSON."""
        return loads(self.body)


def loads(body: bytes | str) -> Any:
    """JSON, with RecursionError (nesting too deep) reported as the ValueError it is."""
    try:
        return json.loads(body)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def host_of(url: str) -> str:
    try:
        return httpx.URL(url).host or url
    except httpx.InvalidURL:
        return url


async def get(
    client: httpx.AsyncClient,
    url: str,
    *,
    deadline: float,
    params: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    max_body: int = MAX_BODY,
) -> Answer:
    """GET ``url``: the answer, whatever its status. Raises HttpFailure when there is none
    within ``deadline`` seconds, the body is over ``max_body`` decoded bytes, the server
    redirects to another host, or the network fails."""
    try:
        async with asyncio.timeout(deadline):
            return await _follow(client, url, params, headers, max_body)
    except (TimeoutError, httpx.TimeoutException):
        raise HttpFailure(f"timed out after {deadline:g}s", timed_out=True) from None
    except httpx.HTTPError as exc:
        raise HttpFailure(f"cannot reach {host_of(url)}: {describe(exc)}") from None


async def _follow(
    client: httpx.AsyncClient,
    url: str,
    params: Mapping[str, str] | None,
    headers: Mapping[str, str] | None,
    max_body: int,
) -> Answer:
    start = httpx.URL(url)
    target: httpx.URL = start
    query = params
    sent = {"Accept-Encoding": decoding.accept_encoding(), **(headers or {})}
    for _ in range(MAX_REDIRECTS + 1):
        request = client.build_request("GET", target, params=query, headers=sent)
        response = await client.send(request, stream=True, follow_redirects=False)
        try:
            if response.has_redirect_location:  # (a 304 is 3xx too, and no redirect)
                location = response.headers.get("location", "")
                following = request.url.join(location)
                if following.host != start.host:
                    raise HttpFailure(
                        f"{start.host} redirected to another host ({following.host or '?'}): "
                        "not followed"
                    )
                target, query = following, None
                continue
            body = await _read(response, max_body)
        finally:
            await response.aclose()
        return Answer(response.status_code, response.headers, body, str(request.url))
    raise HttpFailure(f"{start.host}: more than {MAX_REDIRECTS} redirects")


async def _read(response: httpx.Response, max_body: int) -> bytes:
    """The body, decoded here (not by httpx, which decodes each chunk whole)."""
    chunks: list[bytes] = []
    size = 0
    try:
        chain = decoding.Chain(response.headers.get("content-encoding", ""))
        async for raw in response.aiter_raw():
            chunk = chain.feed(raw, max_body - size)
            size += len(chunk)
            chunks.append(chunk)
        chunks.append(chain.end(max_body - size))
    except decoding.TooLarge:
        raise HttpFailure(f"response larger than {_size(max_body)}") from None
    except decoding.DecodeFailed as exc:
        raise HttpFailure(f"a body that does not decode ({exc})") from None
    return b"".join(chunks)


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):g} MB"
    return f"{count / 1024:g} KB"
