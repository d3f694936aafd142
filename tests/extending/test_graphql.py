"""GraphQL serves the agency's page with its own block, as a type generated from the block."""

from __future__ import annotations

import json

import pytest

from tests.extending.conftest import FAQ, gql

pytestmark = pytest.mark.django_db

QUERY = """
query ($id: ID) {
  page(id: $id) {
    __typename
    ... on ClinicArticlePage {
      title
      body {
        __typename ... on StreamFieldInterface { blockType field rawValue }
        ... on HeadingBlock { text level anchor }
        ... on FaqBlock { question answer }
      }
    }
  }
}
"""


def test_the_faq_block_is_typed_and_resolves(client, clinic_article):
    page = gql(client, QUERY, {"id": clinic_article.pk})["page"]
    assert page["__typename"] == "ClinicArticlePage"
    heading, faq = page["body"]
    assert heading["__typename"] == "HeadingBlock"
    assert heading["anchor"] == "before-your-visit"
    assert faq["__typename"] == "FaqBlock"
    assert faq["field"] == "faq"
    assert {"question": faq["question"], "answer": faq["answer"]} == FAQ
    assert json.loads(faq["rawValue"]) == FAQ  # the REST representation


def test_the_schema_declares_the_faq_type():
    from wagtail_neuro.api.graphql.schema import get_schema

    faq = get_schema().graphql_schema.get_type("FaqBlock")
    assert faq is not None
    assert {"question", "answer", "rawValue", "blockType"} <= set(faq.fields)
    assert str(faq.fields["question"].type) == "String!"
    assert [interface.name for interface in faq.interfaces] == ["StreamFieldInterface"]
