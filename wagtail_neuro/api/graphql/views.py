"""The ``/graphql/`` endpoint: graphene-django's view with this package's limits.

Differences from ``GraphQLView``: the query is parsed with a token limit; validation adds the
depth, field, alias and (optionally) introspection rules; the visibility and ``order`` guards run
as middleware; GraphiQL is shown only when ``DEBUG`` or ``WAGTAIL_NEURO_GRAPHQL_GRAPHIQL`` is on;
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
from graphql import ExecutionResult, GraphQLError, OperationType, get_operation_ast, parse, validate
from graphql.execution import execute

from wagtail_neuro.conf import neuro_settings

from .middleware import OrderMiddleware, VisibilityMiddleware
from .schema import get_schema
from .validation import validation_rules

__all__ = ["NeuroGraphQLView"]

logger = logging.getLogger(__name__)

GENERIC_ERROR = "The request could not be answered."


class NeuroGraphQLView(GraphQLView):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("schema", get_schema())
        middleware = kwargs.pop("middleware", None)
        if middleware is None:
            middleware = list(graphene_settings.MIDDLEWARE or [])
        kwargs["middleware"] = [*middleware, OrderMiddleware, VisibilityMiddleware]
        super().__init__(**kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.graphiql = bool(settings.DEBUG or neuro_settings.GRAPHQL_GRAPHIQL)
        try:
            return super().dispatch(request, *args, **kwargs)
        except Exception:  # a malformed request that slipped past graphene's own checks
            logger.exception("GraphQL request failed")
            return HttpResponse(
                json.dumps({"errors": [{"message": GENERIC_ERROR}]}),
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
        try:
            document = parse(query, max_tokens=neuro_settings.GRAPHQL_MAX_TOKENS)
        except GraphQLError as error:
            return ExecutionResult(data=None, errors=[error])
        except RecursionError:
            return ExecutionResult(
                data=None, errors=[GraphQLError("The query is nested too deeply.")]
            )

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

        errors = validate(
            schema, document, validation_rules(), graphene_settings.MAX_VALIDATION_ERRORS
        )
        if errors:
            return ExecutionResult(data=None, errors=errors)
        try:
            return execute(
                schema,
                document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
            )
        except Exception as error:
            return ExecutionResult(
                data=None, errors=[GraphQLError(GENERIC_ERROR, original_error=error)]
            )

    @staticmethod
    def format_error(error: Any) -> dict[str, Any]:
        """GraphQL's own errors as they are; anything raised by Django or Python is logged and
        answered with a generic message (no field names, SQL or tracebacks)."""
        if isinstance(error, HttpError):
            return {"message": error.message or GENERIC_ERROR}
        if not isinstance(error, GraphQLError):
            logger.error("GraphQL error: %r", error)
            return {"message": GENERIC_ERROR}
        original = error.original_error
        if original is not None and not isinstance(original, GraphQLError):
            logger.error("GraphQL resolver error", exc_info=original)
            formatted = error.formatted
            formatted["message"] = GENERIC_ERROR
            return formatted
        return error.formatted
