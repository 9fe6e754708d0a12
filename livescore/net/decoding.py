"""HTTP content decoding (gzip, deflate, br, zstd) that never makes more than it is allowed.

httpx decodes each chunk it receives whole: one 64 KB chunk of a gzip bomb is 64 MB, of a
brotli one gigabytes. Here every decoder is told how much room is left, and stops there:
zlib by ``max_length``, brotli by ``output_buffer_limit``, zstd by being fed a few bytes at
a time (a zstd block of 4 bytes can stand for 128 KB). ``TooLarge`` says the body is over.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Callable, Mapping
from typing import Any, Protocol

# zstd's worst case: a 4-byte RLE block stands for 128 KB. Input is fed in steps no larger
# than the room left allows at that ratio (at least 32 bytes: about 1 MB of output).
ZSTD_RATIO = 32_768
ZSTD_MIN_STEP = 32


class TooLarge(Exception):
    """The decoded body would be larger than allowed."""


class DecodeFailed(Exception):
    """The body is not what its Content-Encoding says."""


class Decoder(Protocol):
    def feed(self, data: bytes, room: int) -> bytes:
        """The output of ``data``: at most ``room`` bytes, else TooLarge."""

    def end(self, room: int) -> bytes:
        """Whatever output remains once the input has ended."""


class _Identity:
    def feed(self, data: bytes, room: int) -> bytes:
        if len(data) > room:
            raise TooLarge
        return data

    def end(self, room: int) -> bytes:
        return b""


class _Zlib:
    """gzip (``wbits`` 16 + 15), zlib-wrapped deflate, or raw deflate (-15), tried in turn for
    ``deflate`` as servers send either."""

    def __init__(self, wbits: int, fallback: int | None = None) -> None:
        self._d = zlib.decompressobj(wbits)
        self._fallback = fallback
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        try:
            out = self._d.decompress(data, room + 1)
        except zlib.error as exc:
            if self._fallback is None or self._started:
                raise DecodeFailed(str(exc)) from None
            self._d = zlib.decompressobj(self._fallback)
            self._fallback = None
            return self.feed(data, room)
        self._started = True
        if len(out) > room:
            raise TooLarge
        return out

    def end(self, room: int) -> bytes:
        try:
            out = self._d.flush()
        except zlib.error as exc:
            raise DecodeFailed(str(exc)) from None
        if len(out) > room:
            raise TooLarge
        return out


class _Brotli:
    def __init__(self, module: Any) -> None:
        self._module = module
        self._d = module.Decompressor()

    def feed(self, data: bytes, room: int) -> bytes:
        try:
            out = self._d.process(data, output_buffer_limit=room + 1)
            while len(out) <= room and not self._d.can_accept_more_data():
                out += self._d.process(b"", output_buffer_limit=room + 1 - len(out))
        except self._module.error as exc:
            raise DecodeFailed(str(exc)) from None
        if len(out) > room:
            raise TooLarge
        return bytes(out)

    def end(self, room: int) -> bytes:
        return b""


class _Zstd:
    def __init__(self, module: Any) -> None:
        self._module = module
        self._d = module.ZstdDecompressor().decompressobj()

    def feed(self, data: bytes, room: int) -> bytes:
        parts: list[bytes] = []
        made = 0
        view = memoryview(data)
        start = 0
        try:
            while start < len(view):
                step = max(ZSTD_MIN_STEP, (room - made) // ZSTD_RATIO)
                part = self._d.decompress(view[start : start + step])
                start += step
                made += len(part)
                if made > room:
                    raise TooLarge
                parts.append(part)
        except self._module.ZstdError as exc:
            raise DecodeFailed(str(exc)) from None
        return b"".join(parts)

    def end(self, room: int) -> bytes:
        return b""


def _optional(name: str) -> Any:
    try:
        return __import__(name)
    except ImportError:  # pragma: no cover (both are dependencies; a broken install)
        return None


_MAKERS: dict[str, Callable[[], Decoder]] = {
    "identity": _Identity,
    "gzip": lambda: _Zlib(16 + zlib.MAX_WBITS),
    "x-gzip": lambda: _Zlib(16 + zlib.MAX_WBITS),
    "deflate": lambda: _Zlib(zlib.MAX_WBITS, -zlib.MAX_WBITS),
}


@functools.cache
def encodings() -> Mapping[str, Callable[[], Decoder]]:
    """What can be decoded here, by Content-Encoding name."""
    makers = dict(_MAKERS)
    brotli = _optional("brotli")
    if brotli is not None:
        makers["br"] = lambda: _Brotli(brotli)
    zstandard = _optional("zstandard")
    if zstandard is not None:
        makers["zstd"] = lambda: _Zstd(zstandard)
    return makers


@functools.cache
def accept_encoding() -> str:
    """The Accept-Encoding to send: the best first (ESPN's edge may offer any)."""
    found = encodings()
    return ", ".join(name for name in ("zstd", "br", "gzip", "deflate") if name in found)


class Chain:
    """The decoders of a Content-Encoding header, applied in reverse order."""

    def __init__(self, content_encoding: str) -> None:
        names = [n.strip().lower() for n in content_encoding.split(",") if n.strip()]
        makers = encodings()
        unknown = [n for n in names if n not in makers]
        if unknown:
            raise DecodeFailed(f"an encoding livescore does not read ({unknown[0][:20]})")
        self._decoders = [makers[n]() for n in reversed(names)] or [_Identity()]

    def feed(self, data: bytes, room: int) -> bytes:
        for decoder in self._decoders:
            data = decoder.feed(data, room)
        return data

    def end(self, room: int) -> bytes:
        out = b""
        for index, decoder in enumerate(self._decoders):
            tail = decoder.end(room)
            for after in self._decoders[index + 1 :]:
                tail = after.feed(tail, room)
            out += tail
        if len(out) > room:
            raise TooLarge
        return out
