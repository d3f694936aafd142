"""Per-request caches and batching, so a list of N pages costs the same queries as one.

Everything is kept on the request (``info.context``): which pages are visible, and nothing else
needs to outlive it. :func:`prime_pages` is what the list queries call on the pages they return:
it converts every page's StreamFields with one ``bulk_to_python`` per field (so chooser blocks
across all pages are fetched together), works out the visibility of every page those blocks
link to in one query (answering ``visibility.is_visible`` for them too), and prefetches image
renditions in one query.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import suppress
from typing import Any

from django.db.models import prefetch_related_objects
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import DraftStateMixin, Page

from wagtail_neuro.preview import is_preview_page
from wagtail_neuro.visibility import VISIBLE_ATTR, is_published, visible_pages

__all__ = [
    "allow_preview",
    "is_live_object",
    "mark_visible",
    "prime_images",
    "prime_pages",
    "request_cache",
    "visible_page_ids",
]

PREVIEW_FLAG = "_neuro_graphql_preview"


def request_cache(info: Any) -> dict[str, Any]:
    """A dict that lives as long as the request being answered (a fresh one without a request)."""
    request = getattr(info, "context", None)
    if request is None:
        return {"visible": {}}
    cache = getattr(request, "_neuro_graphql_cache", None)
    if cache is None:
        cache = {"visible": {}}
        with suppress(AttributeError):  # a context that takes no attributes (a dict)
            request._neuro_graphql_cache = cache
    return cache


def allow_preview(page: Page) -> Page:
    """Mark a page built from a preview token: the visibility guard lets it through."""
    setattr(page, PREVIEW_FLAG, True)
    return page


def is_preview(obj: Any) -> bool:
    # pages from grapple's own token routes (site.page, sites.page) carry the mark
    # wagtail_neuro.preview puts on every page it builds from a checked token
    return getattr(obj, PREVIEW_FLAG, False) or is_preview_page(obj)


def mark_visible(info: Any, pages: Iterable[Page]) -> None:
    """Record pages already known to be visible (they came from a ``visible_pages`` query)."""
    visible = request_cache(info)["visible"]
    for page in pages:
        visible[page.pk] = True


def visible_page_ids(info: Any, pages: Iterable[Page]) -> set[int]:
    """The pks among ``pages`` an anonymous visitor may see; one query for the unknown ones."""
    visible = request_cache(info)["visible"]
    pks = {page.pk for page in pages if page is not None and page.pk is not None}
    unknown = [pk for pk in pks if pk not in visible]
    if unknown:
        found = set(visible_pages(Page.objects.filter(pk__in=unknown)).values_list("pk", flat=True))
        for pk in unknown:
            visible[pk] = pk in found
    return {pk for pk in pks if visible[pk]}


def is_live_object(obj: Any) -> bool:
    """:func:`~wagtail_neuro.visibility.is_published`, except for an object built from a
    preview token (it is the draft on purpose); objects without drafts always pass."""
    if not isinstance(obj, DraftStateMixin) or is_preview(obj):
        return True
    return is_published(obj)


def walk_values(value: Any) -> Iterator[Any]:
    """Every model instance inside a converted block value (pages, images, snippets)."""
    if isinstance(value, StreamValue):
        for child in value:
            yield from walk_values(child.value)
    elif isinstance(value, StructValue):
        for child in value.values():
            yield from walk_values(child)
    elif isinstance(value, (ListValue, list, tuple)):
        for child in value:
            yield from walk_values(child)
    elif hasattr(value, "_meta") and hasattr(value, "pk"):
        yield value


def stream_field_names(model: type) -> list[str]:
    return [field.name for field in model._meta.concrete_fields if isinstance(field, StreamField)]


def prime_streams(pages: list[Page]) -> list[Any]:
    """Convert each StreamField of ``pages`` in one batch; returns the objects blocks link to."""
    linked: list[Any] = []
    by_model: dict[type, list[Page]] = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        for name in stream_field_names(model):
            field = model._meta.get_field(name)
            if any(name not in page.__dict__ for page in group):
                continue  # deferred: leave it to the page
            raw = [list(page.__dict__[name].raw_data) for page in group]
            for page, value in zip(group, field.stream_block.bulk_to_python(raw), strict=True):
                value._stream_field = field
                page.__dict__[name] = value
                linked.extend(walk_values(value))
    return linked


def prime_images(images: Iterable[Any]) -> None:
    """Prefetch the renditions of ``images`` in one query (``image_data`` then reads them)."""
    todo = [
        image
        for image in {id(i): i for i in images if isinstance(i, AbstractImage)}.values()
        if "renditions" not in getattr(image, "_prefetched_objects_cache", {})
    ]
    if todo:
        prefetch_related_objects(todo, "renditions")


def prime_pages(info: Any, pages: list[Page], images: Iterable[Any] = ()) -> list[Page]:
    """Batch the block conversions, linked-page visibility and renditions of ``pages``."""
    mark_visible(info, pages)
    linked = prime_streams(pages)
    linked_pages = [obj for obj in linked if isinstance(obj, Page)]
    allowed = visible_page_ids(info, linked_pages)
    for page in linked_pages:  # what ``visibility.is_visible`` reads (blocks' REST data, rawValue)
        setattr(page, VISIBLE_ATTR, page.pk in allowed)
    prime_images([*images, *(obj for obj in linked if isinstance(obj, AbstractImage))])
    return pages
