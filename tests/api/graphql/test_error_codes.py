"""Every GraphQL error carries ``extensions.code`` from the REST problems' vocabulary
(:class:`wagtail_neuro.api.problems.ProblemCode`), one per kind of failure, so a client can
branch on it instead of parsing messages."""

from __future__ import annotations

import pytest

from wagtail_neuro.api.problems import ProblemCode

SIBLINGS_3 = "{ pages(limit: 1) { siblings(limit: 30) { siblings(limit: 30) { siblings(limit: 30) { id } } } } }"


@pytest.mark.parametrize(
    ("query", "variables", "status", "code"),
    [
        ("{ articles { title ", {}, 400, "GRAPHQL_PARSE_FAILED"),
        ("{ nope }", {}, 400, "GRAPHQL_VALIDATION_FAILED"),
        ("{ __schema { types { name } } }", {}, 400, "INTROSPECTION_DISABLED"),
        (SIBLINGS_3, {}, 400, "QUERY_TOO_COMPLEX"),
        ("query($n: Int) { articles(limit: $n) { title } }", {"n": "x"}, 400, "INVALID_PARAMETER"),
        ('{ conditions(search: "a\\u0000b") { title } }', {}, 400, "INVALID_PARAMETER"),
        ('{ articles(dateFrom: "someday") { title } }', {}, 200, "INVALID_PARAMETER"),
        ('{ articles(order: "owner") { title } }', {}, 200, "INVALID_PARAMETER"),
        ("{ article { title } }", {}, 200, "INVALID_PARAMETER"),
        ('{ allClinicHours(at: "2025-01-06T09:00:00") { name } }', {}, 200, "INVALID_PARAMETER"),
        ('{ page(token: "forged") { title } }', {}, 200, "INVALID_PREVIEW_TOKEN"),
    ],
)
def test_each_failure_has_its_code(db, gql, query, variables, status, code):
    body = gql(query, variables, status=status)
    assert [error["extensions"]["code"] for error in body["errors"]] == [code], body


def test_the_depth_limit_is_too_complex(db, gql, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_DEPTH = 2
    body = gql("{ articles { author { photo { url } } } }", status=400)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"


def test_the_token_limit_is_too_complex(db, gql, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_TOKENS = 20
    body = gql("{ " + "articles { title } " * 10 + "}", status=400)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"


def test_an_unexpected_exception_is_an_internal_error(db, gql, monkeypatch):
    from wagtail_neuro.api.graphql import queries

    def explode(*args, **kwargs):
        raise ValueError("Cannot resolve keyword 'owner' into field.")

    monkeypatch.setattr(queries, "page_window", explode)
    error = gql("{ articles { title } }")["errors"][0]
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert error["message"] == "The request could not be answered."


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ("{not json", 400, "BAD_REQUEST"),
        ('{"query": 42}', 400, "BAD_REQUEST"),
    ],
)
def test_malformed_requests_are_bad_requests(db, client, body, status, code):
    response = client.post("/graphql/", body, content_type="application/json")
    assert response.status_code == status
    assert [error["extensions"]["code"] for error in response.json()["errors"]] == [code]


def test_mutations_over_get_are_method_not_allowed(db, client):
    response = client.get("/graphql/", {"query": "mutation { x }"})
    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


def test_every_code_the_package_uses_is_in_the_shared_vocabulary():
    """The GraphQL code literals in the package are REST's names (one vocabulary)."""
    import re
    from pathlib import Path

    import wagtail_neuro.api.graphql as package

    used = set()
    for path in Path(package.__file__).parent.rglob("*.py"):
        used |= set(re.findall(r"ProblemCode\.([A-Z_]+)", path.read_text()))
    assert used and used <= {code.name for code in ProblemCode}
