"""``errors[].extensions.code`` on every GraphQL error: the REST problems' codes
(:class:`wagtail_neuro.api.problems.ProblemCode`), so a client branches on one vocabulary.

Errors get their code where the package raises them (:func:`argument_error`, the limit rules,
the cost check) or, failing that, by the phase that produced them (:func:`with_code`): a parse
error is ``GRAPHQL_PARSE_FAILED``, a schema validation error ``GRAPHQL_VALIDATION_FAILED``, a
variable that does not coerce ``INVALID_PARAMETER``, an exception from Django or Python
``INTERNAL_SERVER_ERROR`` (its text is never shown), anything else ``BAD_REQUEST``.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from wagtail_neuro.api.problems import ProblemCode

__all__ = ["ProblemCode", "argument_error", "code_of", "with_code"]


def code_of(error: GraphQLError) -> str | None:
    return (error.extensions or {}).get("code")


def with_code(error: GraphQLError, code: ProblemCode) -> GraphQLError:
    """``error`` with ``extensions.code`` set to ``code`` unless it already has one."""
    if not code_of(error):
        error.extensions = {**(error.extensions or {}), "code": str(code)}
    return error


def argument_error(message: str, node: Any = None) -> GraphQLError:
    """An argument the caller sent is malformed or missing (REST's ``INVALID_PARAMETER``)."""
    return GraphQLError(message, node, extensions={"code": str(ProblemCode.INVALID_PARAMETER)})
