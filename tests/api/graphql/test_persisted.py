"""GraphQL over HTTP: automatic persisted queries (Apollo's protocol), the REST caching rules on
``GET`` (ETag, 304 without executing, stored answers fresh after a publish) and private
answers for preview tokens, ``GET`` or ``POST``."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_neuro.api.graphql.persisted import query_hash

from .conftest import make_article

pytestmark = pytest.mark.django_db

QUERY = "query Titles { articles(limit: 20) { id title summary } }"
DIGEST = query_hash(QUERY)
PREVIEW = "query ($token: String) { page(token: $token) { title } }"


@pytest.fixture
def article(blog):
    return make_article(blog, title="Published title", summary="Published summary.")


def _extensions(digest: str = DIGEST) -> str:
    return json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})


def _get(client, **params):
    return client.get("/graphql/", params)


def _post(client, body):
    return client.post("/graphql/", json.dumps(body), content_type="application/json")


def test_the_apollo_handshake(client, article):
    # 1. the hash alone: unknown
    response = _get(client, extensions=_extensions())
    assert response.status_code == 200
    assert response.json() == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }
    assert "public" not in response.get("Cache-Control", "")
    # 2. the client retries with the query and the hash: answered and remembered
    response = _post(client, {"query": QUERY, "extensions": json.loads(_extensions())})
    assert response.status_code == 200
    answer = response.json()
    assert answer["data"]["articles"][0]["title"] == "Published title"
    # 3. from now on the hash alone travels, as a GET a CDN can store
    response = _get(client, extensions=_extensions())
    assert response.status_code == 200
    assert response.json() == answer
    assert "public" in response["Cache-Control"] and response["ETag"]


def test_a_persisted_post_runs_the_remembered_query(client, article):
    _get(client, query=QUERY, extensions=_extensions())
    response = _post(client, {"extensions": json.loads(_extensions()), "variables": {}})
    assert response.json()["data"]["articles"][0]["title"] == "Published title"


def test_a_hash_that_does_not_match_is_refused(client, article):
    response = _get(client, query=QUERY, extensions=_extensions("0" * 64))
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "provided sha does not match query"
    # and nothing was remembered under it
    assert _get(client, extensions=_extensions("0" * 64)).json()["errors"][0]["message"] == (
        "PersistedQueryNotFound"
    )


@pytest.mark.parametrize(
    "extensions",
    [
        '{"persistedQuery": {"version": 1, "sha256Hash": "nothex"}}',
        '{"persistedQuery": {"version": 2, "sha256Hash": "' + DIGEST + '"}}',
        '{"persistedQuery": "x"}',
    ],
)
def test_malformed_persisted_queries_are_400s(client, extensions):
    response = _get(client, extensions=extensions)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"]


def test_persisted_queries_can_be_turned_off(client, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_PERSISTED_QUERIES = False
    response = _get(client, query=QUERY, extensions=_extensions())
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_SUPPORTED"


def test_get_answers_carry_the_rest_rules(client, article):
    response = _get(client, query=QUERY)
    assert response.status_code == 200
    assert "max-age=300" in response["Cache-Control"] and "public" in response["Cache-Control"]
    etag = response["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/graphql/", {"query": QUERY}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert len(queries) == 1  # the content version: the query was never executed
    with CaptureQueriesContext(connection) as queries:
        stored = _get(client, query=QUERY)
    assert stored.content == response.content and len(queries) == 1


def test_a_publish_makes_graphql_answers_fresh(client, article):
    params = {"extensions": _extensions()}
    _get(client, query=QUERY, **params)
    etag = _get(client, **params)["ETag"]
    article.title = "New title"
    article.save_revision().publish()
    response = client.get("/graphql/", params, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["data"]["articles"][0]["title"] == "New title"


def test_answers_with_errors_are_not_stored(client, article):
    response = _get(client, query="{ articles(limit: 20) { nope } }")
    assert "errors" in response.json()
    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response


def test_posts_are_not_cached(client, article):
    response = _post(client, {"query": QUERY})
    assert response.status_code == 200
    assert "ETag" not in response and "public" not in response.get("Cache-Control", "")


@pytest.fixture
def token(article):
    article.title = "Secret draft"
    article.save_revision()
    return article.create_page_preview().token


def test_preview_posts_are_private(client, token):
    response = _post(client, {"query": PREVIEW, "variables": {"token": token}})
    assert response.json()["data"]["page"]["title"] == "Secret draft"
    assert response["Cache-Control"] == "private, no-store"


def test_preview_gets_are_private_and_never_stored(client, token):
    inline = '{ page(token: "TOKEN") { title } }'.replace("TOKEN", token)
    for params in (
        {"query": PREVIEW, "variables": json.dumps({"token": token})},
        {"query": inline},
    ):
        response = _get(client, **params)
        assert response.json()["data"]["page"]["title"] == "Secret draft"
        assert response["Cache-Control"] == "private, no-store"
        assert "ETag" not in response


def test_a_persisted_preview_query_stays_private(client, token):
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": query_hash(PREVIEW)}})
    variables = json.dumps({"token": token})
    _get(client, query=PREVIEW, extensions=extensions, variables=variables)
    response = _get(client, extensions=extensions, variables=variables)
    assert response.json()["data"]["page"]["title"] == "Secret draft"
    assert response["Cache-Control"] == "private, no-store"


def test_bearer_gets_are_private(client, article):
    response = client.get("/graphql/", {"query": QUERY}, HTTP_AUTHORIZATION="Bearer x")
    assert response["Cache-Control"] == "private, no-store"


def test_graphiql_pages_are_never_stored(client, article, settings):
    settings.WAGTAIL_NEURO_GRAPHQL_GRAPHIQL = True
    response = client.get("/graphql/", {"query": QUERY}, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"<html" in response.content.lower()
    assert "ETag" not in response and "public" not in response.get("Cache-Control", "")
