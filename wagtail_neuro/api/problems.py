"""One error shape for every API the package serves: RFC 9457 problem details with a stable
machine-readable ``code``.

Every error answer of REST v2 and v3 (the package's routes and the Wagtail routes it mounts,
including the gate in :mod:`.guard`) is ``application/problem+json``::

    {"type": "about:blank", "title": "Bad Request", "status": 400,
     "detail": "limit: expected a whole number from 0 to 2147483647.",
     "code": "INVALID_PARAMETER"}

plus ``errors`` (one ``{"loc", "msg", "type"}`` per field) on a 422, and on v2 ``message`` (the
same text as ``detail``, which Wagtail's v2 clients read). ``title`` is the HTTP status phrase
and ``detail`` is for humans and may change between releases; clients branch on ``status`` and
``code``, whose values (:class:`ProblemCode`) never change meaning. GraphQL answers carry the
same codes in ``errors[].extensions.code``.

:func:`problem_for_exception` is the one mapping from exceptions to problems; the v3 handlers
(:func:`install_v3_handlers`) and the v2 views (:class:`ProblemResponsesMixin`) both use it. The
OpenAPI side (which status each v3 operation declares) is :mod:`.openapi_errors`.
"""

from __future__ import annotations

import json
from enum import StrEnum
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError

__all__ = [
    "PROBLEM_JSON",
    "PROBLEM_TYPE",
    "REST_CODES",
    "ProblemCode",
    "ProblemError",
    "ProblemResponsesMixin",
    "as_problem",
    "default_code",
    "install_v3_handlers",
    "problem_body",
    "problem_for_exception",
    "problem_response",
    "problem_schemas",
]

PROBLEM_JSON = "application/problem+json"

#: RFC 9457's "no further semantics than the status": ``code`` carries the specifics.
PROBLEM_TYPE = "about:blank"


class ProblemCode(StrEnum):
    """What went wrong, for a program to branch on: the same values in REST (``code``) and
    GraphQL (``errors[].extensions.code``). A value is never renamed or reused; new ones may be
    added, so a client should treat an unknown code like the generic one of its status."""

    #: 400: the request is malformed in a way no more specific code describes.
    BAD_REQUEST = "BAD_REQUEST"
    #: 400: a query parameter (or GraphQL argument) value is malformed, out of range, contains
    #: control characters, or a required one is missing.
    INVALID_PARAMETER = "INVALID_PARAMETER"
    #: 400: a query parameter the operation does not know.
    UNKNOWN_PARAMETER = "UNKNOWN_PARAMETER"
    #: 401: the operation needs a bearer token (``Authorization: Bearer …``).
    AUTHENTICATION_REQUIRED = "AUTHENTICATION_REQUIRED"
    #: 403: the token's user may not do this.
    PERMISSION_DENIED = "PERMISSION_DENIED"
    #: 403: a preview token that is forged, expired, unknown or bound to another page type.
    INVALID_PREVIEW_TOKEN = "INVALID_PREVIEW_TOKEN"
    #: 404: no such object (or not public), or the route does not exist.
    NOT_FOUND = "NOT_FOUND"
    #: 405: the route does not answer this HTTP method.
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    #: 406: no representation for the ``Accept`` header or ``?format=``.
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
    #: 413: the request body is larger than the server accepts.
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    #: 415: the request body's media type is not accepted.
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    #: 422: parameters or body do not validate; ``errors`` lists each field.
    VALIDATION_FAILED = "VALIDATION_FAILED"
    #: 429: over the rate limit; retry after ``Retry-After`` seconds.
    THROTTLED = "THROTTLED"
    #: 500: an unexpected error (only ever shown with ``DEBUG``).
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    # GraphQL only (``errors[].extensions.code``):
    #: the query text is not GraphQL.
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    #: the query does not validate against the schema.
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    #: the query is nested too deeply or costs too much.
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    #: introspection is off (``WAGTAIL_NEURO_GRAPHQL_INTROSPECTION``).
    INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"
    #: automatic persisted queries: the hash is not (yet) known.
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    #: automatic persisted queries are off.
    PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
    #: the query text does not have the hash sent with it.
    PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"


#: The code of an error no more specific code describes, per status.
DEFAULT_CODES: dict[int, ProblemCode] = {
    400: ProblemCode.BAD_REQUEST,
    401: ProblemCode.AUTHENTICATION_REQUIRED,
    403: ProblemCode.PERMISSION_DENIED,
    404: ProblemCode.NOT_FOUND,
    405: ProblemCode.METHOD_NOT_ALLOWED,
    406: ProblemCode.NOT_ACCEPTABLE,
    413: ProblemCode.PAYLOAD_TOO_LARGE,
    415: ProblemCode.UNSUPPORTED_MEDIA_TYPE,
    422: ProblemCode.VALIDATION_FAILED,
    429: ProblemCode.THROTTLED,
}


def default_code(status: int) -> ProblemCode:
    """The generic code of ``status`` (any other 4xx is a ``BAD_REQUEST``, a 5xx an
    ``INTERNAL_SERVER_ERROR``)."""
    if status in DEFAULT_CODES:
        return DEFAULT_CODES[status]
    return ProblemCode.INTERNAL_SERVER_ERROR if status >= 500 else ProblemCode.BAD_REQUEST


#: The codes a REST answer can carry (the rest are GraphQL's own).
GRAPHQL_ONLY_CODES = frozenset(
    {
        ProblemCode.GRAPHQL_PARSE_FAILED,
        ProblemCode.GRAPHQL_VALIDATION_FAILED,
        ProblemCode.QUERY_TOO_COMPLEX,
        ProblemCode.INTROSPECTION_DISABLED,
        ProblemCode.PERSISTED_QUERY_NOT_FOUND,
        ProblemCode.PERSISTED_QUERY_NOT_SUPPORTED,
        ProblemCode.PERSISTED_QUERY_HASH_MISMATCH,
    }
)
REST_CODES = [code for code in ProblemCode if code not in GRAPHQL_ONLY_CODES]


def problem_schemas(ref_prefix: str = "#/components/schemas/") -> dict[str, dict[str, Any]]:
    """JSON Schemas of what :func:`problem_body` builds (``Problem``, ``ProblemFieldError``,
    ``ProblemCode``), for the OpenAPI document: closed objects, nothing nullable."""
    return {
        "ProblemCode": {
            "title": "ProblemCode",
            "description": "What went wrong, for programs; stable (see docs/api/rest.md).",
            "type": "string",
            "enum": [str(code) for code in REST_CODES],
        },
        "ProblemFieldError": {
            "title": "ProblemFieldError",
            "description": "One field that did not validate.",
            "type": "object",
            "properties": {
                "loc": {
                    "description": "Where: e.g. ['query', 'limit'] or ['path', 'page_id'].",
                    "type": "array",
                    "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                },
                "msg": {"description": "What is wrong, for humans.", "type": "string"},
                "type": {
                    "description": "A machine-readable kind, e.g. 'int_parsing', 'missing'.",
                    "type": "string",
                },
            },
            "required": ["loc", "msg", "type"],
            "additionalProperties": False,
        },
        "Problem": {
            "title": "Problem",
            "description": "An error answer: RFC 9457 problem details (application/problem+json).",
            "type": "object",
            "properties": {
                "type": {"description": "Always 'about:blank': see code.", "const": PROBLEM_TYPE},
                "title": {
                    "description": "The HTTP status phrase, e.g. 'Not Found'.",
                    "type": "string",
                },
                "status": {
                    "description": "The HTTP status code.",
                    "type": "integer",
                    "minimum": 400,
                    "maximum": 599,
                },
                "detail": {
                    "description": "What went wrong, for humans; the wording may change.",
                    "type": "string",
                },
                "code": {"$ref": f"{ref_prefix}ProblemCode"},
                "errors": {
                    "description": "On a 422 only: each field that did not validate.",
                    "type": "array",
                    "items": {"$ref": f"{ref_prefix}ProblemFieldError"},
                },
            },
            "required": ["type", "title", "status", "detail", "code"],
            "additionalProperties": False,
        },
    }


class ProblemError(HttpError):
    """Raise to answer with a problem of ``status`` and ``code`` from a v2 or v3 view.

    A ``ninja`` ``HttpError``, so a v3 API without :func:`install_v3_handlers` still answers
    the status."""

    def __init__(self, status: int, detail: str, code: ProblemCode | None = None) -> None:
        super().__init__(status, detail)
        self.code = code or default_code(status)


def _status_title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem_body(
    status: int,
    detail: str,
    code: ProblemCode | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The problem as JSON data (``errors`` only when given)."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE,
        "title": _status_title(status),
        "status": status,
        "detail": detail,
        "code": str(code or default_code(status)),
    }
    if errors:
        body["errors"] = errors
    return body


def problem_response(
    status: int,
    detail: str,
    code: ProblemCode | None = None,
    *,
    errors: list[dict[str, Any]] | None = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """An ``application/problem+json`` response; ``extra`` adds members (v2's ``message``)."""
    body = problem_body(status, detail, code, errors) | (extra or {})
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, default=str),
        status=status,
        content_type=PROBLEM_JSON,
    )


def as_problem(response: HttpResponseBase) -> HttpResponseBase:
    """``response`` itself, or, if it is an error whose body is not JSON (ninja answers a
    method a route lacks with a plain-text 405), the same status as a problem (headers such
    as ``Allow`` kept)."""
    content_type = response.get("Content-Type", "")
    if response.status_code < 400 or "json" in content_type or response.streaming:
        return response
    problem = problem_response(response.status_code, _status_title(response.status_code) + ".")
    for header in ("Allow", "Retry-After", "WWW-Authenticate"):
        if header in response:
            problem[header] = response[header]
    return problem


def field_errors(exc: Exception) -> list[dict[str, Any]]:
    """``exc``'s errors as ``{"loc", "msg", "type"}`` items (no input echoed back)."""
    if hasattr(exc, "loc_errors"):  # Wagtail's FormValidationError
        return [
            {"loc": [str(part) for part in path], "msg": str(message), "type": str(code)}
            for path, coded_messages in exc.loc_errors
            for message, code in coded_messages
        ]
    if isinstance(exc, DjangoValidationError):
        return [{"loc": [], "msg": str(message), "type": "invalid"} for message in exc.messages]
    raw = exc.errors if isinstance(exc, NinjaValidationError) else exc.errors()  # type: ignore[attr-defined]
    return [
        {
            "loc": [part if isinstance(part, int) else str(part) for part in error.get("loc", ())],
            "msg": str(error.get("msg", "")),
            "type": str(error.get("type", "invalid")),
        }
        for error in raw
    ]


def problem_for_exception(
    exc: Exception, request: HttpRequest | None = None
) -> tuple[int, str, ProblemCode, list[dict[str, Any]] | None] | None:
    """``(status, detail, code, errors)`` for an exception a view raised, or ``None`` when it
    is not a client error (a bug: let it be a 500 and be logged)."""
    from rest_framework.exceptions import APIException
    from wagtail.api.rich_text import RichTextFormatError
    from wagtail.api.v2.utils import BadRequestError

    if isinstance(exc, ProblemError):
        return exc.status_code, exc.message, exc.code, None
    if isinstance(exc, (NinjaValidationError, PydanticValidationError, DjangoValidationError)):
        return 422, "Validation failed.", ProblemCode.VALIDATION_FAILED, field_errors(exc)
    if isinstance(exc, HttpError):  # ninja's, incl. its 401 AuthenticationError and 429
        return exc.status_code, str(exc), _rest_code(exc.status_code), None
    if isinstance(exc, Http404):
        return 404, str(exc) or "Not found.", ProblemCode.NOT_FOUND, None
    if isinstance(exc, PermissionDenied):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 401, "Authentication required.", ProblemCode.AUTHENTICATION_REQUIRED, None
        return 403, str(exc) or "Permission denied.", ProblemCode.PERMISSION_DENIED, None
    if isinstance(exc, (BadRequestError, RichTextFormatError)):
        return 400, str(exc), ProblemCode.INVALID_PARAMETER, None
    if isinstance(exc, APIException):  # DRF: 401, 403, 404, 405, 406, 415, 429 …
        return exc.status_code, _drf_detail(exc.detail), _rest_code(exc.status_code), None
    return None


def _rest_code(status: int) -> ProblemCode:
    """A REST 400 raised without a code is about a query parameter (the REST APIs read no
    other input a 400 could be about: bodies that do not validate are 422)."""
    return ProblemCode.INVALID_PARAMETER if status == 400 else default_code(status)


def _drf_detail(detail: Any) -> str:
    if isinstance(detail, dict):
        return "; ".join(f"{key}: {_drf_detail(value)}" for key, value in detail.items())
    if isinstance(detail, list):
        return "; ".join(_drf_detail(value) for value in detail)
    return str(detail)


def install_v3_handlers(api: Any) -> None:
    """Answer every error of the ninja ``api`` (Wagtail's v3) as a problem with a ``code``.

    Wagtail's handlers already answer problem+json, without ``code``; these replace them
    (ninja keeps one handler per exception class) and add the package's own errors."""
    from wagtail.api.rich_text import RichTextFormatError

    def handle(request: HttpRequest, exc: Exception) -> HttpResponse:
        problem = problem_for_exception(exc, request)
        if problem is None:
            from django.conf import settings

            if not settings.DEBUG:
                raise exc
            problem = (500, str(exc), ProblemCode.INTERNAL_SERVER_ERROR, None)
        status, detail, code, errors = problem
        response = problem_response(status, detail, code, errors=errors)
        if wait := getattr(exc, "wait", None):  # ninja's Throttled
            response["Retry-After"] = str(int(wait))
        return response

    for exc_class in (
        PydanticValidationError,
        NinjaValidationError,
        DjangoValidationError,
        PermissionDenied,
        Http404,
        HttpError,
        RichTextFormatError,
        Exception,
    ):
        api.add_exception_handler(exc_class, handle)


class ProblemResponsesMixin:
    """For Wagtail API v2 (DRF) view sets: error answers as problems, with ``message`` kept
    (the key Wagtail's v2 clients read) alongside ``detail``."""

    def check_query_parameters(self, queryset: Any) -> None:
        """Wagtail's check, its refusal (an unknown parameter) coded ``UNKNOWN_PARAMETER``."""
        from wagtail.api.v2.utils import BadRequestError

        try:
            super().check_query_parameters(queryset)  # type: ignore[misc]
        except BadRequestError as error:
            raise ProblemError(400, str(error), ProblemCode.UNKNOWN_PARAMETER) from None

    def handle_exception(self, exc: Exception) -> Any:
        # a Django ValidationError from deep down (a lookup value of the wrong type) names
        # model fields: left to the gate's generic 400 (.guard), as before
        problem = None
        if not isinstance(exc, DjangoValidationError):
            problem = problem_for_exception(exc, getattr(self, "request", None))
        if problem is None:
            return super().handle_exception(exc)  # type: ignore[misc]
        status, detail, code, errors = problem
        response = problem_response(status, detail, code, errors=errors, extra={"message": detail})
        if wait := getattr(exc, "wait", None):  # DRF's Throttled
            response["Retry-After"] = str(int(wait))
        return response
