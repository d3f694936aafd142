"""The ``/graphql/`` endpoint: graphene-django's view with this package's limits.

Differences from ``GraphQLView``: a body over ``WAGTAIL_NEURO_GRAPHQL_MAX_BODY_SIZE`` is refused
(413) before it is read; the query is parsed with token and length limits; validation adds the
depth, field, alias and (optionally) introspection rules; then, with the variables known, the
operation's cost and arguments are checked (:mod:`.inspection`) before anything executes;
"Did you mean …?" suggestions are left out unless ``WAGTAIL_NEURO_GRAPHQL_SUGGESTIONS`` (default:
``DEBUG``); the visibility and ``order`` guards run as middleware; GraphiQL is shown only when ``DEBUG`` or ``WAGTAIL_NEURO_GRAPHQL_GRAPHIQL`` is on;
and whatever a caller sends, the answer is a JSON ``errors`` list (HTTP 200 or 400), never a 500
page or a Django exception's text.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from graphene_django.settings import graphene_settings
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    ExecutionResult,
    FieldNode,
    GraphQLError,
    OperationType,
    get_operation_ast,
    parse,
    validate,
)
from graphql.execution import execute
from graphql.execution.values import get_variable_values
from graphql.pyutils import is_awaitable as default_is_awaitable

from wagtail_neuro import fragments
from wagtail_neuro.api.problems import default_code
from wagtail_neuro.conf import neuro_settings

from . import documents, selections
from .errors import ProblemCode, with_code
from .inspection import inspect_operation
from .middleware import guard_schema
from .schema import get_schema
from .validation import validation_rules

__all__ = ["NeuroGraphQLView", "request_too_large"]

logger = logging.getLogger(__name__)

GENERIC_ERROR = "The request could not be answered."
TOO_COMPLEX = ProblemCode.QUERY_TOO_COMPLEX


def request_too_large(request: HttpRequest) -> HttpResponse | None:
    """A 413 for a body (or GET query string) over ``WAGTAIL_NEURO_GRAPHQL_MAX_BODY_SIZE``
    bytes, judged by its ``Content-Length`` before a byte of it is read."""
    maximum = neuro_settings.GRAPHQL_MAX_BODY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = maximum + 1
    length = max(length, len(request.META.get("QUERY_STRING", "")))
    if length <= maximum:
        return None
    error = _coded(f"The request is larger than {maximum} bytes.", ProblemCode.PAYLOAD_TOO_LARGE)
    return HttpResponse(
        json.dumps({"errors": [error]}),
        status=413,
        content_type="application/json",
    )


class NeuroGraphQLView(GraphQLView):
    def __init__(self, **kwargs: Any) -> None:
        schema = kwargs.setdefault("schema", get_schema())
        guard_schema(getattr(schema, "graphql_schema", schema))  # see .middleware
        super().__init__(**kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.graphiql = bool(settings.DEBUG or neuro_settings.GRAPHQL_GRAPHIQL)
        if too_large := request_too_large(request):
            return too_large
        try:
            return super().dispatch(request, *args, **kwargs)
        except Exception:  # a malformed request that slipped past graphene's own checks
            logger.exception("GraphQL request failed")
            return HttpResponse(
                json.dumps({"errors": [_coded(GENERIC_ERROR, ProblemCode.BAD_REQUEST)]}),
                status=400,
                content_type="application/json",
            )

    @staticmethod
    def get_graphql_params(request: HttpRequest, data: Any) -> tuple[Any, Any, Any, Any]:
        query, variables, operation_name, id = GraphQLView.get_graphql_params(request, data)
        if query is not None and not isinstance(query, str):
            raise HttpError(HttpResponse(status=400), "The query must be a string.")
        if variables is not None and not isinstance(variables, dict):
            raise HttpError(HttpResponse(status=400), "Variables must be a JSON object.")
        if operation_name is not None and not isinstance(operation_name, str):
            raise HttpError(HttpResponse(status=400), "operationName must be a string.")
        return query, variables, operation_name, id

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: Any,
        query: str | None,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> ExecutionResult | None:
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponse(status=400), "Must provide query string.")
        schema = self.schema.graphql_schema
        key = documents.cache_key(schema, query)
        document = known = documents.valid_document(key)
        if document is None:
            try:
                document = parse(
                    query,
                    max_tokens=neuro_settings.GRAPHQL_MAX_TOKENS,
                    max_source_length=neuro_settings.GRAPHQL_MAX_BODY_SIZE,
                )
            except GraphQLError as error:
                too_many = "tokens" in error.message
                code = TOO_COMPLEX if too_many else ProblemCode.GRAPHQL_PARSE_FAILED
                return ExecutionResult(data=None, errors=[with_code(error, code)])
            except RecursionError:
                error = GraphQLError("The query is nested too deeply.")
                return ExecutionResult(data=None, errors=[with_code(error, TOO_COMPLEX)])

        operation = get_operation_ast(document, operation_name)
        if (
            request.method.lower() == "get"
            and operation is not None
            and operation.operation != OperationType.QUERY
        ):
            if show_graphiql:
                return None
            raise HttpError(
                HttpResponse(status=405),
                f"Can only perform a {operation.operation.value} operation from a POST request.",
            )

        hide_suggestions = not neuro_settings.GRAPHQL_SUGGESTIONS
        if known is None:
            errors = validate(
                schema,
                document,
                validation_rules(),
                graphene_settings.MAX_VALIDATION_ERRORS,
                hide_suggestions=hide_suggestions,
            )
            if errors:
                invalid = ProblemCode.GRAPHQL_VALIDATION_FAILED
                return ExecutionResult(data=None, errors=[with_code(e, invalid) for e in errors])
            documents.remember(key, document, query)
        if operation is not None:
            coerced = get_variable_values(
                schema,
                operation.variable_definitions,
                variables or {},
                hide_suggestions=hide_suggestions,
            )
            if isinstance(coerced, list):
                invalid = ProblemCode.INVALID_PARAMETER
                return ExecutionResult(data=None, errors=[with_code(e, invalid) for e in coerced])
            if refused := inspect_operation(schema, document, operation, coerced):
                return ExecutionResult(data=None, errors=refused)
        if operation is not None and not _introspection_only(operation):
            # the content version of the stored representations and answers this one reads
            # and writes, read before any page is: content read after a publish is never
            # stored under the version before it (a GET read it already, for its ETag)
            fragments.graphql_key(request)
        try:
            result = execute(
                schema,
                document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
                hide_suggestions=hide_suggestions,
                is_awaitable=is_awaitable,
                execution_context_class=selections.StoredSelections,
            )
        except Exception as error:
            return ExecutionResult(
                data=None, errors=[GraphQLError(GENERIC_ERROR, original_error=error)]
            )
        # the streams built for this answer are complete whatever else failed: stored for the
        # next one (see wagtail_neuro.fragments)
        fragments.store_for_request(request)
        selections.store_for_request(request)
        return result

    @staticmethod
    def format_error(error: Any) -> dict[str, Any]:
        """GraphQL's own errors as they are, with their ``extensions.code`` (see
        :mod:`.errors`); anything raised by Django or Python is logged and answered with a
        generic message (no field names, SQL or tracebacks) and ``INTERNAL_SERVER_ERROR``."""
        if isinstance(error, HttpError):
            status = getattr(error.response, "status_code", 400)
            return _coded(error.message or GENERIC_ERROR, default_code(status))
        if not isinstance(error, GraphQLError):
            logger.error("GraphQL error: %r", error)
            return _coded(GENERIC_ERROR, ProblemCode.INTERNAL_SERVER_ERROR)
        original = error.original_error
        if original is not None and not isinstance(original, GraphQLError):
            logger.error("GraphQL resolver error", exc_info=original)
            formatted = error.formatted
            formatted["message"] = GENERIC_ERROR
            formatted["extensions"] = {"code": str(ProblemCode.INTERNAL_SERVER_ERROR)}
            return formatted
        return with_code(error, ProblemCode.BAD_REQUEST).formatted


#: Values a resolver returns that are never awaitable: most of an answer's values.
PLAIN_TYPES = frozenset({str, int, float, bool, type(None), dict, list, tuple})


def is_awaitable(value: Any) -> bool:
    """graphql-core's check, which it runs about four times per field, skipped for the plain
    values that make up most answers."""
    return type(value) not in PLAIN_TYPES and default_is_awaitable(value)


def _introspection_only(operation: Any) -> bool:
    """Whether ``operation`` asks only about the schema (``__schema``, ``__type``): it reads no
    content (a schema export runs it without a database)."""
    return all(
        isinstance(selection, FieldNode) and selection.name.value.startswith("__")
        for selection in operation.selection_set.selections
    )


def _coded(message: str, code: ProblemCode) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": str(code)}}
