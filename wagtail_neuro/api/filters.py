"""Listing filters shared by API v2 (``/api/v2/pages/?type=…``) and the v3 card listings.

Articles: ``tags`` (comma-separated slugs, all must match), ``category`` (slug), ``author``
(slug), ``date_from`` / ``date_to`` (ISO dates, inclusive) and ``condition`` (id of a condition
page the article links to, from Wagtail's reference index). Conditions: ``symptom`` (a symptom
name in a symptom list, case-insensitive) and ``related_to`` (id of a related condition, either
way). Every filter starts from :func:`~wagtail_neuro.visibility.visible_pages`, so a filter value
naming a draft or private page matches nothing rather than revealing it.

A malformed value raises :class:`FilterError` (a ``ValueError``); the views answer 400 with
its message.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from wagtail.models import Page, ReferenceIndex

from wagtail_neuro.visibility import visible_pages

__all__ = [
    "ARTICLE_FILTERS",
    "CONDITION_FILTERS",
    "FilterError",
    "filter_articles",
    "filter_conditions",
    "symptom_names",
]

ARTICLE_FILTERS = ("tags", "category", "author", "date_from", "date_to", "condition")
CONDITION_FILTERS = ("symptom", "related_to")


class FilterError(ValueError):
    """A filter parameter with a value that cannot be understood."""


def _text(params: Mapping[str, Any], name: str, max_length: int = 200) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    value = str(value).strip()
    if "\x00" in value:
        raise FilterError(f"{name}: null characters are not allowed.")
    if len(value) > max_length:
        raise FilterError(f"{name}: at most {max_length} characters.")
    return value


def _date(params: Mapping[str, Any], name: str) -> datetime.date | None:
    value = _text(params, name, 10)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name}: {value!r} is not a date; use YYYY-MM-DD.") from None


def _id(params: Mapping[str, Any], name: str) -> int | None:
    value = _text(params, name, 20)
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise FilterError(f"{name}: {value!r} is not a page id (a positive integer).")
    return int(value)


def filter_articles(queryset: QuerySet, params: Mapping[str, Any]) -> QuerySet:
    """Narrow an ``ArticlePage`` queryset by the article filters present in ``params``."""
    base = queryset
    if tags := _text(params, "tags"):
        for slug in [slug.strip() for slug in tags.split(",") if slug.strip()]:
            queryset = queryset.filter(pk__in=_tagged(queryset.model, slug))
    if category := _text(params, "category"):
        queryset = queryset.filter(categories__slug=category)
    if author := _text(params, "author"):
        queryset = queryset.filter(author__slug=author)
    date_from, date_to = _date(params, "date_from"), _date(params, "date_to")
    if date_from and date_to and date_from > date_to:
        raise FilterError("date_from is after date_to.")
    if date_from:
        queryset = queryset.filter(date__gte=date_from)
    if date_to:
        queryset = queryset.filter(date__lte=date_to)
    if (condition_id := _id(params, "condition")) is not None:
        queryset = queryset.filter(pk__in=_pages_linking_to(condition_id, queryset.model))
    return _as_subquery(base, queryset)


def _as_subquery(base: QuerySet, narrowed: QuerySet) -> QuerySet:
    """``base`` narrowed to the pks of ``narrowed``: search backends accept a pk filter, not
    filters on unindexed or related fields."""
    if narrowed.query.where == base.query.where:
        return base
    return base.filter(pk__in=narrowed.values("pk"))


def _tagged(model: type, slug: str) -> QuerySet:
    through = model.tags.through
    return through.objects.filter(tag__slug=slug).values("content_object_id")


def _pages_linking_to(page_id: int, source_model: type) -> list[int]:
    """Ids of ``source_model`` pages whose content references the visible page ``page_id``."""
    from wagtail_neuro.models import ConditionPage

    if not visible_pages(ConditionPage.objects.filter(pk=page_id)).exists():
        return []
    page_type = ContentType.objects.get_for_model(Page)
    source_ids = ReferenceIndex.objects.filter(
        base_content_type=page_type,
        to_content_type=page_type,
        to_object_id=str(page_id),
    ).values_list("object_id", flat=True)
    return [int(pk) for pk in set(source_ids) if str(pk).isdigit()]


def symptom_names(body: Any) -> set[str]:
    """Case-folded names of every symptom in a body's symptom lists, sections included.

    Read from the stored JSON (``StreamValue.raw_data`` or a list of raw blocks), so filtering
    many pages converts no blocks and fetches nothing they link to. REST and GraphQL share it.
    """
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "symptom_list" and isinstance(node.get("value"), dict):
                for item in node["value"].get("items") or ():
                    value = item.get("value", item) if isinstance(item, dict) else None
                    if isinstance(value, dict) and value.get("name"):
                        names.add(str(value["name"]).strip().casefold())
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(list(getattr(body, "raw_data", body) or ()))
    return names


def filter_conditions(queryset: QuerySet, params: Mapping[str, Any]) -> QuerySet:
    """Narrow a ``ConditionPage`` queryset by the condition filters present in ``params``."""
    base = queryset
    if symptom := _text(params, "symptom"):
        wanted = symptom.casefold()
        candidates = queryset.only("pk", "body")
        if symptom.isascii():
            # the JSON text (non-ASCII is \u-escaped in it) narrows the candidates in SQL
            candidates = candidates.filter(body__icontains=symptom)
        matching = [page.pk for page in candidates if wanted in symptom_names(page.body)]
        queryset = queryset.filter(pk__in=matching)
    if (related_id := _id(params, "related_to")) is not None:
        related = visible_pages(queryset.model.objects.filter(pk=related_id)).first()
        if related is None:
            return queryset.none()
        queryset = queryset.filter(pk__in=[page.pk for page in related.get_related_conditions()])
    return _as_subquery(base, queryset)
