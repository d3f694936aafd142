"""Publish webhooks and frontend-cache purges, received by a real HTTP server on localhost.

The receiver is a ``ThreadingHTTPServer`` on an ephemeral loopback port: deliveries cross a real
socket, so headers, bodies, retries and the PURGE requests of Wagtail's ``HTTPBackend`` are
exactly what a Next.js revalidation route or a Varnish would get.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from wagtail.models import ReferenceIndex

from tests.api.rest.conftest import rich_body
from tests.factories import ArticlePageFactory, ClinicHoursSnippetFactory, ConditionPageFactory
from wagtail_neuro.api import webhooks

pytestmark = pytest.mark.django_db

SECRET = "s3cret-for-tests"


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """What the local server got, and how it should answer the next requests."""

    url: str
    requests: list[Received] = field(default_factory=list)
    failures_left: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_for(self, count: int, method: str = "POST", timeout: float = 10) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = [r for r in self.requests if r.method == method]
            if len(got) >= count:
                return got
            time.sleep(0.01)
        raise AssertionError(f"expected {count} {method} requests, got {self.requests!r}")


@pytest.fixture
def receiver() -> Iterator[Receiver]:
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
            self.send_response(503 if failing else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_PURGE = _record

        def log_message(self, *args) -> None:  # keep the test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def webhook_settings(settings, receiver, monkeypatch):
    settings.WAGTAIL_NEURO_WEBHOOK_URLS = [f"{receiver.url}/revalidate"]
    settings.WAGTAIL_NEURO_WEBHOOK_SECRET = SECRET
    settings.WAGTAIL_NEURO_WEBHOOK_TIMEOUT = 2
    settings.WAGTAIL_NEURO_WEBHOOK_RETRIES = 3
    monkeypatch.setattr(webhooks, "FIRST_RETRY_DELAY", 0.01)  # keep retries quick
    return settings


def publish(page, capture) -> None:
    with capture(execute=True):
        page.save_revision().publish()
    join_deliveries()


def join_deliveries() -> None:
    for thread in list(webhooks.pending):
        thread.join(timeout=10)


def test_publish_posts_a_signed_json_body(
    webhook_settings, receiver, blog, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=blog, slug="autoimmune", live=False)
    publish(article, django_capture_on_commit_callbacks)

    (delivery,) = receiver.wait_for(1)
    assert delivery.path == "/revalidate"
    assert delivery.headers["Content-Type"] == "application/json"
    expected = hmac.new(SECRET.encode(), delivery.body, hashlib.sha256).hexdigest()
    assert delivery.headers[webhooks.SIGNATURE_HEADER] == f"sha256={expected}"
    body = delivery.json()
    assert body["action"] == "publish"
    assert body["id"] == article.pk
    assert body["type"] == "wagtail_neuro.ArticlePage"
    assert body["live"] is True
    assert body["paths"][:2] == ["/blog/autoimmune/", "/blog/"]
    assert body["listing_pages"] == [blog.pk]
    assert f"/api/v2/pages/{article.pk}/" in body["api_paths"]
    assert f"/api/v3/pages/{article.pk}/" in body["api_paths"]


def test_a_tampered_body_fails_the_signature(
    webhook_settings, receiver, blog, django_capture_on_commit_callbacks
):
    publish(ArticlePageFactory(parent=blog, live=False), django_capture_on_commit_callbacks)
    (delivery,) = receiver.wait_for(1)
    tampered = delivery.body.replace(b'"publish"', b'"unpublish"')
    assert webhooks.sign(tampered, SECRET) != delivery.headers[webhooks.SIGNATURE_HEADER]
    assert (
        webhooks.sign(delivery.body, "another secret")
        != delivery.headers[webhooks.SIGNATURE_HEADER]
    )


def test_pages_that_link_to_the_published_page_are_listed(
    webhook_settings, receiver, blog, conditions_index, image, django_capture_on_commit_callbacks
):
    lupus = ConditionPageFactory(parent=conditions_index, title="Lupus", slug="lupus")
    neighbour = ConditionPageFactory(parent=conditions_index, title="RA", slug="ra")
    neighbour.related_conditions.add(lupus)
    neighbour.save_revision().publish()
    article = ArticlePageFactory(parent=blog, slug="linking", body=rich_body(image, lupus))
    ReferenceIndex.create_or_update_for_object(article)
    receiver.requests.clear()

    publish(lupus, django_capture_on_commit_callbacks)

    body = receiver.wait_for(1)[0].json()
    assert body["id"] == lupus.pk
    assert set(body["linking_pages"]) == {article.pk, neighbour.pk}
    for path in ("/conditions/lupus/", "/conditions/", "/blog/linking/", "/conditions/ra/"):
        assert path in body["paths"]
    assert f"/api/v2/pages/{article.pk}/" in body["api_paths"]


def test_unpublish_and_move_are_announced(
    webhook_settings, receiver, blog, conditions_index, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=blog, slug="moving")
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    join_deliveries()
    unpublished = receiver.wait_for(1)[0].json()
    assert unpublished["action"] == "unpublish"
    assert unpublished["live"] is False
    assert "/blog/moving/" in unpublished["paths"]

    other_blog = blog.get_parent().add_child(instance=type(blog)(title="News", slug="news"))
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        article.move(other_blog, pos="last-child")
    join_deliveries()
    moved = receiver.wait_for(2)[1].json()
    assert moved["action"] == "move"
    assert moved["paths"][:2] == ["/blog/moving/", "/news/moving/"]


def test_a_failing_receiver_is_retried_until_it_answers(
    webhook_settings, receiver, blog, django_capture_on_commit_callbacks
):
    receiver.failures_left = 2
    publish(ArticlePageFactory(parent=blog, live=False), django_capture_on_commit_callbacks)
    deliveries = receiver.wait_for(3)
    assert len(deliveries) == 3
    assert len({d.body for d in deliveries}) == 1  # the same body every attempt


def test_retries_stop_after_the_configured_attempts(
    webhook_settings, receiver, blog, django_capture_on_commit_callbacks, caplog
):
    webhook_settings.WAGTAIL_NEURO_WEBHOOK_RETRIES = 2
    receiver.failures_left = 10
    publish(ArticlePageFactory(parent=blog, live=False), django_capture_on_commit_callbacks)
    time.sleep(0.2)
    assert len(receiver.wait_for(2)) == 2
    assert "HTTP 503" in caplog.text


def test_an_unreachable_receiver_does_not_break_publishing(
    webhook_settings, blog, django_capture_on_commit_callbacks
):
    webhook_settings.WAGTAIL_NEURO_WEBHOOK_URLS = ["http://127.0.0.1:9/nothing-listens-here"]
    webhook_settings.WAGTAIL_NEURO_WEBHOOK_RETRIES = 1
    article = ArticlePageFactory(parent=blog, live=False)
    publish(article, django_capture_on_commit_callbacks)
    article.refresh_from_db()
    assert article.live


def test_nothing_is_sent_before_the_transaction_commits(
    webhook_settings, receiver, blog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ArticlePageFactory(parent=blog, live=False).save_revision().publish()
    assert len(callbacks) >= 1
    join_deliveries()
    assert receiver.requests == []


def test_no_urls_means_no_requests(settings, receiver, blog, django_capture_on_commit_callbacks):
    settings.WAGTAIL_NEURO_WEBHOOK_URLS = []
    publish(ArticlePageFactory(parent=blog, live=False), django_capture_on_commit_callbacks)
    time.sleep(0.1)
    assert receiver.requests == []


def test_frontend_cache_purges_the_api_urls(
    settings, receiver, blog, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": receiver.url,
        }
    }
    article = ArticlePageFactory(parent=blog, slug="cached", live=False)
    publish(article, django_capture_on_commit_callbacks)
    purged = {r.path for r in receiver.requests if r.method == "PURGE"}
    assert f"/api/v2/pages/{article.pk}/" in purged
    assert f"/api/v3/pages/{article.pk}/" in purged
    assert "/api/v2/pages/" in purged
    assert all(r.headers["Host"] == "testserver" for r in receiver.requests)


def test_clinic_hours_publish_names_the_pages_that_show_them(
    webhook_settings, receiver, blog, image, django_capture_on_commit_callbacks
):
    hours = ClinicHoursSnippetFactory(name="Office Hours")
    article = ArticlePageFactory(
        parent=blog, slug="hours-inside", body=rich_body(image, hours=hours)
    )
    ReferenceIndex.create_or_update_for_object(article)
    ArticlePageFactory(parent=blog, slug="no-hours")

    publish(hours, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        hours.unpublish()
    join_deliveries()

    published, unpublished = (delivery.json() for delivery in receiver.wait_for(2))
    assert published["action"] == "publish"
    assert published["type"] == "wagtail_neuro.ClinicHoursSnippet"
    assert published["id"] == hours.pk
    assert published["title"] == "Office Hours"
    assert published["paths"] == ["/blog/hours-inside/"]
    assert published["linking_pages"] == [article.pk]
    for path in (
        "/api/v2/clinic-hours/",
        f"/api/v2/clinic-hours/{hours.pk}/",
        "/api/v3/clinic-hours/",
        f"/api/v3/clinic-hours/{hours.pk}/",
        f"/api/v2/pages/{article.pk}/",
    ):
        assert path in published["api_paths"]
    assert unpublished["action"] == "unpublish"
    assert unpublished["live"] is False


def test_purges_use_wagtailapi_base_url(
    settings, receiver, blog, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": receiver.url,
        }
    }
    settings.WAGTAILAPI_BASE_URL = "https://cms.example-clinic.com"
    article = ArticlePageFactory(parent=blog, live=False)
    publish(article, django_capture_on_commit_callbacks)
    api_purges = [r for r in receiver.requests if r.path == f"/api/v2/pages/{article.pk}/"]
    assert api_purges
    assert {r.headers["Host"] for r in api_purges} == {"cms.example-clinic.com"}


def test_a_short_lived_process_finishes_its_retries_before_it_exits(receiver, tmp_path):
    """``publish_scheduled`` run by cron exits right after publishing: its deliveries, retries
    included, must still arrive."""
    receiver.failures_left = 1
    script = tmp_path / "publish_and_exit.py"
    script.write_text(
        "import django\n"
        "django.setup()\n"
        "from wagtail_neuro.api import webhooks\n"
        "webhooks.FIRST_RETRY_DELAY = 0.2\n"
        "webhooks._send({'action': 'publish', 'id': 1})\n"
        "print('exiting')\n"
    )
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        PYTHONPATH=str(Path(__file__).resolve().parents[3]),
        WEBHOOK_TEST_URL=f"{receiver.url}/revalidate",
    )
    settings_module = tmp_path / "cron_settings.py"
    settings_module.write_text(
        "import os\n"
        "from tests.settings import *  # noqa: F403\n"
        "WAGTAIL_NEURO_WEBHOOK_URLS = [os.environ['WEBHOOK_TEST_URL']]\n"
        "WAGTAIL_NEURO_WEBHOOK_SECRET = 'cron'\n"
    )
    environment["DJANGO_SETTINGS_MODULE"] = "cron_settings"
    environment["PYTHONPATH"] += os.pathsep + str(tmp_path)
    result = subprocess.run(
        [sys.executable, str(script)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "exiting" in result.stdout
    deliveries = receiver.wait_for(2, timeout=1)  # both arrived before the process ended
    assert deliveries[1].json() == {"action": "publish", "id": 1}


def test_api_paths_name_what_is_mounted_only(settings, blog, image):
    """With v3 not mounted, the v2 URLs are still all there (page details included)."""
    settings.ROOT_URLCONF = "tests.api.rest.v2_only_urls"
    hours = ClinicHoursSnippetFactory(name="Office Hours")
    article = ArticlePageFactory(parent=blog, body=rich_body(image, hours=hours))
    ReferenceIndex.create_or_update_for_object(article)
    payload = webhooks.build_clinic_hours_payload(hours, "publish")
    assert payload["api_paths"] == [
        "/api/v2/clinic-hours/",
        f"/api/v2/clinic-hours/{hours.pk}/",
        f"/api/v2/pages/{article.pk}/",
    ]
