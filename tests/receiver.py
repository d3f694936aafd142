"""A real HTTP server on a loopback port that records what it receives (webhooks, PURGEs).

Deliveries cross a real socket, so headers, bodies, retries, redirects and the PURGE requests of
Wagtail's ``HTTPBackend`` are exactly what a Next.js revalidation route or a Varnish would get.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    arrived: float = field(default_factory=time.monotonic)

    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """What the server got, and how it answers the next requests: ``failures_left`` answers of
    ``failure_status`` (with ``Location: /elsewhere`` for a 3xx), then 200s."""

    url: str
    requests: list[Received] = field(default_factory=list)
    failures_left: int = 0
    failure_status: int = 503
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_for(self, count: int, method: str = "POST", timeout: float = 10) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = [r for r in self.requests if r.method == method]
            if len(got) >= count:
                return got
            time.sleep(0.01)
        raise AssertionError(f"expected {count} {method} requests, got {self.requests!r}")

    def received(self, method: str = "POST") -> list[Received]:
        return [r for r in self.requests if r.method == method]


@contextmanager
def serve() -> Iterator[Receiver]:
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            with state.lock:
                state.requests.append(
                    Received(self.command, self.path, dict(self.headers.items()), body)
                )
                failing = state.failures_left > 0
                if failing:
                    state.failures_left -= 1
            status = state.failure_status if failing else 200
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", f"{state.url}/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_PURGE = do_GET = _record

        def log_message(self, *args) -> None:  # keep the test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
