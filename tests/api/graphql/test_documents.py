"""Documents that parsed and validated are remembered per process (:mod:`.documents`), and
only those: an error is produced afresh every time, and a setting the checks read, changed,
checks the query again."""

from __future__ import annotations

import pytest
from graphql import language

from wagtail_neuro.api.graphql import documents

pytestmark = pytest.mark.django_db

QUERY = "{ articles(limit: 1) { title author { name } } }"


@pytest.fixture(autouse=True)
def fresh():
    documents.forget_all()
    yield
    documents.forget_all()


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The sources graphql-core parses (the view's ``parse``, counted)."""
    seen: list[str] = []
    from wagtail_neuro.api.graphql import views

    def counting(source, **kwargs):
        seen.append(source)
        return language.parse(source, **kwargs)

    monkeypatch.setattr(views, "parse", counting)
    return seen


def test_a_valid_query_is_parsed_once(gql, parses):
    first = gql.data(QUERY)
    assert gql.data(QUERY) == first
    assert parses == [QUERY]


def test_an_invalid_query_is_checked_every_time(gql, parses):
    for _ in range(2):
        body = gql("{ articles { nope } }", status=400)
        assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert len(parses) == 2


def test_a_changed_limit_checks_the_query_again(gql, settings):
    gql.data(QUERY)
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_DEPTH = 1
    body = gql(QUERY, status=400)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"


def test_the_store_is_bounded(gql, monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENTS", 2)
    for limit in (1, 2, 3):
        gql.data(f"{{ articles(limit: {limit}) {{ title }} }}")
    assert len(documents._documents) == 2


def test_the_store_is_bounded_by_tokens(gql, monkeypatch):
    """Large valid queries evict older ones: the store's memory follows its tokens."""
    small = "{ articles(limit: 1) { title } }"
    gql.data(small)
    (kept,) = documents._documents.values()
    monkeypatch.setattr(documents, "MAX_TOKENS", kept[1] * 2)
    large = "{ articles(limit: 1) { " + " ".join(["title"] * 40) + " } }"
    gql.data(large)
    assert [document for document, _tokens in documents._documents.values()] == [
        documents.valid_document(documents.cache_key(_schema(), large))
    ]


def _schema():
    from wagtail_neuro.api.graphql.schema import get_schema

    return get_schema().graphql_schema
