"""HTTP content decoding that stops at the room it is given: every encoding round-trips, and
a bomb of each costs the room, not what it would inflate to (tracemalloc)."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from collections.abc import Callable

import brotli
import pytest
import zstandard

from livescore.net.decoding import Chain, DecodeFailed, TooLarge, accept_encoding

BODY = (
    b'{"events": ['
    + b'{"id": "1", "name": "Boston Celtics at Philadelphia 76ers"},' * 400
    + b"{}]}"
)
MB = 1024 * 1024


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


PACK: dict[str, Callable[[bytes], bytes]] = {
    "gzip": gzip.compress,
    "deflate": zlib.compress,
    "br": brotli.compress,
    "zstd": lambda data: zstandard.ZstdCompressor().compress(data),
    "identity": lambda data: data,
}


def _decode(encoding: str, packed: bytes, room: int, chunk: int = 4096) -> bytes:
    chain = Chain(encoding)
    out = b""
    for start in range(0, len(packed), chunk):
        out += chain.feed(packed[start : start + chunk], room - len(out))
    return out + chain.end(room - len(out))


@pytest.mark.parametrize("encoding", sorted(PACK))
def test_each_encoding_round_trips(encoding: str) -> None:
    assert _decode(encoding, PACK[encoding](BODY), 10 * MB) == BODY
    assert _decode(encoding, PACK[encoding](BODY), 10 * MB, chunk=7) == BODY


def test_raw_deflate_and_stacked_encodings() -> None:
    assert _decode("deflate", _raw_deflate(BODY), MB) == BODY
    assert _decode("gzip, br", brotli.compress(gzip.compress(BODY)), MB) == BODY


def _bomb(encoding: str) -> bytes:
    zeros = bytes(64 * MB)
    if encoding == "gzip":
        return gzip.compress(zeros, 9)
    if encoding == "br":
        return brotli.compress(zeros, quality=11)
    return zstandard.ZstdCompressor(level=19).compress(zeros)


@pytest.mark.parametrize("encoding", ["gzip", "br", "zstd"])
def test_a_bomb_costs_the_room_not_what_it_inflates_to(encoding: str) -> None:
    packed = _bomb(encoding)  # 64 MB of zeros in a few KB
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge):
            _decode(encoding, packed, 2 * MB, chunk=64 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB, peak


def test_a_body_that_is_not_its_encoding_and_an_unknown_encoding() -> None:
    with pytest.raises(DecodeFailed):
        _decode("gzip", b"not gzip at all", MB)
    with pytest.raises(DecodeFailed, match="does not read"):
        Chain("compress")


def test_accept_encoding_names_the_best_first() -> None:
    assert accept_encoding() == "zstd, br, gzip, deflate"
