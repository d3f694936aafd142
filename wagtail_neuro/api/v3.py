"""The package's routes on Wagtail's API v3 (django-ninja), added by :func:`register`.

``wagtail_neuro.api.urls`` calls :func:`register` when the host mounts it; a project that mounts
Wagtail's ``api.urls`` itself calls ``register()`` before that. Nothing changes Wagtail's v3 API
for a project that does neither.

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
from math import inf
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from ninja import Router, Schema
from wagtail.api.v2.utils import get_full_url
from wagtail.fields import StreamField
from wagtail.models import Page

from wagtail_neuro.filters import ArticleFilterSet, ConditionFilterSet, FilterError
from wagtail_neuro.instants import InvalidInstant, parse_instant
from wagtail_neuro.listings import article_listing, condition_listing
from wagtail_neuro.media_urls import page_url
from wagtail_neuro.representation import image_data
from wagtail_neuro.visibility import visible_pages

from . import schemas
from .prefetch import CARD_RELATIONS, prefetch_pages
from .problems import ProblemCode, ProblemError, install_v3_handlers
from .v2 import published_clinic_hours

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


def _check_parameters(request: HttpRequest, allowed: frozenset[str]) -> None:
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise ProblemError(
            400, f"unknown query parameter: {', '.join(unknown)}", ProblemCode.UNKNOWN_PARAMETER
        )


def _int_parameter(request: HttpRequest, name: str, default: int) -> int:
    value = request.GET.get(name)
    if value in (None, ""):
        return default
    if not value.isdigit():
        raise ProblemError(
            400, f"{name}: {value!r} is not a non-negative integer.", ProblemCode.INVALID_PARAMETER
        )
    return int(value)


def api_limit_max() -> float:
    """``WAGTAILAPI_LIMIT_MAX``, the setting Wagtail's own listings obey (default 20 as
    documented by Wagtail; ``None`` means no cap)."""
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
    return inf if limit_max is None else limit_max


def _paginate(request: HttpRequest, items: Any) -> tuple[int, list[Any]]:
    max_limit = api_limit_max()
    limit = _int_parameter(request, "limit", min(DEFAULT_LIMIT, max_limit))
    offset = _int_parameter(request, "offset", 0)
    if limit < 1:
        raise ProblemError(400, "limit must be 1 or more.", ProblemCode.INVALID_PARAMETER)
    if limit > max_limit:
        raise ProblemError(
            400, f"limit must be between 1 and {max_limit}.", ProblemCode.INVALID_PARAMETER
        )
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    return count, list(items[offset : offset + limit])


def _listing(request: HttpRequest, listing: Callable[..., QuerySet]) -> QuerySet:
    """``listing`` (see :mod:`wagtail_neuro.listings`) on the request's site (or ``?site=``),
    filtered and searched by the query string; a bad value is a 400."""
    from wagtail.api.querysets import get_public_pages_queryset

    try:
        site_pages = get_public_pages_queryset(request)
        queryset = listing(request.GET, search=request.GET.get("search"), within=site_pages)
    except (FilterError, ValueError) as error:  # ValueError: ?site= matched several sites
        raise ProblemError(400, str(error), ProblemCode.INVALID_PARAMETER) from None
    if queryset.model is not Page:  # one page type: a queryset of that model
        stream_fields = [
            field.name
            for field in queryset.model._meta.concrete_fields
            if isinstance(field, StreamField)
        ]
        queryset = queryset.defer(*stream_fields)  # cards show no bodies
    return queryset


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
        "url": page_url(page, request),
        "detail_url": _detail_url(request, page),
        "summary": page.summary,
        "date": page.date.isoformat(),
        "author": page.author.name if page.author else None,
        "hero_image": image_data(page.hero_image, request),
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
        "url": page_url(page, request),
        "detail_url": _detail_url(request, page),
        "summary": page.summary,
        "also_known_as": [alias.name for alias in page.also_known_as.all()],
        "hero_image": image_data(page.hero_image, request),
    }


@router.get(
    "/articles/",
    response=ArticleCardList,
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
    _check_parameters(request, COMMON_PARAMETERS | set(ArticleFilterSet.parameter_names()))
    count, items = _paginate(request, _listing(request, article_listing))
    prefetch_pages(items, visible=True, streams=False, relations=CARD_RELATIONS)
    return {"count": count, "items": [article_card(page, request) for page in items]}


@router.get(
    "/conditions/",
    response=ConditionCardList,
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
    _check_parameters(request, COMMON_PARAMETERS | set(ConditionFilterSet.parameter_names()))
    count, items = _paginate(request, _listing(request, condition_listing))
    prefetch_pages(items, visible=True, streams=False, relations=CARD_RELATIONS)
    return {"count": count, "items": [condition_card(page, request) for page in items]}


def _at(request: HttpRequest) -> Any:
    try:
        return parse_instant(request.GET.get("at"))
    except InvalidInstant as error:
        raise ProblemError(400, str(error), ProblemCode.INVALID_PARAMETER) from None


@router.get(
    "/clinic-hours/",
    response=ClinicHoursList,
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
    _check_parameters(request, frozenset(["at", "limit", "offset", "format", "_"]))
    when = _at(request)
    count, items = _paginate(request, published_clinic_hours())
    return {"count": count, "items": [item.as_data(at=when) for item in items]}


@router.get(
    "/clinic-hours/{hours_id}/",
    response=schemas.ClinicHoursData,
    url_name="wagtail_neuro_clinic_hours_detail",
    summary="Published clinic hours",
    operation_id="wagtail_neuro_clinic_hours_detail",
)
def clinic_hours_detail(request: HttpRequest, hours_id: int, at: str | None = None) -> Any:
    _check_parameters(request, frozenset(["at", "format", "_"]))
    when = _at(request)
    return get_object_or_404(published_clinic_hours(), pk=hours_id).as_data(at=when)


def _narrow_public_pages() -> None:
    """Make Wagtail's v3 public tier serve :func:`visible_pages` only (see the module doc).

    Wagtail 8 offers no hook for the v3 public page queryset, and its own rule leaks: an
    expired page stays listed until ``publish_scheduled`` runs, and a session that entered a
    page password reads the page, which a shared cache then serves as public. So this wraps the
    one function the v3 page routes read it from (``wagtail.api.v3.querysets``'s global
    ``get_public_pages_queryset``), narrowing its result; nothing else is replaced. It runs only
    from :func:`register`, i.e. when the host mounts the package's API URLs or calls it.
    """
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


_registered: list[bool] = []


def register() -> None:
    """Add the package's routes to Wagtail's global v3 ``api`` (once).

    Called by ``wagtail_neuro.api.urls`` when the host mounts it. A project that mounts
    ``wagtail.api.v3.urls.api`` itself calls this first (Ninja refuses routers added after its
    URLs were read)."""
    if _registered:
        return
    from wagtail.api.v3.api import api

    from .preview import router as preview_router

    _narrow_public_pages()
    install_v3_handlers(api)  # every error a problem with a stable code (.problems)
    api.add_router("/", router)
    api.add_router("/preview/", preview_router)
    _registered.append(True)
