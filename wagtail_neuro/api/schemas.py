"""Pydantic models of the page-level JSON the REST feeds send: authors, taxonomy, cards.

They are the types of the OpenAPI schema at ``/api/v3/openapi.json``: the DRF fields in
:mod:`wagtail_neuro.api.serializers` name them in their ``to_representation`` return annotation.
Block values are not here: each block declares its own beside it (see
:mod:`wagtail_neuro.blocks.contract`), and StreamFields are typed from the field's own block
(:mod:`wagtail_neuro.api.openapi`). The image, page-link and clinic-hours shapes are declared
beside the functions that make them, and re-exported here for the serializers.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypeAliasType, TypedDict

from wagtail_neuro.blocks.hours import ClinicHoursData
from wagtail_neuro.representation import ImageData, PageLink, RenditionData

__all__ = [
    "ArticleCard",
    "AuthorData",
    "CategoryData",
    "ClinicHoursData",
    "ConditionCard",
    "IcdCodeData",
    "ImageData",
    "JsonLdDocument",
    "JsonLdNode",
    "JsonLdValue",
    "PageLink",
    "RelatedArticle",
    "RelatedCondition",
    "RenditionData",
    "TagData",
]


class Schema(BaseModel):
    """Base of the package's API models: keys are what the representation functions send."""

    model_config = ConfigDict(extra="forbid")


#: A schema.org node: any keys (the vocabulary is open), JSON values. Typed recursively through
#: a named object, so generated clients get real types, not ``unknown`` (TypeScript accepts the
#: recursion through an object type, not through a bare array).
JsonLdNode = TypeAliasType("JsonLdNode", "dict[str, JsonLdValue]")  # type: ignore[misc]
JsonLdScalar = str | int | float | bool | None
JsonLdValue = TypeAliasType(
    "JsonLdValue",
    "JsonLdScalar | JsonLdNode | list[JsonLdScalar | JsonLdNode]",  # type: ignore[misc]
)

JsonLdDocument = TypedDict(
    "JsonLdDocument",
    {"@context": Literal["https://schema.org"], "@graph": list[JsonLdNode]},
)
"""A page's schema.org JSON-LD document (:func:`wagtail_neuro.structured_data.page_document`):
the nodes of ``@graph`` follow schema.org, whose vocabulary is open."""
JsonLdDocument.__pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[attr-defined]


class AuthorData(Schema):
    id: int
    name: str
    slug: str
    role: str
    credentials: str
    photo: ImageData | None
    bio: str = Field(description="HTML with internal links expanded.")


class CategoryData(Schema):
    id: int
    name: str
    slug: str


class TagData(Schema):
    name: str
    slug: str


class IcdCodeData(Schema):
    code: str
    description: str


class RelatedArticle(Schema):
    id: int
    title: str
    url: str | None
    summary: str
    date: str


class RelatedCondition(Schema):
    id: int
    title: str
    url: str | None
    summary: str


# --------------------------------------------------------------------------- cards


class ArticleCard(Schema):
    """What an article listing needs to render one card."""

    id: int
    title: str
    slug: str
    url: str | None
    detail_url: str
    summary: str
    date: str
    author: str | None = Field(description="The author's name.")
    hero_image: ImageData | None
    tags: list[TagData]
    categories: list[CategoryData]
    reading_time: int


class ConditionCard(Schema):
    id: int
    title: str
    slug: str
    url: str | None
    detail_url: str
    summary: str
    also_known_as: list[str]
    hero_image: ImageData | None
