"""The root fields this package adds to grapple's ``Query`` (their names are a contract), and
safer resolvers for grapple's own ``page``, ``pages``, ``search`` and ``snippets``.

:class:`NeuroQuery` is placed first among the query mixins (see ``schema.py``), so its
``resolve_*`` methods win over grapple's while grapple's field definitions, arguments and
types stay as they are.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q, QuerySet
from django.utils import timezone
from graphql import GraphQLError
from grapple.registry import registry
from grapple.types.pages import get_site_filter, get_specific_page
from grapple.utils import resolve_queryset
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, DraftStateMixin, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import class_is_indexed

from wagtail_neuro.api.filters import symptom_names
from wagtail_neuro.conf import neuro_settings
from wagtail_neuro.models import ArticlePage, ClinicHoursSnippet, ConditionPage
from wagtail_neuro.preview import InvalidPreviewToken, page_for_preview_token
from wagtail_neuro.visibility import visible_pages

from .loaders import allow_preview, is_live_object, prime_images, prime_pages, visible_page_ids
from .middleware import check_order
from .types.clinic_hours import ClinicHours, hours_for, parse_instant

__all__ = ["NeuroQuery"]

SEARCH_HITS_MAX = 1000
ARTICLE_ORDER_FIELDS = ["date", "title", "first_published_at", "last_published_at"]


def page_type(model: type) -> Any:
    return lambda: registry.pages[model]


def clamp(limit: int | None, offset: int | None) -> tuple[int, int]:
    """``limit`` capped at ``WAGTAIL_NEURO_GRAPHQL_MAX_LIMIT``; negatives become 0."""
    if limit is None:
        limit = neuro_settings.GRAPHQL_DEFAULT_LIMIT
    return max(0, min(limit, neuro_settings.GRAPHQL_MAX_LIMIT)), max(0, offset or 0)


def articles_queryset() -> QuerySet:
    return (
        visible_pages(ArticlePage.objects.all())
        .select_related("author", "author__photo", "reviewed_by", "hero_image")
        .prefetch_related("tagged_items__tag", "categories")
    )


def conditions_queryset() -> QuerySet:
    return (
        visible_pages(ConditionPage.objects.all())
        .select_related("reviewed_by", "hero_image")
        .prefetch_related("also_known_as", "icd10_codes")
    )


def with_loaded(info: Any, pages: list[Page]) -> list[Page]:
    """Batch the work the returned pages' fields will do (blocks, links, renditions)."""
    images = [getattr(page, "hero_image", None) for page in pages]
    images += [getattr(getattr(page, "author", None), "photo", None) for page in pages]
    return prime_pages(info, pages, images=[image for image in images if image is not None])


def one_page(info: Any, qs: QuerySet, id: Any, slug: str | None, url_path: str | None) -> Any:
    if id is None and not slug and not url_path:
        raise GraphQLError("Give one of id, slug or urlPath.")
    if id is not None:
        qs = qs.filter(pk=id) if str(id).isdigit() else qs.none()
    if slug:
        qs = qs.filter(slug=slug)
    if url_path:
        qs = qs.filter(url_path__endswith=url_path.rstrip("/") + "/")
    page = qs.first()
    return with_loaded(info, [page])[0] if page is not None else None


def page_window(info: Any, qs: QuerySet, limit: int | None, offset: int | None) -> list[Page]:
    limit, offset = clamp(limit, offset)
    return with_loaded(info, list(qs[offset : offset + limit]))


def searched(qs: QuerySet, search: str) -> QuerySet:
    """``qs`` narrowed to Wagtail search hits for ``search`` (read as primary keys, so ``qs``'s
    ordering and prefetches stay)."""
    hits = qs.model.objects.live().search(search)[:SEARCH_HITS_MAX]
    return qs.filter(pk__in=[page.pk for page in hits])


def live_snippets(model: type) -> QuerySet:
    qs = model._default_manager.all()
    if issubclass(model, DraftStateMixin):
        qs = qs.filter(live=True).filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())
        )
    return qs


def public_collections(qs: QuerySet) -> QuerySet:
    """Images or documents outside collections with a view restriction (or below one)."""
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    for path in set(restricted):
        qs = qs.exclude(collection__path__startswith=path)
    return qs


class NeuroQuery:
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

    # ---- grapple's fields, answered without drafts, private or expired content

    @staticmethod
    def resolve_page(root: Any, info: Any, **kwargs: Any) -> Any:
        token = kwargs.get("token")
        if token:
            try:
                return allow_preview(page_for_preview_token(token))
            except InvalidPreviewToken as error:
                raise GraphQLError(str(error)) from None
        page = get_specific_page(
            id=kwargs.get("id"),
            slug=kwargs.get("slug"),
            url_path=kwargs.get("url_path"),
            content_type=kwargs.get("content_type"),
            site=get_site_filter(info, **kwargs),
        )
        if page is None or not visible_pages(Page.objects.filter(pk=page.pk)).exists():
            return None
        return page

    @staticmethod
    def resolve_pages(root: Any, info: Any, **kwargs: Any) -> Any:
        qs = Page.objects.all()
        if kwargs.get("parent"):
            parent = Page.objects.filter(pk=kwargs["parent"]).first()
            qs = parent.get_children() if parent else Page.objects.none()
        elif kwargs.get("ancestor"):
            ancestor = Page.objects.filter(pk=kwargs["ancestor"]).first()
            qs = ancestor.get_descendants() if ancestor else Page.objects.none()
        pages = visible_pages(qs).filter(depth__gt=1).specific()
        site = get_site_filter(info, **kwargs)
        if site is not None:
            pages = pages.in_site(site)
        elif kwargs.get("site") is not None or kwargs.get("in_site"):
            return Page.objects.none()
        content_type = kwargs.pop("content_type", None)
        if content_type:
            filters = Q()
            for label in content_type.split(","):
                app_label, _dot, model = label.strip().lower().partition(".")
                filters |= Q(content_type__app_label=app_label, content_type__model=model)
            pages = pages.filter(filters)
        for name in ("parent", "ancestor", "site", "in_site"):
            kwargs.pop(name, None)
        if kwargs.get("order"):
            kwargs["order"] = ",".join(check_order(kwargs["order"]))
        return resolve_queryset(pages, info, **kwargs)

    @staticmethod
    def resolve_search(root: Any, info: Any, query: str | None = None, **kwargs: Any) -> list:
        """Search hits are read first and then narrowed (search backends only filter on
        declared ``FilterField``s, which ``expire_at`` and view restrictions are not)."""
        if not query:
            return []
        limit = neuro_settings.GRAPHQL_MAX_LIMIT
        results: list[Any] = []
        media = (get_image_model(), get_document_model())
        backend = get_search_backend()
        for model in [*media, *search_models()]:
            if len(results) >= limit:
                break
            base = model._default_manager.all()
            if issubclass(model, Page | DraftStateMixin):
                base = base.filter(live=True)
            hits = list(backend.search(query, base)[:limit])
            if issubclass(model, Page):
                allowed = visible_page_ids(info, hits)
                hits = [hit for hit in hits if hit.pk in allowed]
            elif model in media:
                allowed = set(
                    public_collections(
                        model._default_manager.filter(pk__in=[h.pk for h in hits])
                    ).values_list("pk", flat=True)
                )
                hits = [hit for hit in hits if hit.pk in allowed]
            else:
                hits = [hit for hit in hits if is_live_object(hit)]
            results += hits[: limit - len(results)]
        prime_images(results)
        return results

    @staticmethod
    def resolve_snippets(root: Any, info: Any, **kwargs: Any) -> list:
        limit = neuro_settings.GRAPHQL_MAX_LIMIT
        results: list[Any] = []
        for model in registry.snippets:
            if len(results) >= limit:
                break
            results += list(live_snippets(model)[: limit - len(results)])
        return results


def search_models() -> list[type]:
    """Searchable models of grapple's apps that have a type in the ``Search`` union."""
    models = []
    for model in registry.class_models:
        if (
            hasattr(model, "_meta")
            and model._meta.app_label in registry.apps
            and class_is_indexed(model)
            and not model._meta.abstract
        ):
            models.append(model)
    return models
