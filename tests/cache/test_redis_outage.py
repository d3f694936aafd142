"""A Redis that does not answer costs speed, never an error or a stale answer
(:class:`wagtail_neuro.cache.backend.TolerantRedisCache`).

Real sockets throughout: a port nothing listens on (refused), a server that hangs up on every
connection (counted), and a forwarder to the machine's Redis that can be cut and restored, as a
network outage would.
"""

from __future__ import annotations

import contextlib
import secrets
import socket
import threading
import urllib.parse
from collections.abc import Iterator

import pytest

from benchmarks.servers import redis_available
from tests.api.rest.conftest import make_article
from tests.conftest import REDIS_TEST_URL
from wagtail_neuro.cache import backend

pytestmark = pytest.mark.django_db

TOLERANT = "wagtail_neuro.cache.backend.TolerantRedisCache"
GRAPHQL = "/graphql/?" + urllib.parse.urlencode({"query": "{ articles { title } }"})


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Forwarder:
    """A loopback port forwarding to ``target``; ``target=None`` hangs up on every connection.
    :meth:`down` closes the port and every connection through it; :meth:`up` opens it again."""

    def __init__(self, target: tuple[str, int] | None) -> None:
        self.target = target
        self.port = _free_port()
        self.accepted = 0
        self.listener: socket.socket | None = None
        self.open: list[socket.socket] = []

    def up(self) -> Forwarder:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def down(self) -> None:
        for sock in [self.listener, *self.open]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.listener, self.open = None, []

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:  # shut down
                return
            self.accepted += 1
            if self.target is None:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture(autouse=True)
def no_outage_remembered():
    """The back-off is per process: no test inherits another's outage."""
    backend._down_until.clear()
    yield
    backend._down_until.clear()


def _use_redis_at(settings, url: str, **options) -> None:
    """Every cache (Wagtail's renditions, totals, throttle, response cache) on ``url``."""
    prefix = "outage-" + secrets.token_hex(4)
    settings.CACHES = {
        "default": {"BACKEND": TOLERANT, "LOCATION": url, "KEY_PREFIX": prefix, **options}
    }
    settings.WAGTAIL_NEURO_RESPONSE_CACHE = "default"


@pytest.fixture
def refused(settings) -> None:
    _use_redis_at(settings, f"redis://127.0.0.1:{_free_port()}/0")


def test_while_redis_is_away_every_feed_answers(client, settings, refused, blog, image):
    settings.WAGTAIL_NEURO_THROTTLE_RATES = {"rest": "3/minute", "graphql": "3/minute"}
    article = make_article(blog, image, title="Written during the outage")  # publishes

    urls = [
        "/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*",
        f"/api/v2/pages/{article.pk}/",
        "/api/v3/articles/",
        f"/api/v3/pages/{article.pk}/",
        GRAPHQL,
    ]
    for url in urls * 2:  # over the throttle's 3 a minute: its counters are away too
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        assert b"Written during the outage" in response.content


def test_a_publish_during_the_outage_is_the_next_answer(
    client, refused, blog, image, django_capture_on_commit_callbacks
):
    article = make_article(blog, image, title="Before")
    url = f"/api/v2/pages/{article.pk}/"
    assert client.get(url).json()["title"] == "Before"

    with django_capture_on_commit_callbacks(execute=True):
        article.title = "After"
        article.save_revision().publish()

    assert client.get(url).json()["title"] == "After"


def test_an_outage_costs_a_connection_per_backoff_not_one_per_request(client, settings, blog):
    hangs_up = Forwarder(target=None).up()
    try:
        _use_redis_at(settings, f"redis://127.0.0.1:{hangs_up.port}/0")
        assert client.get("/api/v2/pages/").status_code == 200
        after_one = hangs_up.accepted
        for _ in range(20):
            assert client.get("/api/v2/pages/").status_code == 200
    finally:
        hangs_up.down()

    assert after_one >= 1  # it was tried
    assert hangs_up.accepted == after_one  # and then left alone for OUTAGE_BACKOFF seconds


@pytest.fixture
def redis_through_forwarder(settings) -> Iterator[Forwarder]:
    if not redis_available(REDIS_TEST_URL):
        pytest.skip(f"Redis does not answer at {REDIS_TEST_URL}")
    parts = urllib.parse.urlsplit(REDIS_TEST_URL)
    forwarder = Forwarder(target=(parts.hostname, parts.port)).up()
    _use_redis_at(settings, f"redis://127.0.0.1:{forwarder.port}{parts.path}")
    yield forwarder
    forwarder.down()


def test_after_an_outage_no_answer_from_before_it_is_served(
    client, monkeypatch, redis_through_forwarder, blog, image, django_capture_on_commit_callbacks
):
    """Redis keeps its data through a network outage, including the copy of the content
    version from before a publish that could not replace it: the first call that finds Redis
    back replaces the copy before reading it."""
    monkeypatch.setattr(backend, "OUTAGE_BACKOFF", 0.0)  # try again at the next call
    article = make_article(blog, image, title="Before")
    url = "/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=title"
    assert [item["title"] for item in client.get(url).json()["items"]] == ["Before"]  # stored

    redis_through_forwarder.down()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "After"
        article.save_revision().publish()
    assert [item["title"] for item in client.get(url).json()["items"]] == ["After"]

    redis_through_forwarder.up()
    assert [item["title"] for item in client.get(url).json()["items"]] == ["After"]
