"""Listing 20 articles with their blocks, tags and authors runs as many SQL queries as 1."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticleIndexPageFactory,
    AuthorFactory,
    ClinicHoursSnippetFactory,
    ConditionIndexPageFactory,
    site_home,
)
from tests.shared_data import build_once

from .conftest import article_body, make_article, make_conditions

pytestmark = pytest.mark.django_db

LISTING = """
query ($limit: Int) {
  articles(limit: $limit) {
    id title url summary date readingTime categoryLabels
    author { name credentials photo { url renditions { name url } } }
    reviewedBy { name }
    categories { name slug }
    tags { name }
    heroImage { url alt renditions { name url width height } }
    body {
      __typename
      ... on HeadingBlock { text anchor }
      ... on ParagraphBlock { value }
      ... on QuoteBlock { quote }
      ... on SymptomListBlock { items { name severity urgent } }
      ... on KeyPointsBlock { items { term } }
      ... on StepsBlock { steps { number title } }
      ... on CaptionedImageBlock { caption image { alt renditions { url } } }
      ... on ConditionListBlock { items { name page { id title url } } }
      ... on CallToActionBlock { url }
      ... on ClinicHoursBlock { clinicHours { name isOpenNow nextChange { at } } }
    }
    references { ... on ReferenceCitationBlock { number formatted doiUrl } }
  }
}
"""

REQUESTS = itertools.count()


def count_queries(gql, limit: int, query: str = LISTING, field: str = "articles") -> tuple:
    """The queries of answering ``query`` by building it: its text made new (a comment), so no
    page's stored answer to an earlier request is used (:mod:`.selections`)."""
    query = f"{query}\n# request {next(REQUESTS)}"
    with CaptureQueriesContext(connection) as queries:
        data = gql.data(query, {"limit": limit})
    assert len(data[field]) == limit
    return len(queries), data[field]


@pytest.fixture(scope="module")
def twenty_articles_built(django_db_setup, django_db_blocker):
    """Built once for the module (every test here only reads them): see ``build_once``."""

    def build() -> None:
        home = site_home()
        blog = ArticleIndexPageFactory(parent=home)
        conditions = make_conditions(ConditionIndexPageFactory(parent=home))
        add_twenty_articles(blog, conditions, ClinicHoursSnippetFactory(name="Office Hours"))

    yield from build_once(django_db_blocker, build)


@pytest.fixture
def twenty_articles(twenty_articles_built, db):
    """20 articles with every kind of block, each with its own author (whose bio links to a
    condition page), image, tags and category."""


def add_twenty_articles(blog, conditions, clinic_hours) -> None:
    for n in range(20):
        image = wagtail_factories.ImageFactory(title=f"Image {n}")
        author = AuthorFactory(
            name=f"Author {n}",
            photo=image,
            bio=f'<p>Writes about <a linktype="page" id="{conditions[n % 5].pk}">this</a>.</p>',
        )
        make_article(
            blog,
            image=image,
            author=author,
            tags=(f"tag-{n}", "neuropathy"),
            category=f"Category {n}",
            reviewed_by=author,
            last_reviewed=dt.date(2024, 1, 1),
            body=article_body(image, conditions, clinic_hours, cta_page=conditions[0]),
        )


def test_twenty_articles_cost_the_same_queries_as_one(gql, twenty_articles):
    count_queries(gql, 20)  # makes the renditions and warms the site-root cache

    one, _ = count_queries(gql, 1)
    twenty, articles = count_queries(gql, 20)

    assert twenty == one, f"1 article: {one} queries, 20 articles: {twenty} queries"
    body = articles[0]["body"]
    linked = next(block for block in body if block["__typename"] == "ConditionListBlock")
    assert len(linked["items"]) == 5 and all(item["page"] for item in linked["items"])
    print(f"\nGraphQL articles listing: {one} queries for 1 article, {twenty} for 20")


PAGES = """
query ($limit: PositiveInt) {
  pages(limit: $limit, contentType: "wagtail_neuro.ArticlePage") {
    ... on ArticlePage {
      title author { name photo { url } } tags { name } categories { name }
      heroImage { renditions { url } }
      body { ... on ConditionListBlock { items { page { title url } } } ... on CallToActionBlock { url } }
    }
  }
}
"""
PARENT = "query ($limit: Int) { articles(limit: $limit) { parent { title url } } }"
BIO = "query ($limit: Int) { articles(limit: $limit) { author { bio } reviewedBy { bio } } }"
RAW_VALUE = """
query ($limit: Int) { articles(limit: $limit) { body { ... on StreamFieldInterface { rawValue } } references { ... on StreamFieldInterface { rawValue } } } }
"""

#: site, clinic settings and breadcrumbs are read once for the listing, not once per article
SEARCH_METADATA = "query ($limit: Int) { articles(limit: $limit) { jsonld seo { title } } }"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (PAGES, "pages"),
        (PARENT, "articles"),
        (BIO, "articles"),
        (RAW_VALUE, "articles"),
        (SEARCH_METADATA, "articles"),
    ],
    ids=["pages", "parent", "author-bio", "raw-value", "jsonld-seo"],
)
def test_more_listings_cost_the_same_queries_for_twenty(gql, twenty_articles, query, field):
    count_queries(gql, 20, query, field)
    one, _ = count_queries(gql, 1, query, field)
    twenty, _ = count_queries(gql, 20, query, field)
    assert twenty == one, f"1 article: {one} queries, 20 articles: {twenty} queries"


def test_related_articles_cost_the_same_queries_for_twenty(gql, twenty_articles):
    """The ranking runs once for the list (``ArticlePage.related_articles_for``)."""
    query = "query ($limit: Int) { articles(limit: $limit) { relatedArticles { title url } } }"
    count_queries(gql, 20, query)
    one, _ = count_queries(gql, 1, query)
    twenty, articles = count_queries(gql, 20, query)
    # (20 can cost one fewer: related articles that are in the list are known to be visible)
    assert twenty <= one, f"1 article: {one} queries, 20 articles: {twenty} queries"
    assert all(len(article["relatedArticles"]) == 3 for article in articles)
