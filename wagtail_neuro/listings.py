"""The article and condition listings every feed serves: visible pages of every page type built
on the abstract bases, filtered, searched and ordered the same way.

``articles(data)`` lists the live, public, unexpired pages of ``ArticlePage`` *and* of any
agency's ``ClinicArticle(AbstractArticlePage)`` (each "family": a concrete model built on the
abstract base and its multi-table children), narrowed by :class:`~.filters.ArticleFilterSet`,
searched and ordered by :data:`~.ordering.ARTICLE_ORDER`. The v3 card listings, GraphQL
``articles``/``conditions`` and the HTML index call these; API v2 lists one ``?type=`` at a time
and applies the same filter sets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import reduce
from operator import or_
from typing import Any

from django.apps import apps
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Page

from .api.inputs import text_problem
from .filters import ArticleFilterSet, ConditionFilterSet, FilterError, ListingFilterSet
from .models.inheritance import family_model
from .ordering import ARTICLE_ORDER, CONDITION_ORDER
from .visibility import visible_pages

__all__ = [
    "SEARCH_HITS_MAX",
    "article_listing",
    "condition_listing",
    "family_roots",
    "listing",
    "search_ids",
]

#: At most this many search hits are considered per page type (they are then filtered and
#: ordered like any listing).
SEARCH_HITS_MAX = 1000


def family_roots(abstract_base: type) -> list[type[Page]]:
    """The concrete page models built directly on ``abstract_base``: ``ArticlePage`` and an
    agency's ``ClinicArticle(AbstractArticlePage)``, but not a multi-table
    ``VideoArticle(ArticlePage)``, whose rows are already ``ArticlePage`` rows."""
    roots = {
        family_model(model, abstract_base)
        for model in apps.get_models()
        if issubclass(model, abstract_base) and issubclass(model, Page)
    }
    return sorted(roots, key=lambda model: model._meta.label)


def search_ids(models: Sequence[type[Page]], query: str) -> list[int]:
    """Ids of the live pages of ``models`` matching ``query`` (at most :data:`SEARCH_HITS_MAX`
    each), read as ids so the caller's filters and ordering apply to them. A term the one input
    rule refuses (:func:`~.api.inputs.text_problem`: too long, control characters) raises
    :class:`~.filters.FilterError`, for callers the REST guard and GraphQL's validation do not
    cover."""
    if problem := text_problem("search", query):
        raise FilterError(problem)
    ids: list[int] = []
    for model in models:
        hits = model.objects.live().search(query, order_by_relevance=False)[:SEARCH_HITS_MAX]
        ids += [hit.pk for hit in hits]
    return ids


def listing(
    abstract_base: type,
    filterset: type[ListingFilterSet],
    data: Mapping[str, Any],
    order: Sequence[str],
    *,
    search: str | None = None,
    within: QuerySet | None = None,
) -> QuerySet:
    """Visible pages of every family of ``abstract_base``, filtered by ``filterset`` from
    ``data``, matching ``search`` when given, inside ``within`` (a queryset of pages, e.g. one
    site's) when given, ordered by ``order``. Raises :class:`~.filters.FilterError`.

    One family (the usual case) gives a queryset of that model. Several give a ``Page``
    queryset over all of them, ordered by the families' own columns and yielding specific pages.
    """
    roots = family_roots(abstract_base)
    hits = search_ids(roots, search) if search else None
    narrowed = []
    for root in roots:
        queryset = visible_pages(root.objects.all())
        if within is not None:
            queryset = queryset.filter(pk__in=within.values("pk"))
        if hits is not None:
            queryset = queryset.filter(pk__in=hits)
        narrowed.append(filterset.apply(queryset, data))
    if len(narrowed) == 1:
        return narrowed[0].order_by(*order)
    combined = Page.objects.filter(reduce(or_, (Q(pk__in=qs.values("pk")) for qs in narrowed)))
    return _order_across(combined, roots, order).specific()


def _order_across(queryset: QuerySet, roots: Sequence[type[Page]], order: Sequence[str]) -> Any:
    """Order a ``Page`` queryset by columns each family has (``date``) but ``Page`` has not:
    each such column is read from whichever family table holds the row."""
    page_fields = {field.name for field in Page._meta.get_fields()} | {"pk"}
    terms = []
    for term in order:
        name = term.removeprefix("-")
        if name not in page_fields:
            alias = f"_order_{name}"
            columns = [
                Subquery(root.objects.filter(pk=OuterRef("pk")).values(name)[:1]) for root in roots
            ]
            queryset = queryset.annotate(**{alias: Coalesce(*columns)})
            name = alias
        descending = term.startswith("-")
        terms.append(F(name).desc(nulls_last=True) if descending else F(name).asc())
    return queryset.order_by(*terms)


def article_listing(
    data: Mapping[str, Any],
    *,
    order: Sequence[str] = ARTICLE_ORDER,
    search: str | None = None,
    within: QuerySet | None = None,
) -> QuerySet:
    """Visible articles of every article page type, newest first (see :func:`listing`)."""
    from .models import AbstractArticlePage

    return listing(AbstractArticlePage, ArticleFilterSet, data, order, search=search, within=within)


def condition_listing(
    data: Mapping[str, Any],
    *,
    order: Sequence[str] = CONDITION_ORDER,
    search: str | None = None,
    within: QuerySet | None = None,
) -> QuerySet:
    """Visible conditions of every condition page type, A–Z (see :func:`listing`)."""
    from .models import AbstractConditionPage

    return listing(
        AbstractConditionPage, ConditionFilterSet, data, order, search=search, within=within
    )
