"""Resolvers named by the models' ``graphql_fields`` (see :mod:`.fields`).

Each takes the model instance, grapple's ``info`` and the options the field declared.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from wagtail.models import Page

from . import batches
from .batches import for_group
from .loaders import is_live_object
from .types.clinic_hours import hours_for, parse_instant


def image_attribute(obj: Any, info: Any, *, attribute: str) -> Any:
    return getattr(obj, attribute, None)


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
