"""A page's stored answer to a selection (:mod:`wagtail_neuro.api.graphql.selections`).

The second public request asking the same of the same pages is answered from what the first
completed, with fewer queries and the same JSON, and never after a change the page's fragment
would not survive. The response cache is off throughout, so only the stores share work.
"""

from __future__ import annotations

import json

import graphene
import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from graphql import execute, parse

from tests.api.graphql.conftest import GraphQLClient
from tests.api.rest.conftest import make_article, make_condition, make_rich_article
from tests.factories import ClinicHoursSnippetFactory
from wagtail_neuro.api.graphql import selections
from wagtail_neuro.api.graphql.schema import get_schema

pytestmark = pytest.mark.django_db

ARTICLES = """
query Articles($rendition: String!) {
  articles(limit: 5) {
    id title url summary date readingTime
    author { name credentials }
    categories { name }
    tags { name }
    heroImage { title rendition(name: $rendition) { url } }
    body {
      __typename
      ... on HeadingBlock { text level }
      ... on ConditionListBlock { items { name page { id title url } } }
    }
    references { ... on ReferenceCitationBlock { number formatted } }
  }
}
"""
THUMBNAIL = {"rendition": "thumbnail"}


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    settings.WAGTAIL_NEURO_RESPONSE_CACHE = None


@pytest.fixture
def condition(conditions_index):
    return make_condition(conditions_index)


@pytest.fixture
def article(blog, image, condition):
    return make_rich_article(blog, image, condition, ClinicHoursSnippetFactory())


def _answer(gql, query: str = ARTICLES, variables: dict | None = None, **headers) -> tuple:
    """``(articles, queries run)`` of one POST."""
    with CaptureQueriesContext(connection) as queries:
        response = gql.client.post(
            "/graphql/",
            json.dumps(
                {"query": query, "variables": THUMBNAIL if variables is None else variables}
            ),
            content_type="application/json",
            **headers,
        )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["articles"], len(queries)


def _stored_answers() -> int:
    """How many answers the default cache holds (the test settings' local-memory cache)."""
    return sum(selections.KEY_PREFIX in key for key in caches["default"]._cache)


def test_the_second_answer_is_the_stored_one(gql, article, settings):
    first, _ = _answer(gql)
    assert _stored_answers() == 1
    second, second_queries = _answer(gql)
    # another query text: the fragments the first answer stored, but no stored answer
    from_fragments, fragment_queries = _answer(gql, ARTICLES + "\n# another text")

    settings.WAGTAIL_NEURO_PAGE_FRAGMENTS = False
    built, built_queries = _answer(gql)
    assert first == second == from_fragments == built
    assert second_queries < fragment_queries < built_queries


def test_variables_are_part_of_the_key(gql, article):
    thumbnail, _ = _answer(gql)
    medium, _ = _answer(gql, variables={"rendition": "medium"})
    assert (
        thumbnail[0]["heroImage"]["rendition"]["url"] != medium[0]["heroImage"]["rendition"]["url"]
    )
    assert _answer(gql, variables={"rendition": "medium"})[0] == medium
    assert _stored_answers() == 2


def test_a_publish_reaches_the_stored_answer(gql, article):
    _answer(gql)
    _answer(gql)
    article.title = "A new title"
    article.save_revision().publish()
    assert _answer(gql)[0][0]["title"] == "A new title"


def test_a_linked_page_publish_reaches_the_page_showing_it(gql, article, condition):
    _answer(gql)
    _answer(gql)
    condition.title = "Lupus (SLE)"
    condition.save_revision().publish()
    body = _answer(gql)[0][0]["body"]
    items = next(block for block in body if block["__typename"] == "ConditionListBlock")["items"]
    assert "Lupus (SLE)" in {item["page"]["title"] for item in items if item["page"]}


def test_a_snippet_change_reaches_the_stored_answer(gql, article):
    _answer(gql)
    _answer(gql)
    article.author.name = "Dr. Renamed"
    article.author.save()
    assert _answer(gql)[0][0]["author"]["name"] == "Dr. Renamed"


def test_pages_the_page_does_not_link_to_are_never_stored(gql, article, blog, image):
    """``relatedArticles`` ranks other pages: publishing one changes this page's answer
    without touching its fragment, so such a selection is computed every time."""
    query = "{ articles(limit: 5) { title relatedArticles { title } } }"
    _answer(gql, query, {})
    assert _stored_answers() == 0
    make_article(blog, image, title="A newer article on the same topic")
    answer, _ = _answer(gql, query, {})
    first = next(item for item in answer if item["title"] == "Autoimmune neuropathy")
    assert "A newer article on the same topic" in {
        item["title"] for item in first["relatedArticles"]
    }


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ("id title url readingTime body { __typename } author { name photo { url } }", True),
        ("... on ArticlePage { categoryLabels tags { name } seo { title } jsonld }", True),
        ("parent { title url }", True),
        ("relatedArticles { title }", False),
        ("children { title }", False),
        ("parent { children { title } }", False),
        ("hasUnpublishedChanges", False),
        ("draftTitle", False),
        ("searchScore", False),
        ("... on ArticlePage { aliasOf { title } }", False),
    ],
)
def test_which_selections_are_stored(selection, expected):
    schema = get_schema().graphql_schema
    document = parse(f"{{ articles {{ {selection} }} }}")
    field = document.definitions[0].selection_set.selections[0]
    articles = schema.query_type.fields["articles"]
    assert selections.storable(schema, articles.type, [field], {}) is expected


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_AUTHORIZATION": "Bearer abc"}, {"HTTP_COOKIE": "sessionid=abc"}],
    ids=["bearer", "session"],
)
def test_a_private_request_neither_reads_nor_stores(gql, article, headers):
    private = GraphQLClient(Client())  # keeps no cookie the answer may set for the others
    _answer(private, **headers)
    assert _stored_answers() == 0
    _answer(gql)
    _, queries = _answer(private, **headers)
    _, public_queries = _answer(gql)
    assert queries > public_queries


def test_an_answer_with_an_error_is_not_stored():
    """graphql-core's own execution over a small schema: the page whose completion raised is
    answered with the error, and nothing of it is recorded."""

    class Item(graphene.ObjectType):
        name = graphene.String()
        broken = graphene.String()

        @staticmethod
        def resolve_broken(item, info):
            if item.name == "bad":
                raise ValueError("no")
            return "fine"

    class Query(graphene.ObjectType):
        items = graphene.List(Item)

        @staticmethod
        def resolve_items(root, info):
            found = [Page(name="good"), Page(name="bad")]
            for page in found:
                page.__dict__[selections.MARK] = selections._Mark(
                    info.field_nodes, page.name, built=built
                )
            return found

    class Page:
        def __init__(self, name: str) -> None:
            self.name = name

    built: list = []
    schema = graphene.Schema(query=Query).graphql_schema
    result = execute(
        schema,
        parse("{ items { name broken } }"),
        execution_context_class=selections.StoredSelections,
    )
    assert result.data == {
        "items": [{"name": "good", "broken": "fine"}, {"name": "bad", "broken": None}]
    }
    assert len(result.errors) == 1
    assert built == [("good", {"name": "good", "broken": "fine"})]


def test_the_version_is_read_before_the_pages(gql, article):
    """What a POST stores is keyed on the content version it read: read after the pages, a
    publish committed in between would be stored under the new version with the old content,
    and served as current."""
    with CaptureQueriesContext(connection) as queries:
        gql.data("{ articles(limit: 5) { title } }")
    sql = [query["sql"] for query in queries.captured_queries]
    version = next(i for i, text in enumerate(sql) if "wagtail_neuro_contentversion" in text)
    pages = next(i for i, text in enumerate(sql) if 'FROM "wagtail_neuro_articlepage"' in text)
    assert version < pages
