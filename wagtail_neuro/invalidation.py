"""What a content change invalidates, worked out while the change is being saved.

On ``page_published``, ``page_unpublished`` and ``post_page_move`` the package works out every
affected path: the page (before and after a move), its listing pages (the ancestors below the
site root, e.g. ``/blog/``) and the live pages whose content links to it (from Wagtail's
reference index, which covers chooser blocks, rich-text links and related-article picks), plus
conditions related to it either way. Publishing or unpublishing a ``ClinicHoursSnippet`` does the
same for the clinic-hours API URLs and the pages whose blocks show those hours.

Deleting is covered too: Wagtail unpublishes a live page just before deleting it (so it is
announced as ``unpublish``, with the paths it had), and deleting live clinic hours is announced
as their ``unpublish``. A draft that was never live changes nothing public and is not announced.

The payload is computed inside the transaction (the page, its links and the reference index still
describe what the public saw); :mod:`wagtail_neuro.webhooks` delivers it once the transaction
commits, so a rolled-back change announces nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import pre_delete
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

from .ordering import PAGE_TREE_ORDER

__all__ = [
    "affected_pages",
    "build_clinic_hours_payload",
    "build_payload",
    "connect",
    "notify",
    "referring_page_ids",
]


def _site_relative(url_path: str) -> str | None:
    """The path a frontend serves for a Wagtail ``url_path`` (``/home/blog/x/`` → ``/blog/x/``)."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return None


def _base_model(model: type) -> type:
    """The concrete model at the root of ``model``'s inheritance (``Page`` for every page): the
    reference index records links against it."""
    parents = model._meta.get_parent_list()
    return parents[-1] if parents else model


def referring_page_ids(model: type, object_ids: Iterable[Any]) -> set[int]:
    """Ids of the pages whose content references an object of ``model`` with one of
    ``object_ids`` (Wagtail's reference index: chooser blocks, rich-text links, inline panels)."""
    keys = [str(pk) for pk in object_ids]
    if not keys:
        return set()
    referring = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(_base_model(model)),
        to_object_id__in=keys,
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in referring if str(pk).isdigit()}


def _referring_page_ids(obj: Any) -> set[int]:
    """Ids of the pages whose content references ``obj``."""
    return referring_page_ids(type(obj), [obj.pk])


def affected_pages(page: Page) -> list[Page]:
    """Live pages whose output shows ``page``: those that link to it, and related conditions."""
    ids = _referring_page_ids(page)
    specific = page.specific
    if hasattr(specific, "related_conditions") and hasattr(specific, "related_from"):
        ids |= {c.pk for c in specific.related_conditions.all()}
        ids |= set(specific.related_from.values_list("pk", flat=True))
    ids.discard(page.pk)
    return list(Page.objects.live().filter(pk__in=ids).order_by(*PAGE_TREE_ORDER))


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
    """The webhook body for a page (also what the purge is computed from)."""
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
    linking = list(
        Page.objects.live().filter(pk__in=_referring_page_ids(hours)).order_by(*PAGE_TREE_ORDER)
    )
    return _payload(
        hours,
        action,
        title=str(hours),
        paths=_frontend_paths([page.url_path for page in linking]),
        listings=[],
        linking=linking,
        api_paths=_clinic_hours_api_paths(hours.pk, [page.pk for page in linking]),
    )


def _announce_on_commit(build: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
    """Build a payload now (what the change touched is known before the commit) and hand it to
    the deliveries once the current transaction commits. ``None``, and nothing built, when no
    webhook or frontend cache is configured: nothing would read it, and building one reads the
    listing and linking pages on every publish, unpublish and move."""
    from wagtail_neuro import webhooks

    if not webhooks.has_receivers():
        return None
    payload = build()
    # robust: the change is committed by then, so a failure to enqueue is logged, never a 500
    transaction.on_commit(lambda: webhooks.announce(payload), robust=True)
    return payload


def notify(page: Page, action: str, old_url_path: str | None = None) -> dict[str, Any] | None:
    """Compute a page's payload now; webhooks and purges go out after the commit (``None``
    when nothing receives them)."""
    return _announce_on_commit(lambda: build_payload(page, action, old_url_path))


def _on_published(sender: Any, instance: Page, **kwargs: Any) -> None:
    notify(instance, "publish")


def _on_unpublished(sender: Any, instance: Page, **kwargs: Any) -> None:
    # Before a delete Wagtail unpublishes without saving, and the signal carries a specific copy
    # read from the database: it still says live. The body says what the public now sees.
    instance.live = False
    notify(instance, "unpublish")


def _on_moved(sender: Any, instance: Page, **kwargs: Any) -> None:
    if kwargs.get("url_path_before") == kwargs.get("url_path_after"):
        return  # a reorder among siblings: nothing moved
    notify(instance, "move", old_url_path=kwargs.get("url_path_before"))


def _on_snippet_event(sender: Any, instance: Any, signal: Any, **kwargs: Any) -> None:
    from wagtail_neuro.models import ClinicHoursSnippet

    if isinstance(instance, ClinicHoursSnippet):
        action = "publish" if signal is published else "unpublish"
        _announce_on_commit(lambda: build_clinic_hours_payload(instance, action))


def _on_clinic_hours_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Live hours disappear from the pages that show them: announced as their unpublish (Wagtail
    unpublishes pages before deleting them, but not snippets)."""
    if instance.live:
        instance.live = False  # what the body says: they are no longer shown
        _announce_on_commit(lambda: build_clinic_hours_payload(instance, "unpublish"))


def connect() -> None:
    """Connect the signal handlers (from ``AppConfig.ready``; idempotent)."""
    from wagtail_neuro.models import ClinicHoursSnippet

    page_published.connect(_on_published, dispatch_uid="wagtail_neuro_webhooks_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="wagtail_neuro_webhooks_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="wagtail_neuro_webhooks_moved")
    # Wagtail's generic signals, sent for snippets with drafts (and pages: filtered out above)
    published.connect(_on_snippet_event, dispatch_uid="wagtail_neuro_webhooks_snippet_published")
    unpublished.connect(
        _on_snippet_event, dispatch_uid="wagtail_neuro_webhooks_snippet_unpublished"
    )
    pre_delete.connect(
        _on_clinic_hours_deleted,
        sender=ClinicHoursSnippet,
        dispatch_uid="wagtail_neuro_webhooks_clinic_hours_deleted",
    )
