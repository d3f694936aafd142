"""The package's routes on Wagtail's API v3 (django-ninja), registered from ``AppConfig.ready``.

Wagtail's v3 already serves the package's page types from their ``api_fields`` (typed through
the annotations in :mod:`wagtail_neuro.api.serializers`). :func:`register` adds what it lacks:

* ``/api/v3/articles/`` and ``/api/v3/conditions/``: card listings (Wagtail's v3 listings return
  only id, title and meta) with the article and condition filters and ``search``;
* ``/api/v3/clinic-hours/`` and ``/api/v3/clinic-hours/{id}/``: anonymous, cacheable clinic
  hours (Wagtail's snippet routes need a bearer token), live version only, ``?at=`` aware;
* ``/api/v3/preview/?token=``: the draft a headless-preview token was issued for.

It also narrows Wagtail's public page tier to :func:`~wagtail_neuro.visibility.visible_pages`:
Wagtail's keeps expired pages until ``publish_scheduled`` runs, and lets a session that entered
a page password read the page, which would then be cached as public.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from ninja import Router, Schema
from ninja.errors import HttpError
from wagtail.api.v2.utils import get_full_url
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from wagtail_neuro.representation import image_data
from wagtail_neuro.visibility import visible_pages

from . import schemas
from .filters import (
    ARTICLE_FILTERS,
    CONDITION_FILTERS,
    FilterError,
    filter_articles,
    filter_conditions,
)
from .prefetch import prefetch_pages

__all__ = ["article_card", "condition_card", "register", "router"]

router = Router(tags=["wagtail_neuro"])

COMMON_PARAMETERS = frozenset(["limit", "offset", "search", "site", "format", "_"])
DEFAULT_LIMIT = 20


class ArticleCardList(Schema):
    count: int
    items: list[schemas.ArticleCard]


class ConditionCardList(Schema):
    count: int
    items: list[schemas.ConditionCard]


class ClinicHoursList(Schema):
    count: int
    items: list[schemas.ClinicHoursData]


class BadRequest(Schema):
    type: str
    title: str
    status: int
    detail: str


def _check_parameters(request: HttpRequest, allowed: frozenset[str]) -> None:
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise HttpError(400, f"unknown query parameter: {', '.join(unknown)}")


def _int_parameter(request: HttpRequest, name: str, default: int) -> int:
    value = request.GET.get(name)
    if value in (None, ""):
        return default
    if not value.isdigit():
        raise HttpError(400, f"{name}: {value!r} is not a non-negative integer.")
    return int(value)


def _paginate(request: HttpRequest, items: Any) -> tuple[int, list[Any]]:
    from wagtail.api.v3.pagination import _get_max_limit

    max_limit = _get_max_limit()  # WAGTAILAPI_LIMIT_MAX; None there means no cap (inf)
    limit = _int_parameter(request, "limit", min(DEFAULT_LIMIT, max_limit))
    offset = _int_parameter(request, "offset", 0)
    if limit < 1:
        raise HttpError(400, "limit must be 1 or more.")
    if limit > max_limit:
        raise HttpError(400, f"limit must be between 1 and {max_limit}.")
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    return count, list(items[offset : offset + limit])


def _search(request: HttpRequest, queryset: Any) -> Any:
    query = request.GET.get("search")
    if query is None:
        return queryset
    if len(query) > 200 or "\x00" in query:
        raise HttpError(400, "search: at most 200 characters, no null characters.")
    try:
        return get_search_backend().search(query, queryset, order_by_relevance=False)
    except (FilterFieldError, OrderByFieldError) as error:
        raise HttpError(400, f"search: {error}") from None


def _filtered(request: HttpRequest, queryset: Any, apply: Callable[..., Any]) -> Any:
    try:
        return apply(queryset, request.GET)
    except FilterError as error:
        raise HttpError(400, str(error)) from None


def _detail_url(request: HttpRequest, page: Any) -> str:
    try:
        path = reverse("wagtailapi_v3:detail_page", kwargs={"page_id": page.pk})
    except NoReverseMatch:
        return ""
    return get_full_url(request, path)


def article_card(page: Any, request: HttpRequest) -> dict[str, Any]:
    """What an article listing renders for one article."""
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": page.get_url(request=request),
        "detail_url": _detail_url(request, page),
        "summary": page.summary,
        "date": page.date.isoformat(),
        "author": page.author.name if page.author else None,
        "hero_image": image_data(page.hero_image),
        "tags": [
            {"name": tag.name, "slug": tag.slug}
            for tag in sorted(page.tags.all(), key=lambda tag: tag.name.casefold())
        ],
        "categories": [{"id": c.pk, "name": c.name, "slug": c.slug} for c in page.categories.all()],
        "reading_time": page.reading_time,
    }


def condition_card(page: Any, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": page.get_url(request=request),
        "detail_url": _detail_url(request, page),
        "summary": page.summary,
        "also_known_as": [alias.name for alias in page.also_known_as.all()],
        "hero_image": image_data(page.hero_image),
    }


def _public(request: HttpRequest, model: type) -> Any:
    """Visible pages of ``model`` on the request's site (or ``?site=``)."""
    from wagtail.api.querysets import get_public_pages_queryset

    try:
        ids = visible_pages(get_public_pages_queryset(request)).values("pk")
    except ValueError as error:  # ?site= matched several sites
        raise HttpError(400, str(error)) from None
    # a pk subquery, so ?search= works: expire_at is not an indexed filter field
    return model.objects.filter(pk__in=ids)


@router.get(
    "/articles/",
    response={200: ArticleCardList, 400: BadRequest},
    url_name="wagtail_neuro_articles",
    summary="List articles as cards",
    operation_id="wagtail_neuro_articles_list",
)
def list_articles(
    request: HttpRequest,
    tags: str | None = None,
    category: str | None = None,
    author: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    condition: str | None = None,
    search: str | None = None,
    limit: str | None = None,
    offset: str | None = None,
) -> dict[str, Any]:
    """Newest first: ``tags`` (comma-separated slugs, all required), ``category`` and ``author``
    slugs, ``date_from``/``date_to`` (YYYY-MM-DD), ``condition`` (id of a linked condition page),
    ``search``."""
    from wagtail_neuro.models import ArticlePage

    _check_parameters(request, COMMON_PARAMETERS | set(ARTICLE_FILTERS))
    queryset = _filtered(request, _public(request, ArticlePage), filter_articles)
    queryset = queryset.defer("body", "references").order_by("-date", "-id")
    count, items = _paginate(request, _search(request, queryset))
    prefetch_pages(items)
    return {"count": count, "items": [article_card(page, request) for page in items]}


@router.get(
    "/conditions/",
    response={200: ConditionCardList, 400: BadRequest},
    url_name="wagtail_neuro_conditions",
    summary="List conditions as cards",
    operation_id="wagtail_neuro_conditions_list",
)
def list_conditions(
    request: HttpRequest,
    symptom: str | None = None,
    related_to: str | None = None,
    search: str | None = None,
    limit: str | None = None,
    offset: str | None = None,
) -> dict[str, Any]:
    """A–Z: ``symptom`` (a symptom name), ``related_to`` (a condition id), ``search``."""
    from wagtail_neuro.models import ConditionPage

    _check_parameters(request, COMMON_PARAMETERS | set(CONDITION_FILTERS))
    queryset = _filtered(request, _public(request, ConditionPage), filter_conditions)
    queryset = queryset.defer("body", "references").order_by("title", "id")
    count, items = _paginate(request, _search(request, queryset))
    prefetch_pages(items)
    return {"count": count, "items": [condition_card(page, request) for page in items]}


def _at(request: HttpRequest) -> Any:
    from .v2 import parse_instant

    try:
        return parse_instant(request.GET.get("at"))
    except ValueError as error:
        raise HttpError(400, str(error)) from None


@router.get(
    "/clinic-hours/",
    response={200: ClinicHoursList, 400: BadRequest},
    url_name="wagtail_neuro_clinic_hours",
    summary="List published clinic hours",
    operation_id="wagtail_neuro_clinic_hours_list",
)
def list_clinic_hours(
    request: HttpRequest,
    at: str | None = None,
    limit: str | None = None,
    offset: str | None = None,
) -> dict[str, Any]:
    """``at``: an ISO 8601 instant with offset at which to evaluate ``open_now`` and
    ``next_change`` (default now)."""
    from .v2 import published_clinic_hours

    _check_parameters(request, frozenset(["at", "limit", "offset", "format", "_"]))
    when = _at(request)
    count, items = _paginate(request, published_clinic_hours())
    return {"count": count, "items": [item.as_data(at=when) for item in items]}


@router.get(
    "/clinic-hours/{hours_id}/",
    response={200: schemas.ClinicHoursData, 400: BadRequest},
    url_name="wagtail_neuro_clinic_hours_detail",
    summary="Published clinic hours",
    operation_id="wagtail_neuro_clinic_hours_detail",
)
def clinic_hours_detail(request: HttpRequest, hours_id: int, at: str | None = None) -> Any:
    from .v2 import published_clinic_hours

    _check_parameters(request, frozenset(["at", "format", "_"]))
    when = _at(request)
    return get_object_or_404(published_clinic_hours(), pk=hours_id).as_data(at=when)


def _narrow_public_pages() -> None:
    """Make Wagtail's v3 public tier serve :func:`visible_pages` only (see the module doc)."""
    from wagtail.api.v3 import querysets

    original = querysets.get_public_pages_queryset
    if getattr(original, "wagtail_neuro", False):
        return

    def get_public_pages_queryset(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        queryset = original(request, *args, **kwargs)
        # a pk subquery, so ?search= still works: expire_at is not an indexed filter field
        return queryset.model._default_manager.filter(pk__in=visible_pages(queryset).values("pk"))

    get_public_pages_queryset.wagtail_neuro = True  # type: ignore[attr-defined]
    querysets.get_public_pages_queryset = get_public_pages_queryset


_registered = False


def register() -> None:
    """Add the package's routes to Wagtail's v3 ``api`` (once); called from ``ready()``."""
    global _registered
    if _registered:
        return
    from wagtail.api.v3.api import api

    from .preview import router as preview_router

    _narrow_public_pages()
    api.add_router("/", router)
    api.add_router("/preview/", preview_router)
    _registered = True
