"""The article and condition filters, as django-filter ``FilterSet``s.

One declaration serves every feed: API v2 (``/api/v2/pages/?type=…&tags=…``), the v3 card
listings (``/api/v3/articles/``, ``/api/v3/conditions/``), GraphQL (``articles(tags: …)``,
``conditions(symptom: …)``) and the HTML article index. Same names, same meaning:

Articles
    ``tags`` (comma-separated tag slugs; an article must have all of them), ``category`` (a
    category slug), ``author`` (an author slug), ``date_from`` / ``date_to`` (``YYYY-MM-DD``,
    inclusive) and ``condition`` (the id of a condition page the article links to, read from
    Wagtail's reference index).
Conditions
    ``symptom`` (a whole symptom name from a symptom list, case-insensitive: ``fatigue`` matches
    "Fatigue", ``eyes`` does not match "Dry eyes") and ``related_to`` (the id of a related
    condition, either way round).

A filter naming a draft, private or expired page matches nothing rather than revealing it. A
value that cannot be understood raises :class:`FilterError`, whose message names the parameter;
REST answers it with 400 and a JSON body, GraphQL with an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from wagtail.models import Page, ReferenceIndex

from wagtail_neuro.api.inputs import MAX_SEARCH_LENGTH
from wagtail_neuro.visibility import visible_pages

__all__ = [
    "ArticleFilterSet",
    "ConditionFilterSet",
    "FilterError",
    "ListingFilterSet",
    "symptom_names",
]

#: The longest text value a filter accepts: the same bound as a search term (one rule, in
#: :mod:`wagtail_neuro.api.inputs`).
MAX_TEXT = MAX_SEARCH_LENGTH
#: The largest page id a filter accepts (a 64-bit integer column's limit).
MAX_ID = 2**63 - 1


class FilterError(ValueError):
    """A filter parameter with a value that cannot be understood."""


class PageIdFilter(django_filters.Filter):
    """A page id: a positive integer."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        message = "Enter a page id (a positive integer)."
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        kwargs.setdefault(
            "error_messages", {"invalid": message, "min_value": message, "max_value": message}
        )
        super().__init__(*args, **kwargs)


def TextFilter(**kwargs: Any) -> django_filters.CharFilter:
    """A trimmed text value of at most :data:`MAX_TEXT` characters, without null characters
    (Django's ``CharField`` refuses those)."""
    return django_filters.CharFilter(max_length=MAX_TEXT, **kwargs)


def IsoDateFilter(**kwargs: Any) -> django_filters.DateFilter:
    """A date written ``YYYY-MM-DD`` (and only so: ``01/02/2024`` means different days to
    different readers)."""
    return django_filters.DateFilter(
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Enter a date as YYYY-MM-DD."},
        **kwargs,
    )


class ListingFilterSet(django_filters.FilterSet):
    """A FilterSet that fails loudly: :meth:`apply` raises :class:`FilterError` for a bad value
    instead of returning the unfiltered queryset (django-filter's default)."""

    #: The query parameters this filter set reads.
    @classmethod
    def parameter_names(cls) -> tuple[str, ...]:
        return tuple(cls.base_filters)

    @classmethod
    def used(cls, data: Mapping[str, Any]) -> list[str]:
        """The parameters of this filter set present in ``data``."""
        return [name for name in cls.base_filters if data.get(name) not in (None, "")]

    @classmethod
    def apply(cls, queryset: QuerySet, data: Mapping[str, Any]) -> QuerySet:
        """``queryset`` narrowed by the filters in ``data`` (other keys are ignored).

        The result is ``queryset`` filtered by primary key, so a search backend can still search
        it (backends filter only on indexed fields, not on tags or the reference index)."""
        if not cls.used(data):
            return queryset
        filterset = cls(data, queryset=queryset)
        if not filterset.is_valid():
            raise FilterError(error_message(filterset.errors))
        return queryset.filter(pk__in=filterset.qs.values("pk"))


def error_message(errors: Mapping[str, list[str]]) -> str:
    """``"date_from: Enter a valid date."``; errors of the whole form come without a name."""
    parts = []
    for name, messages in errors.items():
        text = " ".join(str(message) for message in messages)
        parts.append(text if name == "__all__" else f"{name}: {text}")
    return " ".join(parts)


class ArticleFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("date_from is after date_to.")
        return cleaned


class ArticleFilterSet(ListingFilterSet):
    tags = TextFilter(
        method="filter_tags", help_text="Comma-separated tag slugs; an article must have all."
    )
    category = TextFilter(field_name="categories__slug", help_text="A category slug.")
    author = TextFilter(field_name="author__slug", help_text="An author slug.")
    date_from = IsoDateFilter(
        field_name="date", lookup_expr="gte", help_text="YYYY-MM-DD, inclusive."
    )
    date_to = IsoDateFilter(
        field_name="date", lookup_expr="lte", help_text="YYYY-MM-DD, inclusive."
    )
    condition = PageIdFilter(
        method="filter_condition", help_text="The id of a condition page the article links to."
    )

    class Meta:
        form = ArticleFilterForm
        fields: list[str] = []

    def filter_tags(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        slugs = [slug.strip() for slug in value.split(",") if slug.strip()]
        if slugs and not hasattr(queryset.model, "tags"):
            return queryset.none()  # a page type without tags has none of them
        for slug in slugs:
            queryset = queryset.filter(
                pk__in=queryset.model.objects.filter(tags__slug=slug).values("pk")
            )
        return queryset

    def filter_condition(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(pk__in=pages_linking_to(value))


def pages_linking_to(condition_id: int) -> list[int]:
    """Ids of the pages whose content references the visible condition page ``condition_id``."""
    from wagtail_neuro.models import AbstractConditionPage

    target = visible_pages(Page.objects.filter(pk=condition_id)).first()
    if target is None or not issubclass(target.specific_class or Page, AbstractConditionPage):
        return []
    page_type = ContentType.objects.get_for_model(Page)
    source_ids = ReferenceIndex.objects.filter(
        base_content_type=page_type,
        to_content_type=page_type,
        to_object_id=str(condition_id),
    ).values_list("object_id", flat=True)
    return [int(pk) for pk in set(source_ids) if str(pk).isdigit()]


class ConditionFilterSet(ListingFilterSet):
    symptom = TextFilter(
        method="filter_symptom",
        help_text="A whole symptom name from the page's symptom lists, case-insensitive.",
    )
    related_to = PageIdFilter(
        method="filter_related_to", help_text="The id of a related condition page."
    )

    class Meta:
        fields: list[str] = []

    def filter_symptom(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        wanted = value.casefold()
        candidates = queryset.only("pk", "body")
        if value.isascii():
            # the JSON text (non-ASCII is \u-escaped in it) narrows the candidates in SQL
            candidates = candidates.filter(body__icontains=value)
        matching = [page.pk for page in candidates if wanted in symptom_names(page.body)]
        return queryset.filter(pk__in=matching)

    def filter_related_to(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        related = visible_pages(queryset.model.objects.filter(pk=value)).first()
        if related is None:
            return queryset.none()
        return queryset.filter(pk__in=[page.pk for page in related.get_related_conditions()])


def symptom_names(body: Any) -> set[str]:
    """Case-folded names of every symptom in a body's symptom lists, sections included.

    Read from the stored JSON (``StreamValue.raw_data`` or a list of raw blocks), so filtering
    many pages converts no blocks and fetches nothing they link to.
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
