"""Depth, field and alias limits, introspection switch, token limit, and malformed requests
answered with GraphQL errors (200/400), never a 500 or a Django exception's text."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def nested(depth: int) -> str:
    """``articles { relatedArticles { relatedArticles … { title } } }`` ``depth`` fields deep."""
    query = "title"
    for _ in range(depth - 2):
        query = f"relatedArticles {{ {query} }}"
    return f"{{ articles {{ {query} }} }}"


def test_depth_limit(gql, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_DEPTH = 5
    assert "errors" not in gql(nested(5))
    body = gql(nested(6), status=400)
    assert "maximum depth of 5" in body["errors"][0]["message"]
    assert "data" not in body


def test_depth_counts_fragments(gql, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_DEPTH = 3
    query = (
        "{ articles { ...A } } fragment A on ArticlePage { relatedArticles { author { name } } }"
    )
    assert "maximum depth of 3" in gql(query, status=400)["errors"][0]["message"]


def test_alias_limit(gql, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_ALIASES = 3
    aliases = " ".join(f"a{i}: articles {{ title }}" for i in range(4))
    body = gql(f"{{ {aliases} }}", status=400)
    assert body["errors"][0]["message"].endswith("uses 4 aliases; at most 3 are allowed.")
    assert "errors" not in gql("{ a: articles { title } b: articles { title } }")


def test_field_limit_expands_fragments(gql, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_FIELDS = 50
    # 4 levels of fragments, each spreading the next twice: 2**4 * 4 fields once expanded
    query = (
        "{ articles { ...F1 } }"
        " fragment F1 on ArticlePage { ...F2 ...F2 }"
        " fragment F2 on ArticlePage { ...F3 ...F3 }"
        " fragment F3 on ArticlePage { ...F4 ...F4 }"
        " fragment F4 on ArticlePage { ...F5 ...F5 }"
        " fragment F5 on ArticlePage { title slug summary date }"
    )
    body = gql(query, status=400)
    assert "selects 65 fields (fragments expanded); at most 50" in body["errors"][0]["message"]


def test_introspection_can_be_switched_off(gql, settings):
    query = "{ __schema { queryType { name } } }"
    assert gql.data(query) == {"__schema": {"queryType": {"name": "Query"}}}
    settings.WAGTAIL_NEURO_GRAPHQL_INTROSPECTION = False
    body = gql(query, status=400)
    assert body["errors"][0]["message"] == "Cannot query '__schema': introspection is disabled."
    assert gql('{ __type(name: "ArticlePage") { name } }', status=400)["errors"]


def test_token_limit(gql, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_TOKENS = 20
    body = gql("{ " + "articles { title } " * 10 + "}", status=400)
    assert "more than 20 tokens" in body["errors"][0]["message"]


def test_pagination_is_capped(gql, blog, settings):
    from .conftest import make_article

    settings.WAGTAIL_NEURO_GRAPHQL_MAX_LIMIT = 2
    for _ in range(3):
        make_article(blog)
    assert len(gql.data("{ articles(limit: 1000) { title } }")["articles"]) == 2


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("[]", "application/json"),
        ('{"query": 42}', "application/json"),
        ('{"query": {"a": 1}}', "application/json"),
        ('{"query": "{ articles { title } }", "variables": [1]}', "application/json"),
        ('{"query": "{ articles { title } }", "variables": "not json"}', "application/json"),
        ('{"query": "{ articles { title } }", "operationName": 7}', "application/json"),
        ('{"query": "{ articles { title "}', "application/json"),
        ('{"query": "{ nope }"}', "application/json"),
        ('{"query": "{ ...Missing }"}', "application/json"),
        (
            '{"query": "query A { articles { title } } query B { articles { id } }"}',
            "application/json",
        ),
        (
            '{"query": "fragment A on ArticlePage { ...A } { articles { ...A } }"}',
            "application/json",
        ),
        ('{"query": "' + "{ a " * 3000 + '"}', "application/json"),
        ('{"query": "{ articles(limit: \\"x\\") { title } }"}', "application/json"),
        ("", "application/json"),
        ("{ articles { title } ", "application/graphql"),
        ("\xff\xfe", "application/json"),
    ],
)
def test_malformed_requests_get_graphql_errors(client, body, content_type):
    response = client.post("/graphql/", body, content_type=content_type)
    assert response.status_code in (200, 400), response.content
    payload = response.json()
    assert payload["errors"] and all(error["message"] for error in payload["errors"])
    text = json.dumps(payload)
    assert "Traceback" not in text and "django" not in text.lower()


def test_resolver_exceptions_are_not_echoed(gql, blog, monkeypatch):
    from wagtail_neuro.api.graphql import queries

    def explode(*args, **kwargs):
        raise ValueError("Cannot resolve keyword 'owner' into field. Choices are: password")

    monkeypatch.setattr(queries, "articles_queryset", explode)
    body = gql("{ articles { title } }")
    assert body["errors"][0]["message"] == "The request could not be answered."
    assert "password" not in json.dumps(body)


def test_get_queries_are_allowed_and_mutations_are_not(client, blog):
    response = client.get("/graphql/", {"query": "{ articles { title } }"})
    assert response.status_code == 200
    assert response.json() == {"data": {"articles": []}}


def test_graphiql_only_with_debug_or_the_setting(client, settings):
    html = {"HTTP_ACCEPT": "text/html"}
    assert b"graphiql" not in client.get("/graphql/", **html).content.lower()
    settings.WAGTAIL_NEURO_GRAPHQL_GRAPHIQL = True
    assert b"graphiql" in client.get("/graphql/", **html).content.lower()
    settings.WAGTAIL_NEURO_GRAPHQL_GRAPHIQL = False
    settings.DEBUG = True
    assert b"graphiql" in client.get("/graphql/", **html).content.lower()
