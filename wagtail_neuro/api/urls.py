"""``path("api/", include("wagtail_neuro.api.urls"))``: API v2 at ``v2/`` and Wagtail's API v3
(with the package's routes, see :mod:`.v3`) at ``v3/``, OpenAPI at ``v3/openapi.json``.

Every view is wrapped by :func:`.caching.cache_headers` (``ETag``, ``Cache-Control``, 304).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, include, path
from wagtail.api.v3.urls import api

from wagtail_neuro.conf import neuro_settings
from wagtail_neuro.media_urls import install_api_base_url, install_download_urls, with_request

from .caching import cached_urlpatterns
from .guard import decorate_urlpatterns, guarded_urlpatterns
from .openapi import openapi_json
from .v2 import api_router
from .v3 import register

register()  # the package's routes on Wagtail's v3 API: only when the host mounts these URLs
# and, likewise, Wagtail's API links (detail_url, find/) from the request's origin when
# WAGTAILAPI_BASE_URL is unset, and its images' and documents' download_url by the media rule
install_api_base_url()
install_download_urls()

v2_patterns, v2_app_name, v2_namespace = api_router.urls
v3_patterns, v3_app_name, v3_namespace = api.urls
# the same URL and name, answered with a valid OpenAPI 3.1 document (see .openapi)
v3_patterns = [
    URLPattern(pattern.pattern, openapi_json, pattern.default_args, pattern.name)
    if getattr(pattern, "name", None) == "openapi-json"
    else pattern
    for pattern in v3_patterns
]


def docs_when_enabled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``/api/v3/docs/`` answers 404 unless ``WAGTAIL_NEURO_API_DOCS`` is on (read per
    request): an interactive console is a development tool, not a production default."""

    @wraps(view)
    def docs(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not neuro_settings.API_DOCS:
            raise Http404("The API docs are off (WAGTAIL_NEURO_API_DOCS).")
        return view(request, *args, **kwargs)

    return docs


v3_patterns = [
    URLPattern(
        pattern.pattern, docs_when_enabled(pattern.callback), pattern.default_args, pattern.name
    )
    if getattr(pattern, "name", None) == "openapi-view"
    else pattern
    for pattern in v3_patterns
]

# media URLs (rich text included) absolute from the request's origin when
# WAGTAIL_NEURO_MEDIA_BASE_URL is unset: Wagtail's v3 gives serializer fields no request
v2_patterns = decorate_urlpatterns(v2_patterns, with_request)
v3_patterns = decorate_urlpatterns(v3_patterns, with_request)
# every view behind .guard (throttle, hostile parameters, out-of-range values as JSON 400)
v2_patterns = guarded_urlpatterns(cached_urlpatterns(v2_patterns), scope="rest", key="message")
v3_patterns = guarded_urlpatterns(cached_urlpatterns(v3_patterns), scope="rest", key="detail")
urlpatterns = [
    path("v2/", include((v2_patterns, v2_app_name), namespace=v2_namespace)),
    path("v3/", include((v3_patterns, v3_app_name), namespace=v3_namespace)),
]
