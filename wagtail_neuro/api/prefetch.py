"""Load everything a page listing serializes in a fixed number of queries.

Wagtail's v2 listing costs about five queries per article (locale, tags, image renditions, chooser
blocks converted page by page). :func:`prefetch_pages` takes the pages of one API page of results
and loads, for all of them at once: locales, authors and their photos, categories, tags, aliases,
ICD-10 codes, hero images with their renditions, and every StreamField converted in one
``bulk_to_python`` pass per field (so image, page and snippet choosers inside blocks are fetched
once per model, not once per page), with the renditions of the images found in the blocks and
the visibility of the pages they link to (:func:`wagtail_neuro.visibility.prime_visibility`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Model, prefetch_related_objects
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from wagtail_neuro.visibility import prime_visibility

__all__ = ["prefetch_pages"]

# relations each page model's API fields read; missing ones are skipped per model
RELATIONS = (
    "locale",
    "author__photo__renditions",
    "reviewed_by__photo__renditions",
    "hero_image__renditions",
    "categories",
    "tags",
    "also_known_as",
    "icd10_codes",
)


def _has_relation(model: type[Model], lookup: str) -> bool:
    name = lookup.split("__", 1)[0]
    try:
        model._meta.get_field(name)
    except Exception:
        return hasattr(model, name) and name == "tags"
    return True


def prefetch_pages(pages: Iterable[Any]) -> list[Any]:
    """Prefetch in place (and return) ``pages``, which may mix page types."""
    pages = list(pages)
    by_model: dict[type, list[Any]] = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        lookups = [lookup for lookup in RELATIONS if _has_relation(model, lookup)]
        prefetch_related_objects(group, *lookups)
        for field in model._meta.concrete_fields:
            if isinstance(field, StreamField):
                _bulk_convert(group, field)
    return pages


def _bulk_convert(pages: list[Any], field: StreamField) -> None:
    """Convert ``field`` for all ``pages`` in one ``bulk_to_python``, prefetch the renditions of
    the images it contains and work out whether the pages it links to are public."""
    lazy = [
        page
        for page in pages
        if isinstance(page.__dict__.get(field.attname), StreamValue)
        and page.__dict__[field.attname].is_lazy
    ]
    if not lazy:
        return
    raw = [list(getattr(page, field.attname).raw_data) for page in lazy]
    converted = field.stream_block.bulk_to_python(raw)
    found: list[Any] = []
    image_model = get_image_model()
    for page, value in zip(lazy, converted, strict=True):
        value._stream_field = field  # as StreamField.to_python does, for pickling
        page.__dict__[field.attname] = value
        _collect(value, (image_model, Page), found)
    prime_visibility(obj for obj in found if isinstance(obj, Page))
    images = [obj for obj in found if isinstance(obj, image_model)]
    unique = list({image.pk: image for image in images}.values())
    if unique:
        prefetch_related_objects(unique, "renditions")
        by_pk = {image.pk: image for image in unique}
        for image in images:  # the same image may be several objects; share the prefetch
            image._prefetched_objects_cache = by_pk[image.pk]._prefetched_objects_cache


def _collect(value: Any, models: tuple[type, ...], found: list[Any]) -> None:
    """Append to ``found`` every instance of ``models`` inside a converted block value."""
    if isinstance(value, models):
        found.append(value)
    elif isinstance(value, StreamValue):
        for child in value:
            _collect(child.value, models, found)
    elif isinstance(value, (StructValue, dict)):
        for item in value.values():
            _collect(item, models, found)
    elif isinstance(value, (ListValue, list, tuple)):
        for item in value:
            _collect(item, models, found)
