"""GraphQL and the stored page representations (:mod:`wagtail_neuro.fragments`).

A StreamField is answered from the stream's own representation, the list REST sends, so GraphQL
reads it from a page's stored fragment, and stores the streams it builds for the next answer
(REST's or its own). The response cache is off throughout, so only fragments share work.
"""

from __future__ import annotations

import datetime as dt
import json

import graphene
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import blocks

from tests.api.rest.conftest import make_condition, make_rich_article
from tests.factories import ClinicHoursSnippetFactory
from wagtail_neuro.api.graphql.types.blocks import BlockChild, TypeBuilder
from wagtail_neuro.models import PageFragment

pytestmark = pytest.mark.django_db

REST_LISTING = "/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*"
ARTICLES = """
{
  articles(limit: 5) {
    id title
    body {
      __typename
      ... on StreamFieldInterface { id blockType rawValue }
      ... on HeadingBlock { text anchor level }
      ... on ParagraphBlock { value }
      ... on CaptionedImageBlock { caption image { alt url } }
      ... on ConditionListBlock { items { name page { id title url } } }
      ... on CallToActionBlock { url buttonLabel }
      ... on ClinicHoursBlock { heading }
    }
    references { ... on ReferenceCitationBlock { number formatted doiUrl } }
  }
}
"""
HOURS = "{ articles(limit: 5) { body { ... on ClinicHoursBlock { clinicHours { name } } } } }"


@pytest.fixture(autouse=True)
def both_feeds(settings):
    """REST and GraphQL mounted side by side, as the README's ``urls.py`` does."""
    settings.ROOT_URLCONF = "tests.agency_urls"
    settings.WAGTAIL_NEURO_RESPONSE_CACHE = None


@pytest.fixture
def article(blog, conditions_index, image):
    hours = ClinicHoursSnippetFactory(name="Office Hours")
    return make_rich_article(blog, image, make_condition(conditions_index), hours)


def _articles(gql) -> tuple[list[dict], list[str]]:
    with CaptureQueriesContext(connection) as queries:
        articles = gql.data(ARTICLES)["articles"]
    return articles, [query["sql"] for query in queries.captured_queries]


def _built(gql, settings) -> tuple[list[dict], list[str]]:
    """The answer with fragments off: everything converted and computed."""
    settings.WAGTAIL_NEURO_PAGE_FRAGMENTS = False
    try:
        return _articles(gql)
    finally:
        settings.WAGTAIL_NEURO_PAGE_FRAGMENTS = True


def _image_queries(sql: list[str]) -> int:
    """Queries reading images: the hero and author photo always, a body's image chooser only
    when the body is converted."""
    return sum('FROM "wagtailimages_image"' in query for query in sql)


def test_graphql_reads_the_body_rest_stored(client, gql, article, settings):
    assert client.get(REST_LISTING).status_code == 200
    assert PageFragment.objects.filter(page=article).count() == 1

    articles, sql = _articles(gql)
    built, built_sql = _built(gql, settings)

    assert articles == built
    assert any("wagtail_neuro_pagefragment" in query for query in sql)
    assert _image_queries(sql) < _image_queries(built_sql), "the body was converted again"
    assert len(sql) < len(built_sql)
    kinds = {block["__typename"] for block in articles[0]["body"]}
    assert {"ConditionListBlock", "ClinicHoursBlock", "CaptionedImageBlock"} <= kinds


def test_graphql_stores_its_streams_and_rest_completes_them(client, gql, article, settings):
    first, _ = _articles(gql)
    stored = PageFragment.objects.get(page=article)
    assert set(json.loads(stored.data)) == {"body", "references"}

    second, sql = _articles(gql)
    built, built_sql = _built(gql, settings)
    assert second == first == built
    assert _image_queries(sql) < _image_queries(built_sql)

    rest = client.get(REST_LISTING).json()["items"][0]
    settings.WAGTAIL_NEURO_PAGE_FRAGMENTS = False
    assert client.get(REST_LISTING).json()["items"][0] == rest
    assert set(json.loads(PageFragment.objects.get(page=article).data)) >= {"seo", "jsonld"}


def test_a_query_asking_for_one_stream_stores_them_all(gql, article):
    """The next query may ask for ``references`` too: it finds them stored, and converts
    nothing."""
    gql.data("{ articles { body { __typename } } }")
    assert set(json.loads(PageFragment.objects.get(page=article).data)) == {"body", "references"}


def test_a_publish_reaches_graphql(gql, article):
    _articles(gql)
    body = list(article.body.raw_data)
    body[0]["value"]["text"] = "A new heading"
    article.body = body
    article.save_revision().publish()
    articles, _ = _articles(gql)
    assert articles[0]["body"][0]["text"] == "A new heading"


def test_a_field_reading_the_converted_block_still_answers_from_a_stored_body(gql, article):
    """``clinicHours`` evaluates the chosen snippet: the stored body's blocks are converted
    when it is asked for, for the whole listing at once."""
    _articles(gql)
    data = gql.data(HOURS)["articles"][0]["body"]
    assert {"clinicHours": {"name": "Office Hours"}} in data


def test_a_preview_neither_reads_nor_stores(gql, article):
    _articles(gql)
    stored = PageFragment.objects.get(page=article).data
    article.body = [{"type": "paragraph", "value": "<p>Draft body.</p>"}]
    article.save_revision()
    token = article.create_page_preview().token
    query = "query ($t: String) { page(token: $t) { ... on ArticlePage { body { __typename } } } }"
    page = gql.data(query, {"t": token})["page"]
    assert page["body"] == [{"__typename": "ParagraphBlock"}]
    assert PageFragment.objects.get(page=article).data == stored


def test_a_stored_date_is_a_date_again():
    """A date inside a block's representation is ISO 8601 text once stored: GraphQL's ``Date``
    takes it back."""

    class EventBlock(blocks.StructBlock):
        starts = blocks.DateBlock()
        title = blocks.CharBlock()

    block = EventBlock()
    builder = TypeBuilder()
    event_type = builder.block(block, {})

    class Query(graphene.ObjectType):
        event = graphene.Field(event_type)

    schema = graphene.Schema(query=Query, types=[event_type])
    for starts in (dt.date(2025, 3, 1), "2025-03-01"):
        root = BlockChild(block, {"type": "event", "value": {"starts": starts, "title": "Day"}})
        result = schema.execute("{ event { starts title } }", root=type("R", (), {"event": root}))
        assert result.errors is None, result.errors
        assert result.data == {"event": {"starts": "2025-03-01", "title": "Day"}}
