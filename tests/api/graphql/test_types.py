"""Exact types: one union per StreamField, enums for fixed sets, typed scalars and a typed
``openingHoursSpecification``, and the cost limit across union members."""

from __future__ import annotations

import pytest
from graphql import GraphQLUnionType

from wagtail_neuro.blocks import ArticleBodyBlock, ConditionBodyBlock

pytestmark = pytest.mark.django_db


def schema():
    from wagtail_neuro.api.graphql.schema import get_schema

    return get_schema().graphql_schema


def members(name: str) -> set[str]:
    union = schema().get_type(name)
    assert isinstance(union, GraphQLUnionType), f"{name} is {union!r}"
    return {member.name for member in union.types}


def block_type_names(stream_block) -> set[str]:
    return {
        getattr(child.meta, "graphql_name", None) or type(child).__name__
        for child in stream_block.child_blocks.values()
    }


def test_each_stream_field_is_its_own_union():
    fields = schema().get_type("ArticlePage").fields
    assert str(fields["body"].type) == "[ArticleBodyBlock!]!"
    assert str(fields["references"].type) == "[ReferenceBlock!]!"
    assert str(schema().get_type("ConditionPage").fields["body"].type) == "[ConditionBodyBlock!]!"
    # the package's stream blocks, plus the test agency's faq (its page shares the interface)
    assert members("ArticleBodyBlock") == block_type_names(ArticleBodyBlock()) | {"FaqBlock"}
    assert members("ConditionBodyBlock") == block_type_names(ConditionBodyBlock())
    assert "HeadingBlock" not in members("ConditionBodyBlock")
    assert members("ReferenceBlock") == {"ReferenceCitationBlock"}
    # the references stream numbers every item: never null
    assert str(schema().get_type("ReferenceCitationBlock").fields["number"].type) == "Int!"
    section = schema().get_type("ConditionSectionBlock").fields["content"]
    assert str(section.type) == "[SectionContentBlock!]!"
    assert "ConditionSectionBlock" not in members("SectionContentBlock")


def test_an_interface_and_its_implementations_share_the_union():
    """GraphQL lets an implementation narrow an interface's field to a member type, never to
    another union: ``articles { body }`` must type the agency's FAQ too."""
    for name in ("ArticleInterface", "ArticlePage", "ClinicArticlePage"):
        assert str(schema().get_type(name).fields["body"].type) == "[ArticleBodyBlock!]!"


BODY = """
query ($slug: String) {
  article(slug: $slug) {
    heroImage { renditions { name } }
    body { __typename ... on HeadingBlock { level } ... on StreamFieldInterface { blockType } }
  }
}
"""


def test_blocks_and_enums_resolve(gql, article):
    data = gql.data(BODY, {"slug": article.slug})["article"]
    body = data["body"]
    assert body[0] == {"__typename": "HeadingBlock", "level": "h2", "blockType": "HeadingBlock"}
    assert {block["__typename"] for block in body} <= members("ArticleBodyBlock")
    names = [rendition["name"] for rendition in data["heroImage"]["renditions"]]
    assert names == list(schema().get_type("RenditionName").values)


def test_fixed_sets_are_enums():
    for type_name, field, enum in [
        ("HeadingBlock", "level", "HeadingBlockLevel"),
        ("Symptom", "severity", "SymptomSeverity"),
        ("ConditionSectionBlock", "section", "ConditionSectionBlockSection"),
        ("ImageRenditionData", "name", "RenditionName"),
        ("ClinicHoursDay", "dayOfWeek", "DayOfWeek"),
        ("OpeningHoursSpecification", "dayOfWeek", "DayOfWeek"),
    ]:
        assert str(schema().get_type(type_name).fields[field].type).strip("!") == enum
    assert list(schema().get_type("DayOfWeek").values)[:2] == ["Monday", "Tuesday"]
    assert list(schema().get_type("RenditionName").values) == ["thumbnail", "medium", "large"]


def test_dates_and_instants_are_typed_scalars():
    hours = schema().get_type("ClinicHours").fields
    assert str(hours["at"].type) == "DateTime!"
    assert str(schema().get_type("ClinicHoursException").fields["startDate"].type) == "Date!"
    assert str(schema().get_type("ClinicHoursToday").fields["date"].type) == "Date!"
    assert str(hours["openingHoursSpecification"].type) == "[OpeningHoursSpecification!]!"


def test_opening_hours_are_typed_objects(gql, clinic_hours):
    hours = gql.data(
        '{ clinicHours(name: "Office Hours", at: "2025-01-06T16:59:00-05:00") { at '
        "today { date periods { opens } } weekly { dayOfWeek } "
        "openingHoursSpecification { dayOfWeek opens closes validFrom validThrough } } }"
    )["clinicHours"]
    assert hours["at"] == "2025-01-06T16:59:00-05:00"  # the same ISO 8601 text as before
    assert hours["today"] == {
        "date": "2025-01-06",
        "periods": [{"opens": "2025-01-06T09:00:00-05:00"}],
    }
    assert [day["dayOfWeek"] for day in hours["weekly"]][:4] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
    ]
    assert hours["openingHoursSpecification"][0] == {
        "dayOfWeek": "Monday",
        "opens": "09:00:00",
        "closes": "17:00:00",
        "validFrom": None,
        "validThrough": None,
    }


def test_the_cost_limit_counts_union_members_as_alternatives(gql, settings):
    """20 articles × (1 + 5 blocks × (1 + 5 items)) = 620: the two fragments are one block or
    the other, so they do not add up; two lists in one fragment do (1,120)."""
    settings.WAGTAIL_NEURO_GRAPHQL_MAX_COST = 700
    either = (
        "{ articles(limit: 20) { body { ... on SymptomListBlock { items { name } } "
        "... on StepsBlock { steps { title } } } } }"
    )
    assert "errors" not in gql(either)
    both = (
        "{ articles(limit: 20) { body { ... on SymptomListBlock { a: items { name } "
        "b: items { name } } } } }"
    )
    error = gql(both, status=400)["errors"][0]
    assert "about 1,120 objects" in error["message"]


def test_union_names_follow_the_stream_block_class():
    """The nearest stream class every model's stream shares names the union; an inline
    ``StreamBlock([...])`` is named after its model and field (the fallback)."""
    from wagtail import blocks

    from tests.extending.models import ClinicArticleBody
    from wagtail_neuro.api.graphql.types.streams import union_name
    from wagtail_neuro.blocks import ReferencesBlock

    assert union_name([ArticleBodyBlock(), ClinicArticleBody()], "X") == "ArticleBodyBlock"
    assert union_name([ClinicArticleBody()], "X") == "ClinicArticleBody"
    assert union_name([ReferencesBlock()], "X") == "ReferenceBlock"  # Meta.graphql_name
    inline = blocks.StreamBlock([("note", blocks.CharBlock())])
    assert union_name([inline], "LandingPageSidebarBlock") == "LandingPageSidebarBlock"
