"""HTTP caching for the REST feeds (v2, v3 and the package's routes).

:func:`cache_headers` wraps a view so it answers through :func:`wagtail_neuro.cache.serve`:
public ``GET``/``HEAD`` answers are stored under the content version and carry an ``ETag``
known before the view runs (a matching ``If-None-Match`` is a 304 that builds nothing);
requests carrying a preview ``token``, an ``Authorization`` header or a session are answered
fresh with ``Cache-Control: private, no-store``, so neither this cache nor a CDN stores a
draft. :func:`cached_urlpatterns` applies the wrapper to a whole URLconf (Wagtail's v3 API
included) without touching its views, through the one URLconf walker
(:func:`.guard.decorate_urlpatterns`).
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase

from wagtail_neuro.cache import serve
from wagtail_neuro.cache.responses import PRIVATE_PARAMETERS, is_private_request

from .guard import decorate_urlpatterns

__all__ = ["PRIVATE_PARAMETERS", "cache_headers", "cached_urlpatterns", "is_private_request"]


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
    return decorate_urlpatterns(patterns, cache_headers)
