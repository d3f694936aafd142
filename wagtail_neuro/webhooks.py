"""Deliver what changed: signed webhooks to frontends and purges to frontend caches, as tasks.

:mod:`wagtail_neuro.invalidation` works out the payload while a change is saved and calls
:func:`announce` once the transaction commits. Both deliveries are django-tasks ``@task``s, run
by the project's ``TASKS`` backend, as Wagtail's own background work is:

* the **immediate** backend (the default when ``TASKS`` is not set) runs them at once, in the
  process that published. Retries wait in that process too, so ``publish_scheduled`` run by
  cron still delivers everything, retries included, before it exits (and an unreachable
  receiver delays a publish by at most attempts x timeout plus the backoff);
* a **durable** backend such as ``django_tasks_db.DatabaseBackend`` stores each delivery as a
  row that a worker (``manage.py db_worker``) runs: a web process that crashes after the commit
  loses nothing, and each retry is a new task scheduled after its backoff, so no worker sleeps.

Webhooks: when ``WAGTAIL_NEURO_WEBHOOK_URLS`` is set, each URL gets a ``POST`` of the JSON
payload, with up to ``WAGTAIL_NEURO_WEBHOOK_RETRIES`` attempts and exponential backoff. The
``X-Wagtail-Neuro-Signature: sha256=<hex>`` header is the HMAC-SHA256 of the raw body with
``WAGTAIL_NEURO_WEBHOOK_SECRET`` (read when the task runs, never stored in a task's arguments).
Redirects are not followed: a receiver answering 3xx is a failed delivery, so a URL can never
bounce a signed body to another host. Client errors (4xx other than 408/425/429) are not retried.

Purges: when ``WAGTAILFRONTENDCACHE`` is configured, the payload's API URLs are purged through
``wagtail.contrib.frontend_cache`` (whose ``purge_urls_from_cache`` is itself a task).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from wagtail.models import Site

from wagtail_neuro.conf import neuro_settings

__all__ = [
    "SIGNATURE_HEADER",
    "WebhookDeliveryFailed",
    "announce",
    "deliver_webhook",
    "purge_frontend_cache",
    "send",
    "sign",
]

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Wagtail-Neuro-Signature"
USER_AGENT = "wagtail-neuro-webhooks"
#: Seconds before the first retry; each later retry waits twice as long as the one before.
FIRST_RETRY_DELAY = 0.5
#: Client errors worth another attempt (timeouts and rate limits); other 4xx answers are final.
RETRYABLE_CLIENT_ERRORS = frozenset({408, 425, 429})


class WebhookDeliveryFailed(Exception):
    """Every attempt failed: the task ends as failed (visible in a durable backend's results)."""


def sign(body: bytes, secret: str) -> str:
    """``sha256=<hex HMAC-SHA256 of body>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def retry_delay(attempt: int) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1, 2, …)."""
    return FIRST_RETRY_DELAY * 2 ** (attempt - 1)


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A 3xx answer stays an error: the signed body never goes anywhere but the set URL."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


def post(url: str, body: bytes, *, secret: str, timeout: float) -> tuple[bool, bool, str]:
    """One ``POST``: ``(delivered, worth_retrying, what_happened)``."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            SIGNATURE_HEADER: sign(body, secret),
        },
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
        error.close()
    except (urllib.error.URLError, OSError) as error:
        return False, True, str(getattr(error, "reason", error))
    if 200 <= status < 300:
        return True, False, f"HTTP {status}"
    if 300 <= status < 400:
        return False, False, f"HTTP {status} (redirects are not followed)"
    retry = status >= 500 or status in RETRYABLE_CLIENT_ERRORS
    return False, retry, f"HTTP {status}"


@task()
def deliver_webhook(url: str, body: str, attempt: int = 1) -> bool:
    """POST ``body`` to ``url``, attempt number ``attempt``; retry with backoff on failure.

    A backend that can run a task later (``supports_defer``: a durable queue) gets each retry as
    a new task after its delay; the immediate backend retries here, after sleeping."""
    attempts = max(1, neuro_settings.WEBHOOK_RETRIES)
    defer_retries = deliver_webhook.get_backend().supports_defer
    raw = body.encode()
    while True:
        delivered, retry, outcome = post(
            url,
            raw,
            secret=neuro_settings.WEBHOOK_SECRET or "",
            timeout=neuro_settings.WEBHOOK_TIMEOUT,
        )
        if delivered:
            return True
        logger.warning("Webhook to %s failed (attempt %s): %s", url, attempt, outcome)
        if not retry or attempt >= attempts:
            raise WebhookDeliveryFailed(f"{url}: {outcome} after {attempt} attempt(s)")
        delay = retry_delay(attempt)
        attempt += 1
        if defer_retries:
            run_after = timezone.now() + dt.timedelta(seconds=delay)
            deliver_webhook.using(run_after=run_after).enqueue(url, body, attempt)
            return False
        time.sleep(delay)


def send(payload: dict[str, Any]) -> None:
    """Enqueue one delivery of ``payload`` per ``WAGTAIL_NEURO_WEBHOOK_URLS`` entry."""
    urls = list(neuro_settings.WEBHOOK_URLS or [])
    if not urls:
        return
    body = json.dumps(payload, separators=(",", ":"))
    for url in urls:
        deliver_webhook.enqueue(url, body)


def purge_frontend_cache(payload: dict[str, Any]) -> None:
    """Purge the payload's API URLs from the configured frontend caches (a Wagtail task)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    root = _api_base_url()
    if root:
        purge_urls_from_cache([root + path for path in payload["api_paths"]])


def _api_base_url() -> str:
    """Where the API is served: ``WAGTAILAPI_BASE_URL`` (the setting Wagtail's APIs build their
    absolute URLs from), else the default site's root URL."""
    base = getattr(settings, "WAGTAILAPI_BASE_URL", None)
    if base:
        return base.rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url.rstrip("/") if site else ""


def has_receivers() -> bool:
    """Whether a change is announced anywhere: webhook URLs or a frontend cache to purge.

    Without either, nothing reads a payload, so none is built (a page's payload reads its
    listing and linking pages: several queries on every publish, unpublish and move)."""
    return bool(neuro_settings.WEBHOOK_URLS) or bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
    )


def announce(payload: dict[str, Any]) -> None:
    """Purge and send ``payload`` (called once the change's transaction has committed)."""
    purge_frontend_cache(payload)
    send(payload)
