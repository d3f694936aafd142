"""Load everything a list of pages serializes in a fixed number of queries: the one step REST
(v2 and v3) and GraphQL call on the pages they return.

Wagtail's v2 listing costs about five queries per article and grapple's about ten (locale, tags,
image renditions, chooser blocks converted page by page, a visibility check per linked page).
:func:`prefetch_pages` takes the pages of one page of results and loads, for all of them at
once: locales, authors and their photos, categories, tags, aliases, ICD-10 codes, hero images
with their renditions, and every StreamField converted in one ``bulk_to_python`` pass per field
(so image, page and snippet choosers inside blocks are fetched once per model, not once per
page), with the renditions of the images found in the blocks and the visibility of the pages
they link to (:func:`wagtail_neuro.visibility.prime_visibility`, which ``is_visible`` then
answers from). It also marks the pages as one listing
(:func:`wagtail_neuro.structured_data.listing.prime_listing`), so their ``jsonld`` and ``seo``
read the site, clinic settings, breadcrumbs and related conditions once for all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet, prefetch_related_objects
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from wagtail_neuro.structured_data.listing import prime_listing
from wagtail_neuro.visibility import mark_visible, prime_visibility

__all__ = [
    "CARD_RELATIONS",
    "JOINED",
    "RELATIONS",
    "convert_streams",
    "join_relations",
    "prefetch_images",
    "prefetch_pages",
]

#: Relations the page models' API and GraphQL fields read; those a model lacks are skipped.
#: Images are fetched here and their renditions afterwards, all images in one query.
RELATIONS = (
    "locale",
    "author__photo",
    "reviewed_by__photo",
    "hero_image",
    "social_image",
    "categories",
    "tags",
    "also_known_as",
    "icd10_codes",
)

#: The single-valued relations among :data:`RELATIONS`: joined into the listing's own query by
#: :func:`join_relations`, so :func:`prefetch_pages` finds them loaded (one query, not five).
JOINED = ("locale", "author__photo", "reviewed_by__photo", "hero_image", "social_image")

#: What a card (``/api/v3/articles/``, ``/api/v3/conditions/``) shows: no photos, no bodies.
CARD_RELATIONS = ("locale", "author", "hero_image", "categories", "tags", "also_known_as")

#: Where the images a page shows hang, as attribute paths.
IMAGE_PATHS = (
    ("hero_image",),
    ("social_image",),
    ("author", "photo"),
    ("reviewed_by", "photo"),
)


def _has_relation(model: type[Model], lookup: str) -> bool:
    name = lookup.split("__", 1)[0]
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def join_relations(queryset: Any) -> Any:
    """``queryset`` with the relations in :data:`JOINED` that its model has joined in
    (``select_related``); a queryset of plain ``Page`` and search results (which load their
    own rows) are returned as they are."""
    if not isinstance(queryset, QuerySet):
        return queryset
    joined = [lookup for lookup in JOINED if _has_relation(queryset.model, lookup)]
    return queryset.select_related(*joined) if joined else queryset


def prefetch_pages(
    pages: Iterable[Any],
    *,
    visible: bool = False,
    streams: bool = True,
    relations: Iterable[str] = RELATIONS,
) -> list[Any]:
    """Prefetch in place (and return) ``pages``, which may mix page types.

    ``visible``: the pages came from a :func:`~wagtail_neuro.visibility.visible_pages` query, so
    they are recorded as visible without asking again. ``streams=False`` leaves StreamFields
    alone and ``relations`` names what to load (card listings show no bodies and no photos)."""
    pages = [page for page in pages if page is not None]
    if visible:
        mark_visible(pages)
    by_model: dict[type, list[Any]] = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    relations = tuple(relations)
    for model, group in by_model.items():
        lookups = [lookup for lookup in relations if _has_relation(model, lookup)]
        prefetch_related_objects(group, *lookups)
    found = _convert_streams(by_model) if streams else []
    prime_visibility(obj for obj in found if isinstance(obj, Page))
    images = [obj for obj in found if isinstance(obj, AbstractImage)]
    images += [_follow(page, path) for page in pages for path in IMAGE_PATHS]
    prefetch_images(image for image in images if isinstance(image, AbstractImage))
    prime_listing(pages)
    return pages


def convert_streams(pages: Iterable[Any]) -> None:
    """Convert the StreamFields of ``pages`` (already prefetched by :func:`prefetch_pages` with
    ``streams=False``) as :func:`prefetch_pages` would have: one ``bulk_to_python`` per field,
    the pages the blocks link to checked for visibility and the images' renditions loaded, all
    in a fixed number of queries. GraphQL calls it for pages whose stored representation it
    turns out to need the converted blocks of after all (a clinic-hours block's snippet)."""
    by_model: dict[type, list[Any]] = defaultdict(list)
    for page in pages:
        if page is not None:
            by_model[type(page)].append(page)
    found = _convert_streams(by_model)
    prime_visibility(obj for obj in found if isinstance(obj, Page))
    prefetch_images(obj for obj in found if isinstance(obj, AbstractImage))


def _convert_streams(by_model: dict[type, list[Any]]) -> list[Any]:
    found: list[Any] = []
    for model, group in by_model.items():
        for field in model._meta.concrete_fields:
            if isinstance(field, StreamField):
                found += _bulk_convert(group, field)
    return found


def _follow(obj: Any, path: tuple[str, ...]) -> Any:
    """``obj.a.b`` for ``("a", "b")``, or ``None`` where a link is missing or not loaded (so
    nothing is fetched here)."""
    for name in path:
        if obj is None or not _loaded(obj, name):
            return None
        obj = getattr(obj, name, None)
    return obj


def _loaded(obj: Any, name: str) -> bool:
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return field.is_cached(obj) if hasattr(field, "is_cached") else False


def _bulk_convert(pages: list[Any], field: StreamField) -> list[Any]:
    """Convert ``field`` for all ``pages`` in one ``bulk_to_python``; returns the model
    instances the converted blocks hold (pages, images, snippets)."""
    lazy = [
        page
        for page in pages
        if isinstance(page.__dict__.get(field.attname), StreamValue)
        and page.__dict__[field.attname].is_lazy
    ]
    if not lazy:
        return []
    raw = [list(getattr(page, field.attname).raw_data) for page in lazy]
    converted = field.stream_block.bulk_to_python(raw)
    found: list[Any] = []
    for page, value in zip(lazy, converted, strict=True):
        value._stream_field = field  # as StreamField.to_python does, for pickling
        page.__dict__[field.attname] = value
        found += instances_in(value)
    return found


def prefetch_images(images: Iterable[Any]) -> None:
    """Prefetch the renditions of ``images`` in one query. The same image may be several
    objects (one per block that chose it): they share the prefetched renditions."""
    images = [image for image in images if image is not None]
    todo = [
        image
        for image in {image.pk: image for image in images}.values()
        if "renditions" not in getattr(image, "_prefetched_objects_cache", {})
    ]
    if todo:
        prefetch_related_objects(todo, "renditions")
    by_pk = {image.pk: image for image in images if hasattr(image, "_prefetched_objects_cache")}
    for image in images:
        if image.pk in by_pk and image is not by_pk[image.pk]:
            image._prefetched_objects_cache = by_pk[image.pk]._prefetched_objects_cache


def instances_in(value: Any) -> list[Any]:
    """Every model instance inside a converted block value."""
    return list(_walk(value))


def _walk(value: Any) -> Iterator[Any]:
    if isinstance(value, StreamValue):
        for child in value:
            yield from _walk(child.value)
    elif isinstance(value, (StructValue, dict)):
        for child in value.values():
            yield from _walk(child)
    elif isinstance(value, (ListValue, list, tuple)):
        for child in value:
            yield from _walk(child)
    elif isinstance(value, Model):
        yield value
