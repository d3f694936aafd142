"""Every error each v3 operation can answer, declared in the OpenAPI document.

ninja documents only what a route's ``response=`` lists, and Wagtail's routes list their
success only; yet every route the package mounts answers errors, all as
``application/problem+json`` (:mod:`.problems`). :func:`declare_problems` adds them to the
built document, from what is true of every operation rather than per route, so a route an
agency (or a Wagtail upgrade) adds is covered too:

* ``400`` and ``429``: every operation (the gate in :mod:`.guard` refuses hostile query
  parameters and throttles, before any view runs);
* ``422``: an operation with a request body or a parameter that can fail validation (a
  required one, or one whose type is not a plain string);
* ``401`` and ``403``: an operation whose ``security`` does not allow anonymous access (``{}``),
  and those in :data:`EXTRA_STATUSES`;
* ``404``: an operation with a path parameter or a ``locale`` one, and the ``find/`` lookups;
* ``304``: a ``GET`` anyone may call (answers carry an ``ETag``; a matching ``If-None-Match``
  gets no body), except those in :data:`UNCACHED`.
"""

from __future__ import annotations

from typing import Any

from .problems import PROBLEM_JSON, problem_schemas

__all__ = ["PROBLEM_RESPONSES", "declare_problems", "error_statuses"]

SCHEMAS = "#/components/schemas/"
RESPONSES = "#/components/responses/"

#: Statuses particular to one operation (by ``operationId``).
EXTRA_STATUSES: dict[str, set[int]] = {
    "wagtail_neuro_preview": {403},  # a forged, expired or misbound preview token
}

#: Query parameters whose unknown value Wagtail answers with a 404 (``?locale=xx``).
LOOKUP_PARAMETERS = frozenset({"locale"})

#: ``GET`` operations whose answers are never cached nor carry an ``ETag`` (private).
UNCACHED = frozenset({"wagtail_neuro_preview"})

ETAG_HEADER = {
    "description": "The version of this answer; send it back in If-None-Match to get a 304.",
    "required": False,
    "schema": {"type": "string"},
}


def _problem(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {PROBLEM_JSON: {"schema": {"$ref": f"{SCHEMAS}Problem"}}},
    }
    if headers:
        response["headers"] = headers
    return response


#: ``components.responses``: one per status, by the name operations refer to it.
PROBLEM_RESPONSES: dict[int, tuple[str, dict[str, Any]]] = {
    304: (
        "NotModified",
        {
            "description": "Not Modified: If-None-Match names the current ETag; no body.",
            "headers": {"ETag": ETAG_HEADER},
        },
    ),
    400: (
        "BadRequest",
        _problem(
            "Bad Request: a query parameter is unknown, malformed or out of range "
            "(code INVALID_PARAMETER, UNKNOWN_PARAMETER or BAD_REQUEST)."
        ),
    ),
    401: (
        "Unauthorized",
        _problem("Unauthorized: this operation needs a bearer token (AUTHENTICATION_REQUIRED)."),
    ),
    403: (
        "Forbidden",
        _problem(
            "Forbidden: the token's user may not do this (PERMISSION_DENIED), or the preview "
            "token is invalid (INVALID_PREVIEW_TOKEN)."
        ),
    ),
    404: ("NotFound", _problem("Not Found: no such object, or not public (NOT_FOUND).")),
    422: (
        "UnprocessableContent",
        _problem(
            "Unprocessable Content: parameters or body do not validate; errors lists each "
            "field (VALIDATION_FAILED)."
        ),
    ),
    429: (
        "TooManyRequests",
        _problem(
            "Too Many Requests: over the rate limit (THROTTLED).",
            headers={
                "Retry-After": {
                    "description": "Seconds to wait before retrying.",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                }
            },
        ),
    ),
}

#: What a parameter schema is when any value the client can send is valid.
PLAIN_STRINGS = ({"type": "string"}, {"anyOf": [{"type": "string"}, {"type": "null"}]})
DOC_KEYS = frozenset({"title", "description", "default", "examples", "example"})


def _can_fail_validation(parameter: dict[str, Any]) -> bool:
    if parameter.get("required"):
        return True
    schema = {
        key: value for key, value in parameter.get("schema", {}).items() if key not in DOC_KEYS
    }
    return schema not in PLAIN_STRINGS


def error_statuses(path: str, method: str, operation: dict[str, Any]) -> set[int]:
    """The statuses other than its success that ``operation`` can answer (see module doc)."""
    statuses = {400, 429}
    parameters = operation.get("parameters", [])
    if "requestBody" in operation or any(map(_can_fail_validation, parameters)):
        statuses.add(422)
    if not _anonymous(operation):
        statuses |= {401, 403}
    if path.endswith("/find/") or any(
        parameter.get("in") == "path" or parameter.get("name") in LOOKUP_PARAMETERS
        for parameter in parameters
    ):
        statuses.add(404)
    if _conditional(method, operation):
        statuses.add(304)
    return statuses | EXTRA_STATUSES.get(operation.get("operationId", ""), set())


def _anonymous(operation: dict[str, Any]) -> bool:
    """Whether anyone may call ``operation`` (no ``security``, or ``{}`` among it)."""
    security = operation.get("security")
    return security is None or {} in security


def _conditional(method: str, operation: dict[str, Any]) -> bool:
    """Whether ``operation``'s answers carry an ``ETag``: an anonymous ``GET`` (an answer to a
    bearer token or a preview token is private, never stored, see :mod:`.caching`)."""
    return (
        method == "get" and _anonymous(operation) and operation.get("operationId") not in UNCACHED
    )


def declare_problems(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` (an OpenAPI document as JSON data) with the ``Problem`` components and every
    operation's error responses; a ``GET`` success also declares its ``ETag``. Changes
    ``schema`` in place and returns it."""
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {}).update(problem_schemas(SCHEMAS))
    responses = components.setdefault("responses", {})
    for name, response in PROBLEM_RESPONSES.values():
        responses[name] = response
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            declared = operation["responses"]
            for status in sorted(error_statuses(path, method, operation)):
                declared[str(status)] = {"$ref": f"{RESPONSES}{PROBLEM_RESPONSES[status][0]}"}
            if _conditional(method, operation):
                for status, response in declared.items():
                    if status.startswith("2") and "$ref" not in response:
                        response.setdefault("headers", {})["ETag"] = ETAG_HEADER
            operation["responses"] = dict(sorted(declared.items()))
    return schema
