"""Resolvers named by the models' ``graphql_fields`` (see :mod:`.fields`).

Each takes the model instance, grapple's ``info`` and the options the field declared.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from wagtail.blocks import StreamValue
from wagtail.models import Page

from . import batches
from .batches import for_group
from .loaders import is_live_object
from .types.clinic_hours import hours_for, parse_instant


def image_attribute(obj: Any, info: Any, *, attribute: str) -> Any:
    return getattr(obj, attribute, None)


def stream_blocks(obj: Any, info: Any, *, attribute: str, numbered: bool = False) -> list[Any]:
    """The children of a StreamField; ``numbered`` gives each its position (for references)."""
    value = getattr(obj, attribute, None)
    if not isinstance(value, StreamValue):
        return []
    children = [child for child in value if child is not None]
    if numbered:
        for number, child in enumerate(children, start=1):
            child.neuro_number = number
    return children


def tags(obj: Any, info: Any, *, attribute: str) -> list[Any]:
    """Tags through the prefetch-friendly ``tagged_items`` relation when there is one."""
    tagged_items = getattr(obj, "tagged_items", None)
    if tagged_items is not None and attribute == "tags":
        return [item.tag for item in tagged_items.all()]
    return list(getattr(obj, attribute).all())


def related_list(obj: Any, info: Any, *, attribute: str) -> list[Any]:
    return list(getattr(obj, attribute).all())


def related_values(obj: Any, info: Any, *, attribute: str, key: str) -> list[Any]:
    return [getattr(item, key) for item in getattr(obj, attribute).all()]


def visible_pages_from(obj: Any, info: Any, *, method: str) -> list[Page]:
    """``obj.<method>()``, live and public pages only, worked out for the whole list ``obj``
    came in (see :mod:`.batches`)."""
    return for_group(obj, method, partial(batches.visible_pages_from, info, method))


def snippet_hours(obj: Any, info: Any, at: str | None = None) -> Any:
    if not is_live_object(obj):
        return None
    return hours_for(obj, parse_instant(at))
