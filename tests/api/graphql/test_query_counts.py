"""Listing 20 articles with their blocks, tags and authors runs as many SQL queries as 1."""

from __future__ import annotations

import datetime as dt

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AuthorFactory

from .conftest import article_body, make_article

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


def count_queries(gql, limit: int) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as queries:
        data = gql.data(LISTING, {"limit": limit})
    assert len(data["articles"]) == limit
    return len(queries), data["articles"]


def test_twenty_articles_cost_the_same_queries_as_one(gql, blog, conditions, clinic_hours):
    for n in range(20):
        image = wagtail_factories.ImageFactory(title=f"Image {n}")
        author = AuthorFactory(name=f"Author {n}", photo=image)
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
    count_queries(gql, 20)  # makes the renditions and warms the site-root cache

    one, _ = count_queries(gql, 1)
    twenty, articles = count_queries(gql, 20)

    assert twenty == one, f"1 article: {one} queries, 20 articles: {twenty} queries"
    body = articles[0]["body"]
    linked = next(block for block in body if block["__typename"] == "ConditionListBlock")
    assert len(linked["items"]) == 5 and all(item["page"] for item in linked["items"])
    print(f"\nGraphQL articles listing: {one} queries for 1 article, {twenty} for 20")
