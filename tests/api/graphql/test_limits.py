"""Depth, field and alias limits, introspection switch, token limit, and malformed requests
answered with GraphQL errors (200/400), never a 500 or a Django exception's text."""

from __future__ import annotations

import json

import pytest

from wagtail_neuro.api.problems import ProblemCode

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


def test_introspection_follows_debug_unless_set(gql, settings):
    query = "{ __schema { queryType { name } } }"
    assert not settings.DEBUG
    body = gql(query, status=400)
    assert body["errors"][0]["message"] == "Cannot query '__schema': introspection is disabled."
    assert gql('{ __type(name: "ArticlePage") { name } }', status=400)["errors"]
    assert gql.data("{ articles { __typename } }") == {"articles": []}  # clients need it
    settings.DEBUG = True
    assert gql.data(query) == {"__schema": {"queryType": {"name": "Query"}}}
    settings.DEBUG = False
    settings.WAGTAIL_NEURO_GRAPHQL_INTROSPECTION = True
    assert gql.data(query) == {"__schema": {"queryType": {"name": "Query"}}}
    settings.DEBUG = True
    settings.WAGTAIL_NEURO_GRAPHQL_INTROSPECTION = False
    assert gql(query, status=400)["errors"]


@pytest.mark.parametrize(
    "query",
    [
        "{ articels { title } }",  # a field
        "{ articles(limti: 3) { title } }",  # an argument
        "{ articles { titel } }",  # a field of a type
        "query($n: Int) { articles(limit: $n) { ... on ArticlPage { title } } }",  # a type
    ],
)
def test_did_you_mean_suggestions_follow_debug(gql, settings, query):
    message = " ".join(error["message"] for error in gql(query, status=400)["errors"])
    assert "Did you mean" not in message
    settings.DEBUG = True
    message = " ".join(error["message"] for error in gql(query, status=400)["errors"])
    assert "Did you mean" in message
    settings.WAGTAIL_NEURO_GRAPHQL_SUGGESTIONS = False
    message = " ".join(error["message"] for error in gql(query, status=400)["errors"])
    assert "Did you mean" not in message


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
    codes = {str(code) for code in ProblemCode}
    assert all(error["extensions"]["code"] in codes for error in payload["errors"]), payload
    text = json.dumps(payload)
    assert "Traceback" not in text and "django" not in text.lower()


def test_resolver_exceptions_are_not_echoed(gql, blog, monkeypatch):
    from wagtail_neuro.api.graphql import queries

    def explode(*args, **kwargs):
        raise ValueError("Cannot resolve keyword 'owner' into field. Choices are: password")

    monkeypatch.setattr(queries, "page_window", explode)
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


# --- cost: list sizes multiplied through nesting, refused before execution -----------------

SIBLINGS_3 = "{ pages(limit: 1) { siblings(limit: 30) { siblings(limit: 30) { siblings(limit: 30) { id } } } } }"


def test_nested_lists_are_refused_before_anything_runs(gql, blog, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        body = gql(SIBLINGS_3, status=400)
    message = body["errors"][0]["message"]
    # 1 × (1 + 30 × (1 + 30 × (1 + 30)))
    assert "could return about 27,931 objects" in message
    assert "at most 2,000 are allowed" in message
    assert "data" not in body


def test_cost_limit_is_a_setting(gql, blog, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_COST = 30_000
    assert "errors" not in gql(SIBLINGS_3)
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_COST = 100
    query = "{ pages(limit: 10) { children(limit: 10) { id } } }"  # 10 × (1 + 10) = 110
    assert "about 110 objects" in gql(query, status=400)["errors"][0]["message"]


def test_cost_reads_limits_from_variables_and_defaults(gql, blog, settings):
    query = "query($n: PositiveInt) { pages(limit: $n) { children(limit: $n) { id } } }"
    assert "errors" not in gql(query, {"n": 10})  # 10 × (1 + 10)
    # grapple caps limit at MAX_PAGE_SIZE (100): 100 × (1 + 100)
    assert "about 10,100 objects" in gql(query, {"n": 5000}, status=400)["errors"][0]["message"]
    # no limit: grapple's PAGE_SIZE (10) for its lists; COST_LIST_SIZE for lists without one
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_COST = 10
    assert "about 110 objects" in gql(query, status=400)["errors"][0]["message"]
    settings.WAGTAIL_NEURO_GRAPHQL_COST_LIST_SIZE = 3
    # articles: GRAPHQL_DEFAULT_LIMIT (20) × (1 + tags 3)
    body = gql("{ articles { tags { name } } }", status=400)
    assert "about 80 objects" in body["errors"][0]["message"]


def test_fragments_on_different_types_are_alternatives(gql, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_COST = 10_000
    one = "{ pages(limit: 100) { ... on ArticlePage { children(limit: 50) { id } } } }"
    both = (
        "{ pages(limit: 100) { ...A ... on ConditionPage { children(limit: 50) { id } } } }"
        " fragment A on ArticlePage { children(limit: 50) { id } }"
    )
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_COST = 5_100  # 100 × (1 + 50)
    assert "errors" not in gql(one)
    assert "errors" not in gql(both)  # a page is one type or the other, not both
    doubled = "{ pages(limit: 100) { ... on ArticlePage { a: children(limit: 50) { id } b: children(limit: 50) { id } } } }"
    assert "about 10,100 objects" in gql(doubled, status=400)["errors"][0]["message"]


# --- request size and arguments ---------------------------------------------------------


def test_bodies_over_the_size_cap_are_refused_unread(client, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_BODY_SIZE = 1_000
    query = "{ articles { title } }" + " " * 1_000
    response = client.post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json() == {
        "errors": [
            {
                "message": "The request is larger than 1000 bytes.",
                "extensions": {"code": "PAYLOAD_TOO_LARGE"},
            }
        ]
    }
    assert client.get("/graphql/", {"query": query}).status_code == 413
    small = client.post(
        "/graphql/", json.dumps({"query": query.strip()}), content_type="application/json"
    )
    assert small.status_code == 200


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        ("query($s: String) { articles(search: $s) { title } }", {"s": "x" * 201}, "at most 200"),
        ('{ conditions(search: "a\\u0000b") { title } }', {}, "control characters"),
        ("query($s: String) { pages(searchQuery: $s) { title } }", {"s": "y" * 201}, "at most 200"),
        ("query($s: String) { search(query: $s) { __typename } }", {"s": "z" * 201}, "at most 200"),
        ("query($s: String) { images(searchQuery: $s) { id } }", {"s": "\x00"}, "control"),
        ("query($s: String) { page(slug: $s) { id } }", {"s": "a\x1bb"}, "control characters"),
    ],
)
def test_search_and_text_arguments_are_capped_like_rest(gql, query, variables, message):
    body = gql(query, variables, status=400)
    assert message in body["errors"][0]["message"]
    assert "data" not in body


def test_search_of_200_characters_is_answered(gql, blog):
    assert gql.data('{ articles(search: "%s") { title } }' % ("x" * 200)) == {"articles": []}


# --- renditions: an allow-list and a cap on srcSet -----------------------------------------


@pytest.fixture
def rendition_count(image):
    from wagtail.images.models import Rendition

    return lambda: Rendition.objects.filter(image=image).count()


def test_arbitrary_renditions_are_refused(gql, image, rendition_count):
    query = '{ images { rendition(width: 4321, format: "png") { url } } }'
    message = gql(query, status=400)["errors"][0]["message"]
    assert "'width-4321|format-png' is not an allowed filter" in message
    assert "width-640" in message
    assert rendition_count() == 0


def test_allowed_renditions_are_rendered(gql, image, rendition_count, settings):
    data = gql.data('{ images { rendition(fill: "400x300") { url } } }')
    assert data["images"][0]["rendition"]["url"]
    assert rendition_count() == 1
    data = gql.data('{ images { srcSet(sizes: [320, 640], format: "webp") } }')
    assert data["images"][0]["srcSet"].count("w") >= 2
    settings.WAGTAIL_NEURO_GRAPHQL_IMAGE_FILTERS = ["width-100"]
    assert gql.data("{ images { rendition(width: 100) { width } } }")["images"]
    assert gql("{ images { srcSet(sizes: [320]) } }", status=400)["errors"]


def test_srcset_sizes_are_capped_and_allow_listed(gql, image, rendition_count):
    many = ", ".join(str(width) for width in (320, 640, 960, 1280, 1600, 1920, 320))
    message = gql(f"{{ images {{ srcSet(sizes: [{many}]) }} }}", status=400)["errors"][0]["message"]
    assert message == "srcSet: at most 6 sizes."
    message = gql("{ images { srcSet(sizes: [1, 2, 3]) } }", status=400)["errors"][0]["message"]
    assert "srcSet: sizes must be among" in message
    assert rendition_count() == 0
