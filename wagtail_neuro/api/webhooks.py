"""Tell frontends and caches that content changed: publish webhooks and frontend-cache purges.

On ``page_published``, ``page_unpublished`` and ``post_page_move`` the package works out every
affected path: the page (before and after a move), its listing pages (the ancestors below the
site root, e.g. ``/blog/``) and the live pages whose content links to it (from Wagtail's
reference index, which covers chooser blocks, rich-text links and related-article picks), plus
conditions related to it either way. Publishing or unpublishing a ``ClinicHoursSnippet`` does the
same for the clinic-hours API URLs and the pages whose blocks show those hours. Then, after the
transaction commits:

* when ``WAGTAILFRONTENDCACHE`` is configured, it purges those pages' API URLs (v2 and v3
  detail, listings and card routes) through ``wagtail.contrib.frontend_cache``;
* when ``WAGTAIL_NEURO_WEBHOOK_URLS`` is set, it POSTs a JSON body to each URL from a background
  thread, making up to ``WAGTAIL_NEURO_WEBHOOK_RETRIES`` attempts with exponential backoff. The
  ``X-Wagtail-Neuro-Signature: sha256=<hex>`` header is the HMAC-SHA256 of the raw body with
  ``WAGTAIL_NEURO_WEBHOOK_SECRET``, so a Next.js revalidation route can check it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
import urllib.error
import urllib.request
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from wagtail_neuro.conf import neuro_settings

__all__ = [
    "SIGNATURE_HEADER",
    "affected_pages",
    "build_clinic_hours_payload",
    "build_payload",
    "connect",
    "deliver",
    "sign",
]

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Wagtail-Neuro-Signature"
USER_AGENT = "wagtail-neuro-webhooks"
#: Seconds before the first retry; each later retry waits twice as long as the one before.
FIRST_RETRY_DELAY = 0.5

#: Delivery threads started and not yet finished (tests join them).
pending: list[threading.Thread] = []


def sign(body: bytes, secret: str) -> str:
    """``sha256=<hex HMAC-SHA256 of body>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _site_relative(url_path: str) -> str | None:
    """The path a frontend serves for a Wagtail ``url_path`` (``/home/blog/x/`` → ``/blog/x/``)."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return None


def _base_model(obj: Any) -> type:
    """The concrete model at the root of ``obj``'s inheritance (``Page`` for every page): the
    reference index records links against it."""
    parents = obj._meta.get_parent_list()
    return parents[-1] if parents else type(obj)


def _referring_page_ids(obj: Any) -> set[int]:
    """Ids of the pages whose content references ``obj`` (Wagtail's reference index)."""
    page_type = ContentType.objects.get_for_model(Page)
    referring = ReferenceIndex.objects.filter(
        base_content_type=page_type,
        to_content_type=ContentType.objects.get_for_model(_base_model(obj)),
        to_object_id=str(obj.pk),
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in referring if str(pk).isdigit()}


def affected_pages(page: Page) -> list[Page]:
    """Live pages whose output shows ``page``: those that link to it, and related conditions."""
    ids = _referring_page_ids(page)
    specific = page.specific
    if hasattr(specific, "related_conditions") and hasattr(specific, "related_from"):
        ids |= {c.pk for c in specific.related_conditions.all()}
        ids |= set(specific.related_from.values_list("pk", flat=True))
    ids.discard(page.pk)
    return list(Page.objects.live().filter(pk__in=ids).order_by("path"))


def _listing_pages(page: Page) -> list[Page]:
    """Ancestors below the site roots: the index pages that list ``page``."""
    roots = {root.root_path for root in Site.get_site_root_paths()}
    return [
        ancestor
        for ancestor in page.get_ancestors().filter(depth__gt=1)
        if ancestor.url_path not in roots
    ]


PAGE_LISTINGS = (
    "wagtail_neuro_v2:pages:listing",
    "wagtailapi_v3:wagtail_neuro_articles",
    "wagtailapi_v3:wagtail_neuro_conditions",
    "wagtailapi_v3:list_pages",
)
CLINIC_HOURS_LISTINGS = (
    "wagtail_neuro_v2:clinic-hours:listing",
    "wagtailapi_v3:wagtail_neuro_clinic_hours",
)


def _reverse_all(names: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """The URLs of the named routes that this project mounts."""
    paths: list[str] = []
    for name, kwargs in names:
        try:
            paths.append(reverse(name, kwargs=kwargs))
        except NoReverseMatch:  # the project did not mount that API
            continue
    return paths


def _page_detail_names(page_ids: list[int]) -> list[tuple[str, dict[str, Any]]]:
    return [("wagtail_neuro_v2:pages:detail", {"pk": pk}) for pk in page_ids] + [
        ("wagtailapi_v3:detail_page", {"page_id": pk}) for pk in page_ids
    ]


def _api_paths(page_ids: list[int]) -> list[str]:
    """The REST URLs whose answers change with these pages."""
    return _reverse_all([(name, {}) for name in PAGE_LISTINGS] + _page_detail_names(page_ids))


def _clinic_hours_api_paths(hours_id: int, page_ids: list[int]) -> list[str]:
    """The clinic-hours URLs, and the details of the pages whose blocks show these hours."""
    return _reverse_all(
        [(name, {}) for name in CLINIC_HOURS_LISTINGS]
        + [
            ("wagtail_neuro_v2:clinic-hours:detail", {"pk": hours_id}),
            ("wagtailapi_v3:wagtail_neuro_clinic_hours_detail", {"hours_id": hours_id}),
        ]
        + _page_detail_names(page_ids)
    )


def _frontend_paths(url_paths: list[str | None]) -> list[str]:
    """The site-relative paths of these Wagtail ``url_path``s, once each, in order."""
    paths: list[str] = []
    for url_path in url_paths:
        if url_path and (path := _site_relative(url_path)) and path not in paths:
            paths.append(path)
    return paths


def _payload(
    obj: Any,
    action: str,
    *,
    title: str,
    paths: list[str],
    listings: list[Page],
    linking: list[Page],
    api_paths: list[str],
) -> dict[str, Any]:
    """The one shape every webhook body has, whatever changed."""
    return {
        "action": action,
        "id": obj.pk,
        "type": obj._meta.label,
        "title": title,
        "live": obj.live,
        "paths": paths,
        "listing_pages": [page.pk for page in listings],
        "linking_pages": [page.pk for page in linking],
        "api_paths": api_paths,
        "timestamp": timezone.now().isoformat(),
    }


def build_payload(page: Page, action: str, old_url_path: str | None = None) -> dict[str, Any]:
    """The webhook body (also what the purge is computed from)."""
    page = page.specific
    listings = _listing_pages(page)
    linking = affected_pages(page)
    return _payload(
        page,
        action,
        title=page.title,
        paths=_frontend_paths(
            [old_url_path, page.url_path, *(other.url_path for other in [*listings, *linking])]
        ),
        listings=listings,
        linking=linking,
        api_paths=_api_paths([page.pk, *(other.pk for other in linking)]),
    )


def build_clinic_hours_payload(hours: Any, action: str) -> dict[str, Any]:
    """The webhook body for published or unpublished clinic hours: the same shape as a page's,
    with the pages that show the hours (through a clinic-hours block) as ``linking_pages``.

    Hours shown in a site-wide footer are not in any page's content: a frontend that renders
    them in its layout revalidates the layout on this event (``type`` names the snippet)."""
    linking = list(Page.objects.live().filter(pk__in=_referring_page_ids(hours)).order_by("path"))
    return _payload(
        hours,
        action,
        title=str(hours),
        paths=_frontend_paths([page.url_path for page in linking]),
        listings=[],
        linking=linking,
        api_paths=_clinic_hours_api_paths(hours.pk, [page.pk for page in linking]),
    )


def deliver(url: str, body: bytes, *, secret: str, timeout: float, attempts: int) -> bool:
    """POST ``body`` to ``url`` until a 2xx answer, at most ``attempts`` times."""
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: sign(body, secret),
    }
    delay = FIRST_RETRY_DELAY
    for attempt in range(1, max(1, attempts) + 1):
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if 200 <= response.status < 300:
                    return True
                problem = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            problem = f"HTTP {error.code}"
        except (urllib.error.URLError, OSError) as error:
            problem = str(error)
        logger.warning("Webhook to %s failed (attempt %s): %s", url, attempt, problem)
        if attempt < attempts:
            time.sleep(delay)
            delay *= 2
    return False


def _send(payload: dict[str, Any]) -> None:
    urls = list(neuro_settings.WEBHOOK_URLS or [])
    if not urls:
        return
    body = json.dumps(payload, separators=(",", ":")).encode()
    options = {
        "secret": neuro_settings.WEBHOOK_SECRET or "",
        "timeout": neuro_settings.WEBHOOK_TIMEOUT,
        "attempts": neuro_settings.WEBHOOK_RETRIES,
    }
    for url in urls:
        thread = threading.Thread(
            target=_run,
            args=(url, body, options),
            name="wagtail-neuro-webhook",
            # not a daemon: a short-lived process (``publish_scheduled`` run by cron) waits for
            # its deliveries, retries included, before it exits; the wait is bounded by
            # attempts x timeout plus the backoff
            daemon=False,
        )
        pending.append(thread)
        thread.start()


def _run(url: str, body: bytes, options: dict[str, Any]) -> None:
    try:
        deliver(url, body, **options)
    finally:
        current = threading.current_thread()
        if current in pending:
            pending.remove(current)


def _purge(payload: dict[str, Any]) -> None:
    from django.conf import settings

    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    root = _api_base_url()
    if root:
        purge_urls_from_cache([root + path for path in payload["api_paths"]])


def _api_base_url() -> str:
    """Where the API is served: ``WAGTAILAPI_BASE_URL`` (the setting Wagtail's APIs build their
    absolute URLs from), else the default site's root URL."""
    from django.conf import settings

    base = getattr(settings, "WAGTAILAPI_BASE_URL", None)
    if base:
        return base.rstrip("/")
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url.rstrip("/") if site else ""


def _after_commit(payload: dict[str, Any]) -> dict[str, Any]:
    """Purge and send ``payload`` once the current transaction commits."""

    def after_commit() -> None:
        _purge(payload)
        _send(payload)

    transaction.on_commit(after_commit)
    return payload


def notify(page: Page, action: str, old_url_path: str | None = None) -> dict[str, Any]:
    """Compute the payload now, purge and send after the transaction commits."""
    return _after_commit(build_payload(page, action, old_url_path))


def _on_published(sender: Any, instance: Page, **kwargs: Any) -> None:
    notify(instance, "publish")


def _on_unpublished(sender: Any, instance: Page, **kwargs: Any) -> None:
    notify(instance, "unpublish")


def _on_moved(sender: Any, instance: Page, **kwargs: Any) -> None:
    if kwargs.get("url_path_before") == kwargs.get("url_path_after"):
        return  # a reorder among siblings: nothing moved
    notify(instance, "move", old_url_path=kwargs.get("url_path_before"))


def _on_snippet_event(sender: Any, instance: Any, signal: Any, **kwargs: Any) -> None:
    from wagtail_neuro.models import ClinicHoursSnippet

    if isinstance(instance, ClinicHoursSnippet):
        action = "publish" if signal is published else "unpublish"
        _after_commit(build_clinic_hours_payload(instance, action))


def connect() -> None:
    """Connect the signal handlers (from ``AppConfig.ready``; idempotent)."""
    page_published.connect(_on_published, dispatch_uid="wagtail_neuro_webhooks_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="wagtail_neuro_webhooks_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="wagtail_neuro_webhooks_moved")
    # Wagtail's generic signals, sent for snippets with drafts (and pages: filtered out above)
    published.connect(_on_snippet_event, dispatch_uid="wagtail_neuro_webhooks_snippet_published")
    unpublished.connect(
        _on_snippet_event, dispatch_uid="wagtail_neuro_webhooks_snippet_unpublished"
    )
