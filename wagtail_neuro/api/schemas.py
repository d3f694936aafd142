"""Pydantic models of the JSON the REST feeds send: blocks, images, authors, clinic hours.

They are the types of the OpenAPI schema at ``/api/v3/openapi.json``. The DRF fields in
:mod:`wagtail_neuro.api.serializers` name them in their ``to_representation`` return annotation,
which Wagtail's v3 schema generator reads, so a StreamField is published as a discriminated union
on the block ``type`` (one named component per block) instead of ``list[Any]``, while API v2 keeps
sending the very same dicts.

Stream children are named after their block class (``SymptomListBlock`` is
``{"type": "symptom_list", "id": …, "value": SymptomListBlockValue}``); :func:`stream_schema`
builds the union of a ``StreamBlock`` from its child blocks, so a block added to a stream is typed
as soon as its class is in :data:`BLOCK_VALUE_SCHEMAS`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, RootModel, create_model

from wagtail_neuro.blocks import SectionContentBlock

__all__ = [
    "BLOCK_VALUE_SCHEMAS",
    "ArticleCard",
    "AuthorData",
    "CategoryData",
    "ClinicHoursData",
    "ConditionCard",
    "IcdCodeData",
    "ImageData",
    "PageLink",
    "RenditionData",
    "TagData",
    "stream_schema",
]


class Schema(BaseModel):
    """Base of the package's API models: keys are what the representation functions send."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- shared data


class RenditionData(Schema):
    url: str
    width: int
    height: int


class ImageData(Schema):
    """An image with the renditions named in ``WAGTAIL_NEURO_IMAGE_RENDITIONS``."""

    id: int
    title: str
    alt: str
    width: int
    height: int
    url: str | None
    renditions: dict[str, RenditionData]


class PageLink(Schema):
    """A link to a live, public page (``None`` stands for anything else)."""

    id: int
    title: str
    url: str | None
    type: str


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


class TimePeriod(Schema):
    opens: str = Field(description="Local wall-clock time, HH:MM.")
    closes: str = Field(description="Local wall-clock time, HH:MM; earlier than opens = overnight.")


class WeekdayHours(Schema):
    weekday: int = Field(description="0 = Monday … 6 = Sunday.")
    weekday_name: str
    periods: list[TimePeriod]


class HoursExceptionData(Schema):
    label: str
    start_date: str
    end_date: str | None
    closed: bool
    periods: list[TimePeriod]


class NextChange(Schema):
    at: str = Field(description="ISO 8601 instant with the clinic's UTC offset.")
    open: bool = Field(description="Whether the clinic is open from that instant.")


class Interval(Schema):
    opens: str
    closes: str


class TodayHours(Schema):
    date: str
    periods: list[Interval]


class ClinicHoursData(Schema):
    """A published ``ClinicHoursSnippet`` evaluated at an instant (``?at=``, default now)."""

    model_config = ConfigDict(extra="allow")

    id: int
    name: str
    slug: str
    timezone: str
    summary: str
    weekly: list[WeekdayHours]
    exceptions: list[HoursExceptionData]
    open_now: bool
    next_change: NextChange | None
    today: TodayHours
    opening_hours_specification: list[dict[str, Any]] = Field(
        description="schema.org OpeningHoursSpecification objects."
    )
    notes: str = ""


# --------------------------------------------------------------------------- block values


class HeadingBlockValue(Schema):
    text: str
    level: Literal["h2", "h3", "h4"]
    anchor: str


class ImageBlockValue(Schema):
    image: ImageData | None
    caption: str


class QuoteBlockValue(Schema):
    quote: str
    attribution: str


class EmbedBlockValue(Schema):
    url: str
    html: str | None = Field(None, description="Present when the embed is in Wagtail's cache.")


class SymptomBlockValue(Schema):
    name: str
    description: str
    severity: Literal["mild", "moderate", "severe"] | None
    urgent: bool


class SymptomListBlockValue(Schema):
    heading: str
    intro: str
    items: list[SymptomBlockValue]


class ConditionItemBlockValue(Schema):
    name: str
    description: str
    page: PageLink | None


class ConditionListBlockValue(Schema):
    heading: str
    items: list[ConditionItemBlockValue]


class KeyPointBlockValue(Schema):
    term: str
    explanation: str


class KeyPointsBlockValue(Schema):
    heading: str
    intro: str
    items: list[KeyPointBlockValue]


class StepBlockValue(Schema):
    number: int
    title: str
    description: str


class StepsBlockValue(Schema):
    heading: str
    intro: str
    steps: list[StepBlockValue]


class CallToActionBlockValue(Schema):
    heading: str
    text: str
    button_label: str
    url: str | None


class ClinicHoursBlockValue(Schema):
    heading: str
    clinic_hours: ClinicHoursData | None


class ReferenceCitationBlockValue(Schema):
    title: str
    url: str
    source: str
    authors: list[str]
    publication_date: str | None
    accessed_date: str | None
    doi: str | None
    pmid: str | None
    doi_url: str | None
    pmid_url: str | None
    formatted: str = Field(description="Plain text in the configured citation style.")


ParagraphBlockValue = Annotated[str, Field(description="HTML with internal links expanded.")]


def _block_value_schemas() -> dict[str, Any]:
    """Block class name → value type (keyed by name: subclasses in projects inherit it)."""
    return {
        "HeadingBlock": HeadingBlockValue,
        "ParagraphBlock": ParagraphBlockValue,
        "ImageBlock": ImageBlockValue,
        "QuoteBlock": QuoteBlockValue,
        "EmbedBlock": EmbedBlockValue | None,
        "SymptomListBlock": SymptomListBlockValue,
        "ConditionListBlock": ConditionListBlockValue,
        "KeyPointsBlock": KeyPointsBlockValue,
        "StepsBlock": StepsBlockValue,
        "CallToActionBlock": CallToActionBlockValue,
        "ClinicHoursBlock": ClinicHoursBlockValue,
        "ReferenceCitationBlock": ReferenceCitationBlockValue,
    }


BLOCK_VALUE_SCHEMAS: dict[str, Any] = _block_value_schemas()

_child_schemas: dict[tuple[str, str], type[BaseModel]] = {}
_stream_schemas: dict[type, Any] = {}


def _value_schema(block: Any) -> Any:
    """The value type of ``block``: its own class's entry, else its nearest ancestor's."""
    for cls in type(block).__mro__:
        if cls.__name__ in BLOCK_VALUE_SCHEMAS and cls.__module__.startswith("wagtail_neuro"):
            return BLOCK_VALUE_SCHEMAS[cls.__name__]
    return Any


def _child_schema(name: str, block: Any, numbered: bool) -> type[BaseModel]:
    """``{"type": name, "id": …, "value": …}``, named after the block class."""
    key = (type(block).__name__, name)
    if key not in _child_schemas:
        title = type(block).__name__
        if any(existing[0] == title for existing in _child_schemas):
            title = f"{title}_{name}"  # the same class under another name in some stream
        fields: dict[str, Any] = {
            "type": (Literal[name], ...),
            "id": (str | None, None),
        }
        if numbered:
            fields["number"] = (int, Field(..., description="1-based position in the list."))
        fields["value"] = (_value_schema(block), ...)
        _child_schemas[key] = create_model(title, __base__=Schema, **fields)
    return _child_schemas[key]


def stream_schema(stream_block: Any, *, numbered: bool = False) -> Any:
    """``list[<StreamBlock>Item]``, the item a union of one model per child block,
    discriminated by ``type``."""
    cls = type(stream_block)
    if cls not in _stream_schemas:
        members = [
            _child_schema(name, child, numbered)
            for name, child in stream_block.child_blocks.items()
        ]
        if len(members) == 1:
            item: Any = members[0]
        else:
            # A RootModel keeps the discriminator: typing.get_type_hints(), which the v3 schema
            # generator uses to read annotations, strips Annotated[...] metadata.
            union = Annotated[Union[tuple(members)], Field(discriminator="type")]  # noqa: UP007
            item = create_model(f"{cls.__name__}Item", __base__=RootModel[union])
        _stream_schemas[cls] = list[item]
    return _stream_schemas[cls]


SectionContent = stream_schema(SectionContentBlock())


class ConditionSectionBlockValue(Schema):
    section: str
    heading: str
    anchor: str
    content: SectionContent  # type: ignore[valid-type]


BLOCK_VALUE_SCHEMAS["ConditionSectionBlock"] = ConditionSectionBlockValue


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
