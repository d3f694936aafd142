"""API v2 endpoints: ``pages``, ``images``, ``documents`` and ``clinic-hours``.

``api_router`` is the router ``wagtail_neuro.api.urls`` mounts at ``/api/v2/``. A project with its
own v2 router registers the package's endpoints on it instead::

    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail_neuro.api.v2 import register_endpoints

    api_router = WagtailAPIRouter("wagtailapi")
    register_endpoints(api_router)          # pages, images, documents, clinic-hours
    urlpatterns = [path("api/v2/", api_router.urls)]

Unlike Wagtail's ``PagesAPIViewSet``, :class:`PagesAPIViewSet` serves only what an anonymous
visitor may see (live, public, not expired — Wagtail's view keeps expired pages until
``publish_scheduled`` runs), adds the article and condition filters, loads a listing in a fixed
number of queries and sends compact JSON.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from rest_framework.fields import Field
from rest_framework.response import Response
from wagtail.api.v2.filters import FieldsFilter as WagtailFieldsFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet as WagtailDocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet
from wagtail.search.backends import get_search_backend

from wagtail_neuro import fragments
from wagtail_neuro.cache.responses import request_state
from wagtail_neuro.conf import neuro_settings
from wagtail_neuro.filters import ArticleFilterSet, ConditionFilterSet, FilterError
from wagtail_neuro.instants import InvalidInstant, parse_instant
from wagtail_neuro.models import AbstractArticlePage, AbstractConditionPage, ClinicHoursSnippet
from wagtail_neuro.ordering import CLINIC_HOURS_ORDER
from wagtail_neuro.preview import InvalidPreviewToken, page_for_preview_token
from wagtail_neuro.visibility import published, visible_pages

from .prefetch import join_relations, prefetch_pages
from .problems import ProblemCode, ProblemError, ProblemResponsesMixin
from .totals import CountingPagination

__all__ = [
    "ClinicHoursAPIViewSet",
    "PagesAPIViewSet",
    "api_router",
    "published_clinic_hours",
    "register_endpoints",
]


class PageHtmlUrlField(Field):
    """``html_url`` from the request's cached site root paths (Wagtail's re-reads the sites
    for every page)."""

    def get_attribute(self, instance: Any) -> Any:
        return instance

    def to_representation(self, page: Any) -> str | None:
        return page.get_full_url(request=self.context.get("request"))


class NeuroPageSerializer(PageSerializer):
    html_url = PageHtmlUrlField(read_only=True)

    def get_fields(self) -> dict[str, Any]:
        """Wagtail's, the stored fields answering from a page's fragment when it has one
        (:mod:`wagtail_neuro.fragments`)."""
        fields = super().get_fields()
        fragments.record_fields(fields, self.Meta.model)
        return fields

    def to_representation(self, instance: Any) -> Any:
        """Wagtail's, plus the page type at the top level (``meta.type`` stays), as v3 sends it:
        a client branches on ``page.type`` in both APIs."""
        data = super().to_representation(instance)
        page_type = (data.get("meta") or {}).get("type")
        if page_type is not None:
            data["type"] = page_type
        return data


class FieldsFilter(WagtailFieldsFilter):
    """Wagtail's ``?<field>=<value>`` filter, limited to plain columns (relations have the
    package's own filters) and answering 400, not 500, for a value the column cannot hold."""

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in fields or name == "locale":
                continue
            field = queryset.model._meta.get_field(name)
            try:
                field.get_prep_value(field.to_python(value))
            except (DjangoValidationError, ValueError, TypeError):
                raise BadRequestError(
                    f"field filter error. {value!r} is not a valid value for {name}"
                ) from None
        return super().filter_queryset(request, queryset, view)


def _plain_column(model: type, name: str) -> bool:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return getattr(field, "concrete", False) and not field.is_relation


#: The package's filter sets, each for the pages built on its abstract base.
FILTER_SETS = ((ArticleFilterSet, AbstractArticlePage), (ConditionFilterSet, AbstractConditionPage))
PACKAGE_FILTERS = frozenset(
    name for filterset, _base in FILTER_SETS for name in filterset.parameter_names()
)


class PagesAPIViewSet(ProblemResponsesMixin, WagtailPagesAPIViewSet):
    """Live, public, unexpired pages, with the package's filters; errors as problems."""

    base_serializer_class = NeuroPageSerializer
    pagination_class = CountingPagination
    known_query_parameters = WagtailPagesAPIViewSet.known_query_parameters.union(PACKAGE_FILTERS)
    # related lists cost queries per page: they belong to the detail view
    detail_only_fields = [
        *WagtailPagesAPIViewSet.detail_only_fields,
        "related_articles",
        "related_conditions",
    ]

    filter_backends = [
        FieldsFilter if backend is WagtailFieldsFilter else backend
        for backend in WagtailPagesAPIViewSet.filter_backends
    ]

    @classmethod
    def get_available_fields(cls, model: type, db_fields_only: bool = False) -> list[str]:
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if not db_fields_only:
            return fields
        return [
            name
            for name in fields
            if name not in PACKAGE_FILTERS and (name == "locale" or _plain_column(model, name))
        ]

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # the content version the stored fragments this answer writes are keyed on, read
        # before any page is: a publish committed after it retires what this answer stores
        # (see wagtail_neuro.fragments), for public and private answers alike
        if neuro_settings.PAGE_FRAGMENTS:
            request_state(request._request)

    def get_base_queryset(self) -> Any:
        # once per request: a listing asks three times (queryset, serializer class, context),
        # and Wagtail's loads every view restriction each time (visible_pages is the SQL rule)
        if getattr(self, "_base_queryset", None) is None:
            self._base_queryset = visible_pages(super().get_base_queryset())
        return self._base_queryset

    def get_queryset(self) -> Any:
        queryset = super().get_queryset()
        # a pk subquery: search backends refuse filters on unindexed fields such as expire_at
        queryset = queryset.model.objects.filter(pk__in=queryset.values("pk"))
        if getattr(self, "action", None) != "listing_view":
            return queryset
        return self._apply_package_filters(queryset)

    def _apply_package_filters(self, queryset: Any) -> Any:
        params = self.request.GET
        for filterset, base in FILTER_SETS:
            used = filterset.used(params)
            if not used:
                continue
            if not issubclass(queryset.model, base):
                kind = base.__name__.removeprefix("Abstract")
                raise BadRequestError(
                    f"filter {used[0]} needs the type of an {kind} model, "
                    f"e.g. type=wagtail_neuro.{kind}"
                )
            try:
                queryset = filterset.apply(queryset, params)
            except FilterError as error:
                raise BadRequestError(str(error)) from None
        return queryset

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(join_relations(queryset))
        return self._load(page)

    def get_object(self) -> Any:
        if getattr(self, "action", None) == "preview_view":
            return self._preview_page()
        page = super().get_object()
        self._load([page])
        return page

    def _load(self, pages: list[Any]) -> list[Any]:
        """Attach stored fragments where usable; load what the rest need in a fixed number of
        queries (:func:`prefetch_pages`)."""
        key = fragments.fragment_key(self.request, self.resolve_rich_text_format())
        if key is None:
            return prefetch_pages(pages, visible=True)
        pages = [page for page in pages if page is not None]
        self._fragment_key, self._fragment_pages = key, pages
        fragments.load(pages, key)
        stored = [page for page in pages if fragments.complete(page)]
        prefetch_pages(
            [page for page in stored if fragments.needs_loading(type(page), self._shown(page))],
            visible=True,
            streams=False,
        )
        prefetch_pages([page for page in pages if not fragments.complete(page)], visible=True)
        return pages

    def _shown(self, page: Any) -> set[str] | None:
        """The API fields of ``page``'s model this answer may show (``None``: any)."""
        if getattr(self, "action", None) != "listing_view":
            return None
        names = {getattr(field, "name", field) for field in getattr(page, "api_fields", ())}
        return names - set(self.detail_only_fields)

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        """Store the fragments this answer built (a successful public answer only)."""
        key = getattr(self, "_fragment_key", None)
        if key is not None and getattr(response, "status_code", 500) == 200:
            fragments.store(self._fragment_pages, key)
        return super().finalize_response(request, response, *args, **kwargs)

    def _preview_page(self) -> Any:
        if not hasattr(self, "_preview"):
            token = self.request.GET.get("token")
            if not token:
                raise ProblemError(
                    400, "token: the preview token is required.", ProblemCode.INVALID_PARAMETER
                )
            try:
                self._preview = page_for_preview_token(
                    token, content_type=self.request.GET.get("content_type")
                )
            except InvalidPreviewToken as error:
                raise ProblemError(403, str(error), ProblemCode.INVALID_PREVIEW_TOKEN) from None
        return self._preview

    def preview_view(self, request: Any) -> Response:
        """The draft a headless-preview ``token`` was issued for, shaped like the detail."""
        page = self.get_object()
        return Response(self.get_serializer(page).data)

    @classmethod
    def get_urlpatterns(cls) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path("preview/", cls.as_view({"get": "preview_view"}), name="preview"),
        ]

    def get_renderer_context(self) -> dict[str, Any]:
        context = super().get_renderer_context()
        context["indent"] = None  # compact JSON: ~40% smaller than Wagtail's indented output
        return context


def published_clinic_hours() -> Any:
    """Published, unexpired clinic hours: the live row, never a draft revision."""
    return published(ClinicHoursSnippet.objects.all()).order_by(*CLINIC_HOURS_ORDER)


class ImagesAPIViewSet(ProblemResponsesMixin, WagtailImagesAPIViewSet):
    """Wagtail's, with errors as problems."""


class DocumentsAPIViewSet(ProblemResponsesMixin, WagtailDocumentsAPIViewSet):
    """Wagtail's, with errors as problems."""


class ClinicHoursAPIViewSet(ProblemResponsesMixin, BaseAPIViewSet):
    """``/clinic-hours/`` and ``/clinic-hours/<id>/``: the data of ``ClinicHoursSnippet.as_data``,
    evaluated at ``?at=`` (default now). ``find/?slug=`` redirects to the detail."""

    name = "clinic-hours"
    known_query_parameters = frozenset(["limit", "offset", "at", "search", "format", "_"])
    find_query_parameters = frozenset(["id", "slug"])

    model = ClinicHoursSnippet

    def get_queryset(self) -> Any:
        return published_clinic_hours()

    def _at(self) -> Any:
        try:
            return parse_instant(self.request.GET.get("at"))
        except InvalidInstant as error:
            raise BadRequestError(str(error)) from None

    def check_query_parameters(self, queryset: Any) -> None:
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            raise ProblemError(
                400,
                "query parameter is not an operation or a recognised field: "
                + ", ".join(sorted(unknown)),
                ProblemCode.UNKNOWN_PARAMETER,
            )

    def listing_view(self, request: Any) -> Response:
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        at = self._at()
        if search := request.GET.get("search"):
            queryset = get_search_backend().search(search, queryset)
        items = self.paginate_queryset(queryset)
        return self.get_paginated_response([item.as_data(at=at) for item in items])

    def detail_view(self, request: Any, pk: Any) -> Response:
        self.check_query_parameters(self.get_queryset())
        at = self._at()
        return Response(self.get_object().as_data(at=at))

    def find_object(self, queryset: Any, request: Any) -> Any:
        if "slug" in request.GET:
            return queryset.get(slug=request.GET["slug"])
        if "id" in request.GET and not str(request.GET["id"]).isdigit():
            raise Http404("not found")
        return super().find_object(queryset, request)

    def get_renderer_context(self) -> dict[str, Any]:
        context = super().get_renderer_context()
        context["indent"] = None
        return context


def register_endpoints(router: WagtailAPIRouter) -> WagtailAPIRouter:
    """Register ``pages``, ``images``, ``documents`` and ``clinic-hours`` on ``router``.

    For projects that already mount a Wagtail v2 router: the package's ``pages`` endpoint
    replaces Wagtail's (same URLs and parameters, plus filters, minus anything non-public).
    """
    router.register_endpoint("pages", PagesAPIViewSet)
    router.register_endpoint("images", ImagesAPIViewSet)
    router.register_endpoint("documents", DocumentsAPIViewSet)
    router.register_endpoint("clinic-hours", ClinicHoursAPIViewSet)
    return router


api_router = register_endpoints(WagtailAPIRouter("wagtail_neuro_v2"))
