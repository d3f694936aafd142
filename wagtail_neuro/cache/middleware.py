"""Serve stored answers before sessions, CSRF, authentication and the URLconf run.

A cache hit needs the content version, the URL and the ``Accept`` header, nothing else; the
view's wrappers (throttle, query checks, :func:`~wagtail_neuro.cache.responses.serve`) add
sessions, CSRF, authentication, messages, URL resolution and the gate to a request that only
sends stored bytes. Put :class:`ResponseCacheMiddleware` after the middleware whose headers
every answer needs (CORS, security, CSP) and before ``SessionMiddleware``::

    MIDDLEWARE = [
        "corsheaders.middleware.CorsMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "wagtail_neuro.cache.middleware.ResponseCacheMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        ...
    ]

It answers only what the views stored: a public ``GET``/``HEAD`` (no ``Authorization``, no
session cookie, no preview ``token``) whose answer is in the response cache under the current
content version. That answer was public when it was built, so it is again. The request is
still counted against the throttle of the view that stored it (the scope is stored with the
answer; counted in batches, see :class:`wagtail_neuro.throttling._BatchedCounts`), and
``If-None-Match`` still gets a ``304``. Everything else (a miss, a private
request, another method) passes through to the views, which answer as without it. Without this
middleware the views serve hits themselves, a little more slowly.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from .responses import answer, stored_answer

__all__ = ["ResponseCacheMiddleware"]

XFRAME_MIDDLEWARE = "django.middleware.clickjacking.XFrameOptionsMiddleware"


class ResponseCacheMiddleware:
    """Answer a request from the response cache when its answer is stored (module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        # the header XFrameOptionsMiddleware (which a hit skips) would add to every answer
        self.x_frame_options = (
            getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()
            if XFRAME_MIDDLEWARE in settings.MIDDLEWARE
            else None
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        found = stored_answer(request)
        if found is None:
            return self.get_response(request)
        etag, entry = found
        throttle = entry[2]
        if throttle is not None:
            from wagtail_neuro.api.guard import throttled

            if refused := throttled(request, *throttle, batched=True):
                return refused
        response = answer(request, etag, entry)
        if self.x_frame_options and not response.has_header("X-Frame-Options"):
            response["X-Frame-Options"] = self.x_frame_options
        return response
