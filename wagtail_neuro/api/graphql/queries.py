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
from wagtail.models import Page, Site

from wagtail_neuro.conf import neuro_settings
from wagtail_neuro.filters import FilterError
from wagtail_neuro.listings import article_listing, condition_listing
from wagtail_neuro.models import ClinicHoursSnippet
from wagtail_neuro.ordering import ARTICLE_ORDER_FIELDS, with_tiebreak

from .errors import argument_error
from .fields import ARTICLE_INTERFACE, CONDITION_INTERFACE
from .grapple_queries import GrappleQueries, live_snippets
from .listings import with_loaded
from .middleware import check_order
from .types.clinic_hours import ClinicHours, hours_for, parse_instant

__all__ = ["NeuroQuery"]


def clamp(limit: int | None, offset: int | None) -> tuple[int, int]:
    """``limit`` capped at ``WAGTAIL_NEURO_GRAPHQL_MAX_LIMIT``; negatives become 0."""
    if limit is None:
        limit = neuro_settings.GRAPHQL_DEFAULT_LIMIT
    return max(0, min(limit, neuro_settings.GRAPHQL_MAX_LIMIT)), max(0, offset or 0)


def one_page(info: Any, qs: QuerySet, id: Any, slug: str | None, url_path: str | None) -> Any:
    if id is None and not slug and not url_path:
        raise argument_error("Give one of id, slug or urlPath.")
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


def filtered(listing: Any, arguments: dict[str, Any], **options: Any) -> QuerySet:
    """``listing`` (see :mod:`wagtail_neuro.listings`) with the query's filter arguments; a bad
    value is a GraphQL error with the message REST gives in its 400."""
    data = {name: value for name, value in arguments.items() if value is not None}
    try:
        return listing(data, **options)
    except FilterError as error:
        raise argument_error(str(error)) from None


class NeuroQuery(GrappleQueries):
    article = graphene.Field(
        ARTICLE_INTERFACE,
        id=graphene.ID(),
        slug=graphene.String(),
        url_path=graphene.String(),
        description="A live, public article by id, slug or URL path.",
    )
    articles = graphene.List(
        graphene.NonNull(ARTICLE_INTERFACE),
        required=True,
        tags=graphene.String(description="Comma-separated tag slugs; an article must have all."),
        tag=graphene.String(
            description="A tag slug.", deprecation_reason="Use `tags` (the same as REST)."
        ),
        category=graphene.String(description="A category slug."),
        author=graphene.String(description="An author slug."),
        date_from=graphene.String(description="YYYY-MM-DD, inclusive."),
        date_to=graphene.String(description="YYYY-MM-DD, inclusive."),
        condition=graphene.ID(description="The id of a condition page the article links to."),
        search=graphene.String(description="Words to search for."),
        limit=graphene.Int(description="At most WAGTAIL_NEURO_GRAPHQL_MAX_LIMIT."),
        offset=graphene.Int(),
        order=graphene.String(
            description="date, title, first_published_at or last_published_at; prefix - for "
            "descending. Newest first by default."
        ),
        description="Live, public articles of every article page type, newest first.",
    )
    condition = graphene.Field(
        CONDITION_INTERFACE,
        id=graphene.ID(),
        slug=graphene.String(),
        url_path=graphene.String(),
        description="A live, public condition page by id, slug or URL path.",
    )
    conditions = graphene.List(
        graphene.NonNull(CONDITION_INTERFACE),
        required=True,
        symptom=graphene.String(
            description="A whole symptom name from the page's symptom lists, case-insensitive."
        ),
        related_to=graphene.ID(description="The id of a related condition page."),
        search=graphene.String(description="Words to search for."),
        limit=graphene.Int(description="At most WAGTAIL_NEURO_GRAPHQL_MAX_LIMIT."),
        offset=graphene.Int(),
        description="Live, public condition pages of every condition page type, A–Z.",
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
        return one_page(info, article_listing({}), id, slug, url_path)

    @staticmethod
    def resolve_articles(
        root: Any, info: Any, search=None, limit=None, offset=None, order=None, tag=None, **filters
    ) -> list[Page]:
        if tag and not filters.get("tags"):
            filters["tags"] = tag
        options = {"search": search}
        if order:
            options["order"] = with_tiebreak(check_order(order, list(ARTICLE_ORDER_FIELDS)))
        return page_window(info, filtered(article_listing, filters, **options), limit, offset)

    @staticmethod
    def resolve_condition(root: Any, info: Any, id=None, slug=None, url_path=None) -> Any:
        return one_page(info, condition_listing({}), id, slug, url_path)

    @staticmethod
    def resolve_conditions(
        root: Any, info: Any, search=None, limit=None, offset=None, **filters
    ) -> list[Page]:
        return page_window(info, filtered(condition_listing, filters, search=search), limit, offset)

    @staticmethod
    def resolve_clinic_hours(root: Any, info: Any, id=None, name=None, at=None) -> Any:
        if id is None and not name:
            raise argument_error("Give the id or the name of the clinic hours.")
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
