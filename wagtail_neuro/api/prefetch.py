"""Load everything a page listing serializes in a fixed number of queries.

Wagtail's v2 listing costs about five queries per article (locale, tags, image renditions, chooser
blocks converted page by page). :func:`prefetch_pages` takes the pages of one API page of results
and loads, for all of them at once: locales, authors and their photos, categories, tags, aliases,
ICD-10 codes, hero images with their renditions, and every StreamField converted in one
``bulk_to_python`` pass per field (so image, page and snippet choosers inside blocks are fetched
once per model, not once per page), with the renditions of the images found in the blocks.
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
    """Convert ``field`` for all ``pages`` in one ``bulk_to_python`` and prefetch the renditions
    of the images it contains."""
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
    images: list[Any] = []
    image_model = get_image_model()
    for page, value in zip(lazy, converted, strict=True):
        value._stream_field = field  # as StreamField.to_python does, for pickling
        page.__dict__[field.attname] = value
        _collect(value, image_model, images)
    unique = list({image.pk: image for image in images}.values())
    if unique:
        prefetch_related_objects(unique, "renditions")
        by_pk = {image.pk: image for image in unique}
        for image in images:  # the same image may be several objects; share the prefetch
            image._prefetched_objects_cache = by_pk[image.pk]._prefetched_objects_cache


def _collect(value: Any, image_model: type, found: list[Any]) -> None:
    if isinstance(value, image_model):
        found.append(value)
    elif isinstance(value, StreamValue):
        for child in value:
            _collect(child.value, image_model, found)
    elif isinstance(value, (StructValue, dict)):
        for item in value.values():
            _collect(item, image_model, found)
    elif isinstance(value, (ListValue, list, tuple)):
        for item in value:
            _collect(item, image_model, found)
