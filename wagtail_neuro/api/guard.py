"""One gate in front of every view the package mounts: throttling, hostile query parameters,
and errors a hostile value can still provoke deep down, answered as JSON 4xx.

:func:`guarded_urlpatterns` wraps a whole URLconf (Wagtail's v2 router and v3 ninja API
included) without touching its views, through the same walker (:func:`decorate_urlpatterns`) as
:func:`.caching.cached_urlpatterns`:

* anonymous traffic over ``WAGTAIL_NEURO_THROTTLE_RATES[scope]`` gets a 429 with
  ``Retry-After`` (:mod:`wagtail_neuro.throttling`);
* a query parameter with control characters (NUL …), a ``search`` longer than 200 characters,
  or a ``limit``/``offset`` that is not a whole number a database integer can hold gets a 400
  before the view runs (:mod:`.inputs`);
* a value that still overflows or fails to convert deep down (a ``DataError``,
  ``OverflowError``, or the ``ValueError``/``ValidationError`` Django raises for a lookup value
  of the wrong type, e.g. Wagtail's ``find/?id=1e3``) is answered 400 with a message naming no
  internals (Django's would name the model field), and logged.

REST errors are problems (:mod:`.problems`: ``application/problem+json`` with a ``code``; v2's
also carry ``message``); GraphQL's are ``{"errors": [{"message": …, "extensions": {"code": …}}]}``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.urls import URLPattern, URLResolver

from wagtail_neuro.cache.responses import THROTTLE_ATTRIBUTE
from wagtail_neuro.throttling import retry_after

from .inputs import integer_problem, site_problem, text_problem
from .problems import ProblemCode, as_problem, default_code, problem_response

__all__ = [
    "api_guard",
    "decorate_urlpatterns",
    "error_response",
    "guarded_urlpatterns",
    "throttled",
]

logger = logging.getLogger(__name__)

INTEGER_PARAMETERS = ("limit", "offset")
OUT_OF_RANGE = "A parameter is malformed or out of range."


def error_response(
    message: str, status: int, key: str, code: ProblemCode | None = None
) -> HttpResponseBase:
    """The error for the API whose bodies use ``key``: ``"errors"`` (GraphQL), ``"message"``
    (REST v2: a problem that keeps v2's ``message``) or ``"detail"`` (REST v3: a problem)."""
    code = code or default_code(status)
    if key == "errors":
        body = {"errors": [{"message": message, "extensions": {"code": str(code)}}]}
        return JsonResponse(body, status=status)
    extra = {"message": message} if key == "message" else None
    return problem_response(status, message, code, extra=extra)


def query_problem(request: HttpRequest) -> str | None:
    """Why the query string of ``request`` is refused outright, if it is."""
    for name, values in request.GET.lists():
        if problem := text_problem("parameter name", name):
            return problem
        for value in values:
            problem = text_problem(name, value)
            if problem is None and name in INTEGER_PARAMETERS:
                problem = integer_problem(name, value)
            if problem is None and name == "site":
                problem = site_problem(name, value)
            if problem:
                return problem
    return None


def throttled(
    request: HttpRequest, scope: str, key: str, *, batched: bool = False
) -> HttpResponseBase | None:
    """Count ``request`` against ``scope``: a 429 with ``Retry-After`` when it is over the rate
    (error body under ``key``), else ``None``. Also used, ``batched``, for answers served from
    the response cache before the URLconf (:mod:`wagtail_neuro.cache.middleware`)."""
    wait = retry_after(request, scope, batched=batched)
    if wait is None:
        return None
    response = error_response(
        f"Too many requests: try again in {wait} seconds.", 429, key, ProblemCode.THROTTLED
    )
    response["Retry-After"] = str(wait)
    return response


def api_guard(
    view: Callable[..., Any], *, scope: str, key: str, check_query: bool = True
) -> Callable[..., Any]:
    """``view`` behind the throttle (``scope``), the query-string check (unless
    ``check_query`` is off: GraphQL checks its own arguments) and the 400 answer for
    out-of-range values; error bodies under ``key``."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if refused := throttled(request, scope, key):
            return refused
        # stored with a cached answer, which is then counted against the same scope
        setattr(request, THROTTLE_ATTRIBUTE, (scope, key))
        if check_query and (problem := query_problem(request)):
            return error_response(problem, 400, key, ProblemCode.INVALID_PARAMETER)
        try:
            response = view(request, *args, **kwargs)
            return response if key == "errors" else as_problem(response)
        except (DataError, OverflowError, ValueError, ValidationError) as error:
            logger.warning("Refused an out-of-range request to %s: %r", request.path, error)
            return error_response(OUT_OF_RANGE, 400, key, ProblemCode.INVALID_PARAMETER)

    return guarded


def decorate_urlpatterns(
    patterns: list[Any], decorator: Callable[[Callable[..., Any]], Callable[..., Any]]
) -> list[Any]:
    """``patterns`` with every view (in nested includes too) passed through ``decorator``.

    The one walker of the package's URLconfs: the gate (:func:`guarded_urlpatterns`), the
    response cache (:func:`.caching.cached_urlpatterns`) and the request-aware media URLs all
    wrap Wagtail's v2 router and v3 API through it, without touching their views."""
    decorated: list[Any] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            decorated.append(
                URLPattern(
                    pattern.pattern,
                    decorator(pattern.callback),
                    pattern.default_args,
                    pattern.name,
                )
            )
        elif isinstance(pattern, URLResolver):
            decorated.append(
                URLResolver(
                    pattern.pattern,
                    decorate_urlpatterns(pattern.url_patterns, decorator),
                    pattern.default_kwargs,
                    pattern.app_name,
                    pattern.namespace,
                )
            )
        else:
            decorated.append(pattern)
    return decorated


def guarded_urlpatterns(patterns: list[Any], *, scope: str, key: str) -> list[Any]:
    """``patterns`` with every view behind :func:`api_guard`."""
    return decorate_urlpatterns(patterns, lambda view: api_guard(view, scope=scope, key=key))
