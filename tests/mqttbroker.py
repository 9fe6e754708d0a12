"""A real mosquitto broker on a free port on 127.0.0.1, for the tests: Debian's ``mosquitto``
(CI installs it); the tests that need it skip, saying so, only outside CI. It keeps its
sessions on disk, so a test can stop it and start it again on the same port with every
persistent session and its queued messages; it can require a password."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

BINARY = shutil.which("mosquitto") or (
    "/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else None
)
SKIP = "mosquitto is not installed (apt-get install mosquitto; CI installs it)"


def needs_broker() -> pytest.MarkDecorator:
    """Skip without mosquitto, except in CI, where its absence is a failure."""
    if BINARY is None and os.environ.get("CI"):
        raise RuntimeError("CI must install mosquitto (apt-get install mosquitto)")
    return pytest.mark.skipif(BINARY is None, reason=SKIP)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Broker:
    def __init__(self, directory: Path, users: dict[str, str] | None = None) -> None:
        assert BINARY is not None, SKIP
        self.dir = directory
        self.port = _free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        lines = [f"listener {self.port} 127.0.0.1", "persistence true",
                 f"persistence_location {directory}/", "autosave_interval 1"]  # fmt: skip
        if os.geteuid() == 0:  # as root it would become the user mosquitto, who cannot
            lines.append("user root")  # read this test's files (CI runs as root)
        if users:
            passwd = directory / "passwd"
            passwd.write_text("")
            for user, password in users.items():
                subprocess.run(["mosquitto_passwd", "-b", str(passwd), user, password],
                               check=True, capture_output=True)  # fmt: skip
            passwd.chmod(0o600)
            lines += ["allow_anonymous false", f"password_file {passwd}"]
        else:
            lines.append("allow_anonymous true")
        self.conf = directory / "mosquitto.conf"
        self.conf.write_text("\n".join(lines) + "\n")

    def url(self, auth: str = "", prefix: str = "") -> str:
        return f"mqtt://{auth}127.0.0.1:{self.port}{'/' + prefix if prefix else ''}"

    def start(self) -> Broker:
        argv = [BINARY or "mosquitto", "-c", str(self.conf)]
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"mosquitto exited {self.proc.returncode}") from None
                time.sleep(0.05)
        raise RuntimeError("mosquitto did not start")

    def stop(self) -> None:
        """SIGTERM: it saves its sessions and queued messages, then exits."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
        self.proc = None


class Subscriber:
    """A paho client in a thread of its own, collecting (topic, payload, retained)."""

    def __init__(self, port: int, topics: list[str], client_id: str = "",
                 clean: bool = True) -> None:  # fmt: skip
        import paho.mqtt.client as mqtt

        self.got: list[tuple[str, bytes, bool]] = []
        self.lock = threading.Lock()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id,
                                  clean_session=clean)  # fmt: skip
        self.subscribed = threading.Event()

        def on_connect(client: Any, userdata: Any, flags: Any, reason: Any, props: Any) -> None:
            client.subscribe([(t, 1) for t in topics])

        def on_subscribe(client: Any, userdata: Any, mid: Any, codes: Any, props: Any) -> None:
            self.subscribed.set()

        def on_message(client: Any, userdata: Any, message: Any) -> None:
            with self.lock:
                self.got.append((message.topic, message.payload, bool(message.retain)))

        self.client.on_connect = on_connect
        self.client.on_subscribe = on_subscribe
        self.client.on_message = on_message
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()
        assert self.subscribed.wait(20), "no SUBACK"

    def wait_for(self, check: Callable[[list[tuple[str, bytes, bool]]], bool],
                 timeout: float = 30) -> list[tuple[str, bytes, bool]]:  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                got = list(self.got)
            if check(got):
                return got
            time.sleep(0.02)
        raise AssertionError(f"not seen in {timeout}s; got {len(got)}: {got[-5:]}")

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()
