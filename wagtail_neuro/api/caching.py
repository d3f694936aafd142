"""HTTP caching for the REST feeds (v2, v3 and the package's routes).

:func:`cache_headers` wraps a view so it answers through :func:`wagtail_neuro.cache.serve`:
public ``GET``/``HEAD`` answers are stored under the content version and carry an ``ETag``
known before the view runs (a matching ``If-None-Match`` is a 304 that builds nothing);
requests carrying a preview ``token``, an ``Authorization`` header or a session are answered
fresh with ``Cache-Control: private, no-store``, so neither this cache nor a CDN stores a
draft. :func:`cached_urlpatterns` applies the wrapper to a whole URLconf (Wagtail's v3 API
included) without touching its views.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.urls import URLPattern, URLResolver

from wagtail_neuro.cache import is_authorised, serve

__all__ = ["cache_headers", "cached_urlpatterns", "is_private_request"]

#: Query parameters that make an answer depend on a secret (headless preview tokens).
PRIVATE_PARAMETERS = ("token",)


def is_private_request(request: HttpRequest) -> bool:
    """Whether the answer may depend on who asks (a bearer token, a session, a preview token)."""
    return is_authorised(request) or any(name in request.GET for name in PRIVATE_PARAMETERS)


def cache_headers(view: Any) -> Any:
    """Answer ``view`` through the response cache and its header rules."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return serve(
            request,
            lambda: view(request, *args, **kwargs),
            private=is_private_request(request),
        )

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
