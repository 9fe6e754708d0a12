"""ESPN answers compressed as its edge offers (zstd, br, gzip) and conditional requests:
the validators sent back, a 304 meaning "unchanged" (no parse, no event), and a recording
with 304s replaying to the same events."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest
import zstandard

from livescore.sim.http import Request, Response, serve
from tests.helpers import board_json, event, jsonl, popen_cli, read_json_lines, run_cli, stop

PACK = {
    "zstd": lambda data: zstandard.ZstdCompressor().compress(data),
    "br": brotli.compress,
    "gzip": gzip.compress,
}


class Edge:
    """An edge that compresses as asked and answers 304 while the board is unchanged."""

    def __init__(self, boards: list[bytes]) -> None:
        self.boards = boards
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Response:
        self.requests.append(request)
        index = min(len(self.requests) - 1, len(self.boards) - 1)
        body = self.boards[index]
        etag = f'"v{hash(body) & 0xFFFF}"'
        if request.headers.get("if-none-match") == etag:
            return Response(304, b"", {"ETag": etag})
        accepted = [a.strip() for a in request.headers.get("accept-encoding", "").split(",")]
        coding = next((c for c in accepted if c in PACK), None)
        headers = {"Content-Type": "application/json", "ETag": etag}
        if coding is not None:
            headers["Content-Encoding"] = coding
            body = PACK[coding](body)
        return Response(200, body, headers)


@pytest.mark.parametrize("coding", ["zstd", "br", "gzip"])
def test_compressed_answers_and_304s(coding: str, tmp_path: Path) -> None:
    first = board_json(event())
    later = board_json(event(home=("BOS", "90")))
    edge = Edge([first, first, first, later])
    recording = tmp_path / "r.jsonl"
    with serve(edge) as url:
        # the edge offers only one encoding: the best the client accepts
        original = PACK.copy()
        for other in [c for c in PACK if c != coding]:
            del PACK[other]
        try:
            proc = popen_cli("watch", "nba", "--espn-url", url, "--interval", "0.05", "--json",
                             "--record", str(recording))  # fmt: skip
            lines = read_json_lines(proc, 2, feeds=True)
            stop(proc)
        finally:
            PACK.update(original)
    assert [(x["event"], x["home"]["score"]) for x in lines] == [("snapshot", 87), ("score", 90)]
    assert coding in edge.requests[0].headers["accept-encoding"]
    assert "if-none-match" not in edge.requests[0].headers
    assert edge.requests[1].headers["if-none-match"].startswith('"v')
    replayed = run_cli("replay", str(recording), "--speed", "0", "--json")
    assert replayed.returncode == 0, replayed.stderr
    assert jsonl(replayed.stdout) == [x for x in lines if x["event"] != "feed"]
    assert '"status": 304' in recording.read_text()
