"""The narrowest overrides of grapple 0.31's own root resolvers: each one leaks, and grapple
offers no hook to narrow the querysets they read (``register_schema_query`` adds fields; it
cannot filter grapple's). Field definitions, arguments and types stay grapple's.

Why each is replaced (reproduced on grapple 0.31, see ``tests/api/graphql/test_leaks.py``):

* ``page``: a checked preview token (age, signature, page binding) and a GraphQL error for a bad
  one; grapple's path answers expired pages until ``publish_scheduled`` runs.
* ``pages``: grapple's ``live().public()`` keeps expired pages, and dropping them afterwards
  would short a page of results; the listed pages get the shared prefetch step.
* ``search``: grapple searches unpublished and private pages and draft snippets.
* ``snippets``: grapple returns ``objects.all()`` of every snippet model, drafts included and
  unpaginated.
* ``tags``/``tag``: every tag, including those only drafts use.
* ``redirects``: a redirect to a hidden page gives its address away.
* ``images``/``image``, ``documents``/``document``: grapple checks the item's own collection,
  not a restricted collection above it.

:class:`GrappleQueries` is a base of :class:`~.queries.NeuroQuery`, placed first among the query
mixins (see ``schema.py``), so these ``resolve_*`` methods win. Visibility is applied as a
primary-key subquery where a search may follow (search backends only filter on declared
``FilterField``s).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from graphql import GraphQLError
from grapple.registry import registry
from grapple.types.pages import get_site_filter, get_specific_page
from grapple.types.redirects import RedirectsQuery
from grapple.utils import resolve_queryset
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, DraftStateMixin, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import class_is_indexed

from wagtail_neuro.api.problems import ProblemCode
from wagtail_neuro.conf import neuro_settings
from wagtail_neuro.preview import InvalidPreviewToken, page_for_preview_token
from wagtail_neuro.visibility import published, visible_pages, visible_tags

from .listings import with_loaded
from .loaders import is_live_object, visible_page_ids
from .middleware import check_order

__all__ = ["GrappleQueries", "live_snippets", "public_collections"]


def live_snippets(model: type) -> QuerySet:
    """All rows of a snippet model, only the published ones when it has drafts."""
    qs = model._default_manager.all()
    return published(qs) if issubclass(model, DraftStateMixin) else qs


def public_collections(qs: QuerySet) -> QuerySet:
    """Images or documents outside collections with a view restriction (or below one; grapple
    only checks the image's own collection), as a pk subquery so the result can be searched."""
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    public = qs.model._default_manager.all()
    for path in set(restricted):
        public = public.exclude(collection__path__startswith=path)
    return qs.filter(pk__in=public.values("pk"))


def search_models() -> list[type]:
    """Searchable models of grapple's apps that have a type in the ``Search`` union."""
    return [
        model
        for model in registry.class_models
        if hasattr(model, "_meta")
        and model._meta.app_label in registry.apps
        and class_is_indexed(model)
        and not model._meta.abstract
    ]


def filter_content_types(pages: QuerySet, content_type: str) -> QuerySet:
    """``contentType: "app.Model,app.Other"`` (an unknown label matches nothing)."""
    filters = Q()
    for label in content_type.split(","):
        app_label, _dot, model = label.strip().lower().partition(".")
        filters |= Q(content_type__app_label=app_label, content_type__model=model)
    return pages.filter(filters)


class GrappleQueries:
    @staticmethod
    def resolve_page(root: Any, info: Any, **kwargs: Any) -> Any:
        token = kwargs.get("token")
        if token:
            try:
                return page_for_preview_token(
                    token, page_id=kwargs.get("id"), content_type=kwargs.get("content_type")
                )
            except InvalidPreviewToken as error:
                raise GraphQLError(
                    str(error), extensions={"code": str(ProblemCode.INVALID_PREVIEW_TOKEN)}
                ) from None
        page = get_specific_page(
            id=kwargs.get("id"),
            slug=kwargs.get("slug"),
            url_path=kwargs.get("url_path"),
            content_type=kwargs.get("content_type"),
            site=get_site_filter(info, **kwargs),
        )
        if page is None or not visible_page_ids(info, [page]):
            return None
        return page

    @staticmethod
    def resolve_pages(root: Any, info: Any, **kwargs: Any) -> list[Page]:
        """grapple's ``pages`` over visible pages; the listed pages are primed like
        ``articles`` (blocks converted together, linked pages' visibility, renditions)."""
        qs = Page.objects.all()
        if kwargs.get("parent"):
            parent = Page.objects.filter(pk=kwargs["parent"]).first()
            qs = parent.get_children() if parent else Page.objects.none()
        elif kwargs.get("ancestor"):
            ancestor = Page.objects.filter(pk=kwargs["ancestor"]).first()
            qs = ancestor.get_descendants() if ancestor else Page.objects.none()
        pages = visible_pages(qs).filter(depth__gt=1)
        site = get_site_filter(info, **kwargs)
        if site is not None:
            pages = pages.in_site(site)
        elif kwargs.get("site") is not None or kwargs.get("in_site"):
            return []
        content_type = kwargs.pop("content_type", None)
        if content_type:
            pages = filter_content_types(pages, content_type)
        for name in ("parent", "ancestor", "site", "in_site"):
            kwargs.pop(name, None)
        if kwargs.get("search_query"):  # backends refuse filters on expire_at, restrictions …
            pages = Page.objects.filter(pk__in=pages.values("pk"))
        if kwargs.get("order"):
            kwargs["order"] = ",".join(check_order(kwargs["order"]))
        listed = list(resolve_queryset(pages.specific(), info, **kwargs))
        return with_loaded(info, listed)

    @staticmethod
    def resolve_search(root: Any, info: Any, query: str | None = None, **kwargs: Any) -> list:
        """Pages and snippets only: grapple's ``Search`` union has no image or document type
        (``images(searchQuery:)`` and ``documents(searchQuery:)`` search those). Hits are read
        first and then narrowed to visible ones."""
        if not query:
            return []
        limit = neuro_settings.GRAPHQL_MAX_LIMIT
        results: list[Any] = []
        backend = get_search_backend()
        for model in search_models():
            if len(results) >= limit:
                break
            base = model._default_manager.all()
            if issubclass(model, Page | DraftStateMixin):
                base = base.filter(live=True)
            hits = list(backend.search(query, base)[:limit])
            if issubclass(model, Page):
                allowed = visible_page_ids(info, hits)
                hits = [hit for hit in hits if hit.pk in allowed]
            else:
                hits = [hit for hit in hits if is_live_object(hit)]
            results += hits[: limit - len(results)]
        with_loaded(info, [hit for hit in results if isinstance(hit, Page)])
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

    @staticmethod
    def resolve_tags(root: Any, info: Any, **kwargs: Any) -> Any:
        return resolve_queryset(visible_tags(), info, **kwargs)

    @staticmethod
    def resolve_tag(root: Any, info: Any, id: Any = None, **kwargs: Any) -> Tag | None:
        return visible_tags().filter(pk=id).first() if str(id).isdigit() else None

    @staticmethod
    def resolve_redirects(root: Any, info: Any, **kwargs: Any) -> list[Any]:
        """grapple's redirects (one per site for site-less ones), without those to a page the
        public may not see: their ``newUrl`` would give the hidden page's address away."""
        redirects = RedirectsQuery.resolve_redirects(None, info, **kwargs)
        pages = [r.redirect_page for r in redirects if r.redirect_page_id is not None]
        allowed = visible_page_ids(info, pages)
        return [r for r in redirects if r.redirect_page_id is None or r.redirect_page_id in allowed]

    @staticmethod
    def resolve_images(root: Any, info: Any, **kwargs: Any) -> Any:
        model = get_image_model()
        qs = public_collections(model._default_manager.all()).prefetch_renditions()
        return resolve_queryset(qs, info, **kwargs)

    @staticmethod
    def resolve_image(root: Any, info: Any, id: Any = None, **kwargs: Any) -> Any:
        qs = public_collections(get_image_model()._default_manager.all())
        return qs.prefetch_renditions().filter(pk=id).first() if str(id).isdigit() else None

    @staticmethod
    def resolve_documents(root: Any, info: Any, **kwargs: Any) -> Any:
        qs = public_collections(get_document_model()._default_manager.all())
        return resolve_queryset(qs, info, **kwargs)

    @staticmethod
    def resolve_document(root: Any, info: Any, id: Any = None, **kwargs: Any) -> Any:
        qs = public_collections(get_document_model()._default_manager.all())
        return qs.filter(pk=id).first() if str(id).isdigit() else None
