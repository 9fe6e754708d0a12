"""A tiny threaded HTTP server on 127.0.0.1 whose answers come from a Python function.

Used by ``livescore demo`` (ESPN-shaped scoreboards) and by the tests (faults of every kind).
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    delay: float = 0.0  # seconds to wait before answering
    drop: bool = False  # close the connection without answering
    cut_after: int | None = None  # reset the connection after this many bytes of the body
    trickle: float = 0.0  # seconds between bytes of the body (a slowloris server)


Handler = Callable[[Request], Response]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    handler: Handler
    stopping: threading.Event

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up is not the simulator's problem


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        request = Request(
            "GET",
            parts.path,
            parse_qs(parts.query),
            {k.lower(): v for k, v in self.headers.items()},
        )
        try:
            response = self.server.handler(request)
        except Exception as exc:  # a broken handler is a 500, not a dead thread
            response = Response(500, f"handler error: {exc}".encode(), {})
        if response.delay and self.server.stopping.wait(response.delay):
            return
        if response.drop:
            self.close_connection = True
            return
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        with suppress(BrokenPipeError, ConnectionResetError):
            if response.trickle:
                for i in range(len(response.body)):
                    if self.server.stopping.wait(response.trickle):
                        return
                    self.wfile.write(response.body[i : i + 1])
                    self.wfile.flush()
                return
            if response.cut_after is None:
                self.wfile.write(response.body)
                return
            self.wfile.write(response.body[: response.cut_after])
            self.wfile.flush()
            # SO_LINGER 0: close with a reset (RST) in the middle of the body
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(handler: Handler, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Run the server in a thread; yields its base URL (``http://127.0.0.1:PORT``)."""
    server = _Server((host, port), _RequestHandler)
    server.handler = handler
    server.stopping = threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
