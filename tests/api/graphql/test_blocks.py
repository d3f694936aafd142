"""Every block is its own GraphQL type under grapple's ``StreamFieldInterface``, with the
fields of the REST feed; ``rawValue`` is the REST representation, and chooser links to pages
that are no longer public resolve to null."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import article_body, make_article

pytestmark = pytest.mark.django_db

BLOCKS = """
query ($slug: String) {
  article(slug: $slug) {
    body {
      __typename
      ... on StreamFieldInterface { id blockType field rawValue }
      ... on HeadingBlock { text level anchor }
      ... on ParagraphBlock { value }
      ... on QuoteBlock { quote attribution }
      ... on SymptomListBlock { heading intro items { name description severity urgent } }
      ... on KeyPointsBlock { heading items { term explanation } }
      ... on StepsBlock { heading steps { number title description } }
      ... on CallToActionBlock { heading text buttonLabel url }
      ... on CaptionedImageBlock { caption image { id title alt width height url renditions { name } } }
      ... on ConditionListBlock { heading items { name description page { id title url } } }
      ... on ClinicHoursBlock { heading clinicHours(at: "2025-01-06T10:00:00-05:00") { name isOpenNow } }
    }
  }
}
"""


def blocks_of(gql, slug):
    return {b["__typename"]: b for b in gql.data(BLOCKS, {"slug": slug})["article"]["body"]}


def test_each_block_type_and_its_fields(gql, article, conditions):
    blocks = blocks_of(gql, "autoimmune-neuropathy")
    assert set(blocks) == {
        "HeadingBlock",
        "ParagraphBlock",
        "QuoteBlock",
        "SymptomListBlock",
        "KeyPointsBlock",
        "StepsBlock",
        "CallToActionBlock",
        "CaptionedImageBlock",
        "ConditionListBlock",
        "ClinicHoursBlock",
    }
    assert blocks["HeadingBlock"]["field"] == "heading"
    assert blocks["QuoteBlock"]["attribution"] == "Clinic"
    assert blocks["SymptomListBlock"]["items"][0] == {
        "name": "Numbness",
        "description": "Numbness in the feet.",
        "severity": "mild",
        "urgent": False,
    }
    assert blocks["KeyPointsBlock"]["items"] == [
        {"term": "Immune", "explanation": "Attacks nerves."}
    ]
    assert blocks["ClinicHoursBlock"]["clinicHours"] == {"name": "Office Hours", "isOpenNow": True}
    image = blocks["CaptionedImageBlock"]["image"]
    assert image["alt"] == "A nerve diagram" and image["url"]
    assert [item["page"]["title"] for item in blocks["ConditionListBlock"]["items"]] == [
        c.title for c in conditions
    ]


def test_raw_value_is_the_rest_representation(gql, article):
    blocks = blocks_of(gql, "autoimmune-neuropathy")
    raw = json.loads(blocks["SymptomListBlock"]["rawValue"])
    assert raw["items"][0]["name"] == "Numbness"
    steps = json.loads(blocks["StepsBlock"]["rawValue"])
    assert [step["number"] for step in steps["steps"]] == [1, 2]


def test_links_to_pages_that_stop_being_public_resolve_to_null(gql, blog, conditions):
    make_article(
        blog, slug="linking", body=article_body(conditions=conditions, cta_page=conditions[0])
    )
    conditions[0].unpublish()
    conditions[1].expire_at = timezone.now() - timedelta(minutes=1)  # not yet unpublished
    conditions[1].save()

    blocks = blocks_of(gql, "linking")
    pages = [item["page"] for item in blocks["ConditionListBlock"]["items"]]
    assert pages[0] is None and pages[1] is None and all(pages[2:])
    assert blocks["CallToActionBlock"]["url"] is None
    raw = json.loads(blocks["ConditionListBlock"]["rawValue"])
    assert raw["items"][0]["page"] is None
