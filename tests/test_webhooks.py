"""Delivering what changed (``wagtail_neuro.webhooks``): signed webhooks and frontend-cache purges,
run as django-tasks, received by a real HTTP server on a loopback port (``tests/receiver.py``).

Most tests use the immediate backend (the default: deliveries run in the publishing process once
the transaction commits); the last ones run the durable database backend and its worker.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, HomePageFactory
from wagtail_neuro import webhooks

SECRET = "s3cret-for-tests"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def api_urls(settings):
    """The REST feeds mounted, so payloads name their URLs."""
    settings.ROOT_URLCONF = "tests.api.rest.urls"


@pytest.fixture
def webhook_settings(settings, receiver, monkeypatch):
    settings.WAGTAIL_NEURO_WEBHOOK_URLS = [f"{receiver.url}/revalidate"]
    settings.WAGTAIL_NEURO_WEBHOOK_SECRET = SECRET
    settings.WAGTAIL_NEURO_WEBHOOK_TIMEOUT = 2
    settings.WAGTAIL_NEURO_WEBHOOK_RETRIES = 3
    monkeypatch.setattr(webhooks, "FIRST_RETRY_DELAY", 0.01)  # keep retries quick
    return settings


def publish(page, capture) -> None:
    """Publish ``page`` and run what waits for the commit (the deliveries, with the immediate
    backend)."""
    with capture(execute=True):
        page.save_revision().publish()


# ---------------------------------------------------------------- the body and its signature


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


def test_no_urls_means_no_requests(settings, receiver, blog, django_capture_on_commit_callbacks):
    settings.WAGTAIL_NEURO_WEBHOOK_URLS = []
    publish(ArticlePageFactory(parent=blog, live=False), django_capture_on_commit_callbacks)
    time.sleep(0.1)
    assert receiver.requests == []


# ---------------------------------------------------------------- retries and failures


def test_a_failing_receiver_is_retried_until_it_answers(
    webhook_settings, receiver, blog, django_capture_on_commit_callbacks
):
    receiver.failures_left = 2
    publish(ArticlePageFactory(parent=blog, live=False), django_capture_on_commit_callbacks)
    deliveries = receiver.wait_for(3)
    assert len(deliveries) == 3
    assert len({d.body for d in deliveries}) == 1  # the same body every attempt
    assert len({d.headers[webhooks.SIGNATURE_HEADER] for d in deliveries}) == 1


def test_retries_stop_after_the_configured_attempts(
    webhook_settings, receiver, blog, django_capture_on_commit_callbacks, caplog
):
    webhook_settings.WAGTAIL_NEURO_WEBHOOK_RETRIES = 2
    receiver.failures_left = 10
    publish(ArticlePageFactory(parent=blog, live=False), django_capture_on_commit_callbacks)
    time.sleep(0.2)
    assert len(receiver.wait_for(2)) == 2
    assert "HTTP 503" in caplog.text


def test_retries_wait_longer_each_time(webhook_settings, receiver, monkeypatch):
    monkeypatch.setattr(webhooks, "FIRST_RETRY_DELAY", 0.1)
    receiver.failures_left = 2
    webhooks.send({"action": "publish", "id": 1})
    first, second, third = receiver.wait_for(3)
    arrivals = [request.arrived for request in (first, second, third)]
    assert arrivals[1] - arrivals[0] >= 0.1
    assert arrivals[2] - arrivals[1] >= 0.2  # doubled


def test_redirects_are_not_followed(webhook_settings, receiver, caplog):
    """A 3xx answer is a failed delivery: the signed body never goes to the redirect's target
    (nor is it retried: a redirect does not change on the next attempt)."""
    receiver.failures_left = 5
    receiver.failure_status = 302
    webhooks.send({"action": "publish", "id": 1})
    time.sleep(0.2)
    assert [r.path for r in receiver.requests] == ["/revalidate"]
    assert "HTTP 302 (redirects are not followed)" in caplog.text


@pytest.mark.parametrize(("status", "attempts"), [(400, 1), (401, 1), (404, 1), (429, 3)])
def test_client_errors_are_final_but_rate_limits_are_retried(
    webhook_settings, receiver, status, attempts
):
    receiver.failures_left = 5
    receiver.failure_status = status
    webhooks.send({"action": "publish", "id": 1})
    time.sleep(0.2)
    assert len(receiver.received()) == attempts


def test_an_unreachable_receiver_does_not_break_publishing(
    webhook_settings, blog, django_capture_on_commit_callbacks, caplog
):
    webhook_settings.WAGTAIL_NEURO_WEBHOOK_URLS = ["http://127.0.0.1:9/nothing-listens-here"]
    webhook_settings.WAGTAIL_NEURO_WEBHOOK_RETRIES = 1
    article = ArticlePageFactory(parent=blog, live=False)
    publish(article, django_capture_on_commit_callbacks)
    article.refresh_from_db()
    assert article.live
    assert "nothing-listens-here failed (attempt 1)" in caplog.text


def test_a_short_lived_process_finishes_its_retries_before_it_exits(receiver, tmp_path):
    """``publish_scheduled`` run by cron exits right after publishing: with the immediate
    backend its deliveries, retries included, still arrive."""
    receiver.failures_left = 1
    script = tmp_path / "publish_and_exit.py"
    script.write_text(
        "import django\n"
        "django.setup()\n"
        "from wagtail_neuro import webhooks\n"
        "webhooks.FIRST_RETRY_DELAY = 0.2\n"
        "webhooks.send({'action': 'publish', 'id': 1})\n"
        "print('exiting')\n"
    )
    settings_module = tmp_path / "cron_settings.py"
    settings_module.write_text(
        "import os\n"
        "from tests.settings import *  # noqa: F403\n"
        "WAGTAIL_NEURO_WEBHOOK_URLS = [os.environ['WEBHOOK_TEST_URL']]\n"
        "WAGTAIL_NEURO_WEBHOOK_SECRET = 'cron'\n"
    )
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="cron_settings",
        PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parents[1]), str(tmp_path)]),
        WEBHOOK_TEST_URL=f"{receiver.url}/revalidate",
    )
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


# ---------------------------------------------------------------- frontend-cache purges


@pytest.fixture
def varnish(settings, receiver):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": receiver.url,
        }
    }
    return receiver


def test_frontend_cache_purges_the_api_urls(varnish, blog, django_capture_on_commit_callbacks):
    article = ArticlePageFactory(parent=blog, slug="cached", live=False)
    publish(article, django_capture_on_commit_callbacks)
    purged = {r.path for r in varnish.received("PURGE")}
    assert f"/api/v2/pages/{article.pk}/" in purged
    assert f"/api/v3/pages/{article.pk}/" in purged
    assert "/api/v2/pages/" in purged
    assert all(r.headers["Host"] == "testserver" for r in varnish.requests)


def test_purges_use_wagtailapi_base_url(
    settings, varnish, blog, django_capture_on_commit_callbacks
):
    settings.WAGTAILAPI_BASE_URL = "https://cms.example-clinic.com"
    article = ArticlePageFactory(parent=blog, live=False)
    publish(article, django_capture_on_commit_callbacks)
    api_purges = [r for r in varnish.requests if r.path == f"/api/v2/pages/{article.pk}/"]
    assert api_purges
    assert {r.headers["Host"] for r in api_purges} == {"cms.example-clinic.com"}


# ---------------------------------------------------------------- the database backend


@pytest.fixture
def database_tasks(webhook_settings):
    webhook_settings.TASKS = DATABASE_TASKS
    return webhook_settings


@pytest.fixture
def committed_blog(transactional_db):
    """A blog in a tree that really commits (the worker reads committed rows, as in production);
    earlier transactional tests may have flushed the tree (and the locale) the migrations created."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(django_settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePageFactory(parent=root, slug="committed-home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home},
    )
    return ArticleIndexPageFactory(parent=home)


def run_worker() -> None:
    """``manage.py db_worker --batch``: run every task that is due, then exit (restoring the
    signal handlers and log levels the command sets for a long-running worker)."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    levels = {name: logging.getLogger(name).level for name in ("django_tasks", "django_tasks_db")}
    try:
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--interval=0", "--no-reload", verbosity=0
        )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def deliveries_queued() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path="wagtail_neuro.webhooks.deliver_webhook").order_by(
            "enqueued_at"
        )
    )


def test_with_the_database_backend_a_publish_is_stored_and_the_worker_delivers_it(
    database_tasks, receiver, committed_blog
):
    """The commit stores the delivery; nothing is sent until a worker runs (so a web process
    that dies after the commit loses nothing), and then the worker sends it."""
    article = ArticlePageFactory(parent=committed_blog, slug="queued", live=False)
    article.save_revision().publish()

    (queued,) = deliveries_queued()
    assert queued.status == TaskResultStatus.READY
    assert SECRET not in str(queued.args_kwargs)  # the secret is read when the task runs
    time.sleep(0.1)
    assert receiver.requests == []

    run_worker()

    (delivery,) = receiver.wait_for(1)
    assert delivery.json()["id"] == article.pk
    assert delivery.headers[webhooks.SIGNATURE_HEADER] == webhooks.sign(delivery.body, SECRET)
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL


def test_with_the_database_backend_a_retry_is_a_new_task_after_its_backoff(
    database_tasks, receiver, monkeypatch, transactional_db
):
    # long enough that a worker run on a slow, busy machine ends before the retry is due (at
    # 0.5 s a run on PostgreSQL under load outlasted it, and ran the retry too)
    monkeypatch.setattr(webhooks, "FIRST_RETRY_DELAY", 3.0)
    receiver.failures_left = 1
    webhooks.send({"action": "publish", "id": 7})

    run_worker()  # the first attempt fails; the retry waits for its backoff
    assert len(receiver.received()) == 1
    first, retry = deliveries_queued()
    assert first.status == TaskResultStatus.SUCCESSFUL  # it did its job: scheduling the retry
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["args"][2] == 2  # attempt number two
    assert 2.9 <= (retry.run_after - first.enqueued_at).total_seconds() < 10
    run_worker()  # not due yet: nothing runs
    assert len(receiver.received()) == 1

    time.sleep(max(0.0, (retry.run_after - timezone.now()).total_seconds()) + 0.1)
    run_worker()
    assert [r.json() for r in receiver.received()] == [{"action": "publish", "id": 7}] * 2
    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL


def test_with_the_database_backend_a_delivery_that_gives_up_is_a_failed_task(
    database_tasks, receiver, transactional_db
):
    database_tasks.WAGTAIL_NEURO_WEBHOOK_RETRIES = 1
    receiver.failures_left = 1
    webhooks.send({"action": "publish", "id": 8})
    run_worker()
    (failed,) = deliveries_queued()
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "wagtail_neuro.webhooks.WebhookDeliveryFailed"
