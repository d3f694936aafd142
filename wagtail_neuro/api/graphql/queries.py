"""The root fields this package adds to grapple's ``Query`` (their names are a contract).

:class:`NeuroQuery` is placed first among the query mixins (see ``schema.py``), so its
``resolve_*`` methods, and those of :class:`~.grapple_queries.GrappleQueries` for grapple's own
fields, win over grapple's while grapple's field definitions, arguments and types stay as they
are.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q, QuerySet
from graphql import GraphQLError
from grapple.registry import registry
from wagtail.models import Page, Site

from wagtail_neuro.api.filters import symptom_names
from wagtail_neuro.conf import neuro_settings
from wagtail_neuro.models import ArticlePage, ClinicHoursSnippet, ConditionPage

from .grapple_queries import GrappleQueries, live_snippets
from .listings import articles_queryset, conditions_queryset, with_loaded
from .middleware import ARTICLE_ORDER_FIELDS, check_order
from .types.clinic_hours import ClinicHours, hours_for, parse_instant

__all__ = ["NeuroQuery"]

SEARCH_HITS_MAX = 1000


def page_type(model: type) -> Any:
    return lambda: registry.pages[model]


def clamp(limit: int | None, offset: int | None) -> tuple[int, int]:
    """``limit`` capped at ``WAGTAIL_NEURO_GRAPHQL_MAX_LIMIT``; negatives become 0."""
    if limit is None:
        limit = neuro_settings.GRAPHQL_DEFAULT_LIMIT
    return max(0, min(limit, neuro_settings.GRAPHQL_MAX_LIMIT)), max(0, offset or 0)


def one_page(info: Any, qs: QuerySet, id: Any, slug: str | None, url_path: str | None) -> Any:
    if id is None and not slug and not url_path:
        raise GraphQLError("Give one of id, slug or urlPath.")
    if id is not None:
        qs = qs.filter(pk=id) if str(id).isdigit() else qs.none()
    if slug:
        qs = qs.filter(slug=slug)
    if url_path:
        pages = list(qs.filter(url_path__in=full_url_paths(info, url_path))[:2])
        page = pages[0] if len(pages) == 1 else None
    else:
        page = qs.first()
    return with_loaded(info, [page])[0] if page is not None else None


def full_url_paths(info: Any, url_path: str) -> list[str]:
    """The ``Page.url_path`` values a site-relative path ("/blog/my-post/") names: below the
    root page of the request's site, or of every site when no site answers the request's host
    (and then only a path that matches a single page is answered). The whole path must match:
    a suffix match would answer ``"/"`` with any page."""
    relative = "/".join(part for part in url_path.split("/") if part)
    if not relative:
        return []
    roots = Site.get_site_root_paths()
    site = Site.find_for_request(info.context)
    if site is not None:
        roots = [root for root in roots if root.site_id == site.pk]
    return [f"{root.root_path}{relative}/" for root in roots]


def page_window(info: Any, qs: QuerySet, limit: int | None, offset: int | None) -> list[Page]:
    limit, offset = clamp(limit, offset)
    return with_loaded(info, list(qs[offset : offset + limit]))


def searched(qs: QuerySet, search: str) -> QuerySet:
    """``qs`` narrowed to Wagtail search hits for ``search`` (read as primary keys, so ``qs``'s
    ordering and prefetches stay)."""
    hits = qs.model.objects.live().search(search)[:SEARCH_HITS_MAX]
    return qs.filter(pk__in=[page.pk for page in hits])


class NeuroQuery(GrappleQueries):
    article = graphene.Field(
        page_type(ArticlePage),
        id=graphene.ID(),
        slug=graphene.String(),
        url_path=graphene.String(),
        description="A live, public article by id, slug or URL path.",
    )
    articles = graphene.List(
        graphene.NonNull(page_type(ArticlePage)),
        required=True,
        tag=graphene.String(description="A tag slug."),
        category=graphene.String(description="A category slug."),
        author=graphene.String(description="An author slug."),
        search=graphene.String(description="Words to search for."),
        limit=graphene.Int(description="At most WAGTAIL_NEURO_GRAPHQL_MAX_LIMIT."),
        offset=graphene.Int(),
        order=graphene.String(
            description="date, title, first_published_at or last_published_at; prefix - for "
            "descending. Newest first by default."
        ),
        description="Live, public articles, newest first.",
    )
    condition = graphene.Field(
        page_type(ConditionPage),
        id=graphene.ID(),
        slug=graphene.String(),
        url_path=graphene.String(),
        description="A live, public condition page by id, slug or URL path.",
    )
    conditions = graphene.List(
        graphene.NonNull(page_type(ConditionPage)),
        required=True,
        symptom=graphene.String(description="Only conditions listing this symptom."),
        search=graphene.String(description="Words to search for."),
        limit=graphene.Int(description="At most WAGTAIL_NEURO_GRAPHQL_MAX_LIMIT."),
        offset=graphene.Int(),
        description="Live, public condition pages, A–Z.",
    )
    clinic_hours = graphene.Field(
        ClinicHours,
        id=graphene.ID(),
        name=graphene.String(description="The name or the slug."),
        at=graphene.String(description="An ISO 8601 instant; defaults to now."),
        description="Published clinic hours, evaluated at `at`.",
    )
    all_clinic_hours = graphene.List(
        graphene.NonNull(ClinicHours),
        required=True,
        at=graphene.String(description="An ISO 8601 instant; defaults to now."),
        description="Every published clinic hours snippet, evaluated at `at`.",
    )

    # ---- this package's queries

    @staticmethod
    def resolve_article(root: Any, info: Any, id=None, slug=None, url_path=None) -> Any:
        return one_page(info, articles_queryset(), id, slug, url_path)

    @staticmethod
    def resolve_articles(
        root: Any,
        info: Any,
        tag=None,
        category=None,
        author=None,
        search=None,
        limit=None,
        offset=None,
        order=None,
    ) -> list[Page]:
        qs = articles_queryset()
        filters = Q()
        if tag:
            filters &= Q(pk__in=ArticlePage.objects.filter(tags__slug=tag).values("pk"))
        if category:
            filters &= Q(pk__in=ArticlePage.objects.filter(categories__slug=category).values("pk"))
        if author:
            filters &= Q(author__slug=author)
        qs = qs.filter(filters)
        if search:
            qs = searched(qs, search)
        terms = check_order(order, ARTICLE_ORDER_FIELDS) if order else ["-date"]
        return page_window(info, qs.order_by(*terms, "-pk"), limit, offset)

    @staticmethod
    def resolve_condition(root: Any, info: Any, id=None, slug=None, url_path=None) -> Any:
        return one_page(info, conditions_queryset(), id, slug, url_path)

    @staticmethod
    def resolve_conditions(
        root: Any, info: Any, symptom=None, search=None, limit=None, offset=None
    ) -> list[Page]:
        qs = conditions_queryset().order_by("title", "pk")
        if search:
            qs = searched(qs, search)
        if symptom:
            wanted = symptom.strip().casefold()
            matching = [
                page.pk
                for page in qs.model.objects.filter(pk__in=qs.values("pk")).only("pk", "body")
                if any(wanted in name for name in symptom_names(page.body))
            ]
            qs = qs.filter(pk__in=matching)
        return page_window(info, qs, limit, offset)

    @staticmethod
    def resolve_clinic_hours(root: Any, info: Any, id=None, name=None, at=None) -> Any:
        if id is None and not name:
            raise GraphQLError("Give the id or the name of the clinic hours.")
        qs = live_snippets(ClinicHoursSnippet)
        if id is not None:
            qs = qs.filter(pk=id) if str(id).isdigit() else qs.none()
        if name:
            qs = qs.filter(Q(name__iexact=name) | Q(slug=name))
        snippet = qs.first()
        return hours_for(snippet, parse_instant(at)) if snippet is not None else None

    @staticmethod
    def resolve_all_clinic_hours(root: Any, info: Any, at=None) -> list[Any]:
        instant = parse_instant(at)
        limit, _offset = clamp(neuro_settings.GRAPHQL_MAX_LIMIT, 0)
        return [hours_for(s, instant) for s in live_snippets(ClinicHoursSnippet)[:limit]]
