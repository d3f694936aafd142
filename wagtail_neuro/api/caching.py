"""HTTP caching for the REST feeds: ``ETag``, ``Cache-Control`` and ``304 Not Modified``.

Wagtail's APIs send neither validators nor cache headers. :func:`cache_headers` wraps a view:
a public ``GET``/``HEAD`` answered 200 gets an ``ETag`` (a hash of the body) and
``Cache-Control: public, max-age=WAGTAIL_NEURO_API_CACHE_MAX_AGE``, and a request whose
``If-None-Match`` matches gets an empty 304. Requests that may see more than the public
(an ``Authorization`` header, a preview ``token``) get ``Cache-Control: private, no-store``, so a
CDN never stores a draft. :func:`cached_urlpatterns` applies the wrapper to a whole URLconf
(Wagtail's v3 API included) without touching its views.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.urls import URLPattern, URLResolver
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from wagtail_neuro.conf import neuro_settings

__all__ = ["cache_headers", "cached_urlpatterns", "is_private_request"]

PRIVATE_PARAMETERS = ("token",)


def is_private_request(request: HttpRequest) -> bool:
    """Whether the answer may depend on who asks (a bearer token, a preview token)."""
    return "HTTP_AUTHORIZATION" in request.META or any(
        name in request.GET for name in PRIVATE_PARAMETERS
    )


def finalize(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Add the cache headers to ``response``; may return a 304 instead."""
    if request.method not in ("GET", "HEAD"):
        return response
    patch_vary_headers(response, ("Authorization",))
    if is_private_request(request):
        patch_cache_control(response, private=True, no_store=True)
        return response
    if response.status_code != 200 or response.streaming:
        return response
    if callable(getattr(response, "render", None)) and not getattr(response, "is_rendered", True):
        response.render()
    max_age = neuro_settings.API_CACHE_MAX_AGE
    if max_age:
        patch_cache_control(response, public=True, max_age=max_age)
    else:
        patch_cache_control(response, public=True, no_cache=True)
    if not response.has_header("ETag"):
        set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def cache_headers(view: Any) -> Any:
    """Decorate a view with :func:`finalize`."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return finalize(request, view(request, *args, **kwargs))

    return wrapped


def cached_urlpatterns(patterns: list[Any]) -> list[Any]:
    """A copy of ``patterns`` (nested includes too) with every view wrapped in
    :func:`cache_headers`."""
    wrapped: list[Any] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            wrapped.append(
                URLPattern(
                    pattern.pattern,
                    cache_headers(pattern.callback),
                    pattern.default_args,
                    pattern.name,
                )
            )
        elif isinstance(pattern, URLResolver):
            wrapped.append(
                URLResolver(
                    pattern.pattern,
                    cached_urlpatterns(pattern.url_patterns),
                    pattern.default_kwargs,
                    pattern.app_name,
                    pattern.namespace,
                )
            )
        else:
            wrapped.append(pattern)
    return wrapped
