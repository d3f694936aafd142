"""Lazy batching over the objects one list query returned (a dataloader without promises).

:func:`group` ties the listed pages (or their authors) together; the first resolver that needs
a value for one member computes it for the whole group with :func:`for_group`. A field then
costs the same queries for 20 pages as for one, and nothing when no one asks for it. Values
are kept on the instances, which live as long as the request that loaded them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from uuid import uuid4

from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from wagtail_neuro.safety import sanitise_html

from .loaders import visible_page_ids

__all__ = ["expand_many", "for_group", "group", "parents", "rich_text", "visible_pages_from"]

GROUP = "_neuro_group"

#: The batch form of each related-pages method the models' ``graphql_fields`` name.
BATCH_METHODS = {
    "get_related_articles": "related_articles_for",
    "get_related_conditions": "related_conditions_for",
}


def group(objects: Iterable[Any]) -> None:
    members = [obj for obj in objects if obj is not None]
    for obj in members:
        obj.__dict__[GROUP] = members


def for_group(obj: Any, name: str, compute: Callable[[list[Any]], dict[int, Any]]) -> Any:
    """``compute(members)[obj.pk]``, ``compute`` running once for ``obj``'s group."""
    key = f"_neuro_{name}"
    if key not in obj.__dict__:
        members = obj.__dict__.get(GROUP) or [obj]
        values = compute(members if obj in members else [obj])
        for member in members if obj in members else [obj]:
            member.__dict__[key] = values.get(member.pk)
    return obj.__dict__[key]


def parents(info: Any, pages: list[Page]) -> dict[int, Page | None]:
    """Each page's parent (specific), and whether the public may see it, in two or three
    queries for the group (grapple's ``parent`` costs two per page)."""
    paths = {page.path[: -page.steplen] for page in pages if page.depth > 1}
    found = {parent.path: parent for parent in Page.objects.filter(path__in=paths).specific()}
    visible_page_ids(info, found.values())
    return {page.pk: found.get(page.path[: -page.steplen]) for page in pages}


def visible_pages_from(info: Any, method: str, pages: list[Page]) -> dict[int, list[Page]]:
    """``page.<method>()`` for each page, through the model's batch form of it
    (``related_articles_for`` …) where there is one, so the ranking runs once per page type for
    the whole list; the visibility of every result is then checked in one query."""
    pages = [page for page in pages if hasattr(page, method)]
    found: dict[int, list[Page]] = {}
    by_model: dict[type, list[Page]] = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, members in by_model.items():
        batch = getattr(model, BATCH_METHODS.get(method, ""), None)
        if batch is not None:
            found.update(batch(members))
        else:
            found.update({page.pk: list(getattr(page, method)()) for page in members})
    found = {pk: [p for p in related if p is not None] for pk, related in found.items()}
    allowed = visible_page_ids(info, [p for related in found.values() for p in related])
    return {pk: [p for p in related if p.pk in allowed] for pk, related in found.items()}


def expand_many(sources: list[str]) -> list[str]:
    """Front-end HTML of many rich-text sources with one link lookup per link type: they are
    expanded as one document and split again at a marker none of them contains (each is
    expanded on its own if the marker did not survive, e.g. in malformed HTML)."""
    marker = f"<!--{uuid4().hex}-->"
    parts = str(expand_db_html(marker.join(sources))).split(marker)
    if len(parts) != len(sources):
        parts = [str(expand_db_html(source)) for source in sources]
    # sanitised one by one, after the split (the allow-list drops the marker comments)
    return [sanitise_html(part) for part in parts]


def rich_text(attribute: str) -> Callable[[list[Any]], dict[int, str]]:
    def compute(objects: list[Any]) -> dict[int, str]:
        sources = [getattr(obj, attribute) or "" for obj in objects]
        return dict(zip((obj.pk for obj in objects), expand_many(sources), strict=True))

    return compute
