"""One GraphQL type per StreamField block, under grapple's ``StreamFieldInterface``.

Fields carry the same data as the REST feed: simple blocks resolve from the block's own
``get_api_representation``; blocks that link to pages, images or clinic hours resolve those
from the converted value, so the visibility check and renditions can be batched (see
``loaders``). Types whose names grapple already uses (``ImageBlock``, ``EmbedBlock``) are
called ``CaptionedImageBlock`` and ``MediaEmbedBlock``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import graphene
from django.core.serializers.json import DjangoJSONEncoder
from grapple.types.interfaces import StreamFieldInterface, get_page_interface

from wagtail_neuro import blocks as neuro_blocks
from wagtail_neuro.safety import safe_url

from ..loaders import is_live_object, visible_page_ids
from .clinic_hours import ClinicHours, hours_for, parse_instant
from .images import ImageData

__all__ = ["BLOCK_TYPES", "api_data"]


def api_data(root: Any, info: Any) -> dict[str, Any]:
    """The block's REST representation, computed once per block per request."""
    data = getattr(root, "_neuro_api_data", None)
    if data is None:
        data = root.block.get_api_representation(root.value, context={"request": info.context})
        root._neuro_api_data = data
    return data


def from_data(key: str) -> Callable[[Any, Any], Any]:
    def resolve(root: Any, info: Any) -> Any:
        return api_data(root, info).get(key)

    return resolve


def visible_page(info: Any, page: Any) -> Any:
    """``page`` when it is live and public, else ``None`` (the answer is cached per request)."""
    if page is None or page.pk not in visible_page_ids(info, [page]):
        return None
    return page


class BlockType(graphene.ObjectType):
    """Base of this package's block types: ``rawValue`` is the REST representation as JSON,
    never grapple's stringified values (which would print linked pages' titles)."""

    class Meta:
        abstract = True

    @staticmethod
    def resolve_raw_value(root: Any, info: Any) -> str:
        return json.dumps(api_data(root, info), cls=DjangoJSONEncoder)


def block_meta(name: str, description: str) -> type:
    return type(
        "Meta",
        (),
        {"name": name, "description": description, "interfaces": (StreamFieldInterface,)},
    )


class HeadingBlock(BlockType):
    Meta = block_meta("HeadingBlock", "A section heading with an anchor for a table of contents.")

    text = graphene.String(required=True, resolver=from_data("text"))
    level = graphene.String(required=True, resolver=from_data("level"), description="h2, h3 or h4")
    anchor = graphene.String(required=True, resolver=from_data("anchor"))


class ParagraphBlock(BlockType):
    Meta = block_meta("ParagraphBlock", "Rich text as front-end HTML (links resolved).")

    value = graphene.String(required=True, description="HTML")

    @staticmethod
    def resolve_value(root: Any, info: Any) -> str:
        return api_data(root, info)


class CaptionedImageBlock(BlockType):
    Meta = block_meta("CaptionedImageBlock", "An image with a caption and alt text.")

    image = graphene.Field(ImageData)
    caption = graphene.String(required=True)

    @staticmethod
    def resolve_image(root: Any, info: Any) -> Any:
        image = root.value.get("image")
        if image is not None:
            image._neuro_alt = root.block.effective_alt(root.value)
        return image

    @staticmethod
    def resolve_caption(root: Any, info: Any) -> str:
        return root.value.get("caption") or ""


class QuoteBlock(BlockType):
    Meta = block_meta("QuoteBlock", "A pull quote or testimonial.")

    quote = graphene.String(required=True, resolver=from_data("quote"))
    attribution = graphene.String(required=True, resolver=from_data("attribution"))


class MediaEmbedBlock(BlockType):
    Meta = block_meta(
        "MediaEmbedBlock",
        "A video or other oEmbed URL; html is there when the embed was cached on save.",
    )

    url = graphene.String()
    html = graphene.String()

    @staticmethod
    def resolve_url(root: Any, info: Any) -> str | None:
        return (api_data(root, info) or {}).get("url")

    @staticmethod
    def resolve_html(root: Any, info: Any) -> str | None:
        return (api_data(root, info) or {}).get("html")


class Symptom(graphene.ObjectType):
    name = graphene.String(required=True)
    description = graphene.String(required=True)
    severity = graphene.String(description="mild, moderate, severe or null")
    urgent = graphene.Boolean(required=True, description="Seek urgent care.")


class SymptomListBlock(BlockType):
    Meta = block_meta("SymptomListBlock", "A list of symptoms with severity and urgency.")

    heading = graphene.String(required=True, resolver=from_data("heading"))
    intro = graphene.String(required=True, resolver=from_data("intro"))
    items = graphene.List(graphene.NonNull(Symptom), required=True, resolver=from_data("items"))


class ReferenceCitationBlock(BlockType):
    Meta = block_meta("ReferenceCitationBlock", "A cited source, formatted in the site's style.")

    number = graphene.Int(description="Position in the page's references (null elsewhere).")
    title = graphene.String(required=True, resolver=from_data("title"))
    url = graphene.String(required=True, resolver=from_data("url"))
    source = graphene.String(required=True, resolver=from_data("source"))
    authors = graphene.List(
        graphene.NonNull(graphene.String), required=True, resolver=from_data("authors")
    )
    publication_date = graphene.String(resolver=from_data("publication_date"))
    accessed_date = graphene.String(resolver=from_data("accessed_date"))
    doi = graphene.String(resolver=from_data("doi"))
    pmid = graphene.String(resolver=from_data("pmid"))
    doi_url = graphene.String(resolver=from_data("doi_url"))
    pmid_url = graphene.String(resolver=from_data("pmid_url"))
    formatted = graphene.String(required=True, resolver=from_data("formatted"))

    @staticmethod
    def resolve_number(root: Any, info: Any) -> int | None:
        return getattr(root, "neuro_number", None)


class ConditionItem(graphene.ObjectType):
    """A condition in a list; ``page`` is null unless the linked page is live and public."""

    name = graphene.String(required=True)
    description = graphene.String(required=True)
    page = graphene.Field(get_page_interface)

    @staticmethod
    def resolve_name(item: Any, info: Any) -> str:
        return item.get("name") or ""

    @staticmethod
    def resolve_description(item: Any, info: Any) -> str:
        return item.get("description") or ""

    @staticmethod
    def resolve_page(item: Any, info: Any) -> Any:
        return visible_page(info, item.get("page"))


class ConditionListBlock(BlockType):
    Meta = block_meta("ConditionListBlock", "A numbered list of conditions linked to their pages.")

    heading = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(ConditionItem), required=True)

    @staticmethod
    def resolve_heading(root: Any, info: Any) -> str:
        return root.value.get("heading") or ""

    @staticmethod
    def resolve_items(root: Any, info: Any) -> list[Any]:
        return list(root.value.get("items") or [])


class KeyPoint(graphene.ObjectType):
    term = graphene.String(required=True)
    explanation = graphene.String(required=True)


class KeyPointsBlock(BlockType):
    Meta = block_meta("KeyPointsBlock", "Terms with a short explanation each.")

    heading = graphene.String(required=True, resolver=from_data("heading"))
    intro = graphene.String(required=True, resolver=from_data("intro"))
    items = graphene.List(graphene.NonNull(KeyPoint), required=True, resolver=from_data("items"))


class Step(graphene.ObjectType):
    number = graphene.Int(required=True)
    title = graphene.String(required=True)
    description = graphene.String(required=True)


class StepsBlock(BlockType):
    Meta = block_meta("StepsBlock", "Numbered steps, such as how a condition is diagnosed.")

    heading = graphene.String(required=True, resolver=from_data("heading"))
    intro = graphene.String(required=True, resolver=from_data("intro"))
    steps = graphene.List(graphene.NonNull(Step), required=True, resolver=from_data("steps"))


class CallToActionBlock(BlockType):
    Meta = block_meta("CallToActionBlock", "A heading, a sentence and one button.")

    heading = graphene.String(required=True)
    text = graphene.String(required=True)
    button_label = graphene.String(required=True)
    url = graphene.String(description="Null when the linked page is no longer public.")

    @staticmethod
    def resolve_heading(root: Any, info: Any) -> str:
        return root.value.get("heading") or ""

    @staticmethod
    def resolve_text(root: Any, info: Any) -> str:
        return root.value.get("text") or ""

    @staticmethod
    def resolve_button_label(root: Any, info: Any) -> str:
        return root.value.get("button_label") or ""

    @staticmethod
    def resolve_url(root: Any, info: Any) -> str | None:
        page = root.value.get("link_page")
        if page is not None:
            page = visible_page(info, page)
            return page.get_url(request=info.context) if page is not None else None
        return safe_url(root.value.get("link_url"))


class ClinicHoursBlock(BlockType):
    Meta = block_meta("ClinicHoursBlock", "A clinic's opening hours, chosen from the snippets.")

    heading = graphene.String(required=True)
    clinic_hours = graphene.Field(
        ClinicHours, at=graphene.String(description="An ISO 8601 instant; defaults to now.")
    )

    @staticmethod
    def resolve_heading(root: Any, info: Any) -> str:
        return root.value.get("heading") or ""

    @staticmethod
    def resolve_raw_value(root: Any, info: Any) -> str:
        data = dict(api_data(root, info))
        if not is_live_object(root.value.get("clinic_hours")):
            data["clinic_hours"] = None  # the block's own check misses expired snippets
        return json.dumps(data, cls=DjangoJSONEncoder)

    @staticmethod
    def resolve_clinic_hours(root: Any, info: Any, at: str | None = None) -> Any:
        snippet = root.value.get("clinic_hours")
        if snippet is None or not is_live_object(snippet):
            return None
        return hours_for(snippet, parse_instant(at))


class ConditionSectionBlock(BlockType):
    Meta = block_meta(
        "ConditionSectionBlock", "A standard section of a condition page (overview, symptoms …)."
    )

    section = graphene.String(required=True, description="overview, symptoms, causes …")
    heading = graphene.String(required=True)
    anchor = graphene.String(required=True)
    content = graphene.List(graphene.NonNull(StreamFieldInterface), required=True)

    @staticmethod
    def resolve_section(root: Any, info: Any) -> str:
        return root.value.get("section") or ""

    @staticmethod
    def resolve_heading(root: Any, info: Any) -> str:
        return root.block.heading_for(root.value)

    @staticmethod
    def resolve_anchor(root: Any, info: Any) -> str:
        from django.utils.text import slugify

        return slugify(root.block.heading_for(root.value))

    @staticmethod
    def resolve_content(root: Any, info: Any) -> list[Any]:
        return list(root.value.get("content") or [])


BLOCK_TYPES: dict[type, type[graphene.ObjectType]] = {
    neuro_blocks.HeadingBlock: HeadingBlock,
    neuro_blocks.ParagraphBlock: ParagraphBlock,
    neuro_blocks.ImageBlock: CaptionedImageBlock,
    neuro_blocks.QuoteBlock: QuoteBlock,
    neuro_blocks.EmbedBlock: MediaEmbedBlock,
    neuro_blocks.SymptomListBlock: SymptomListBlock,
    neuro_blocks.ReferenceCitationBlock: ReferenceCitationBlock,
    neuro_blocks.ConditionListBlock: ConditionListBlock,
    neuro_blocks.KeyPointsBlock: KeyPointsBlock,
    neuro_blocks.StepsBlock: StepsBlock,
    neuro_blocks.CallToActionBlock: CallToActionBlock,
    neuro_blocks.ClinicHoursBlock: ClinicHoursBlock,
    neuro_blocks.ConditionSectionBlock: ConditionSectionBlock,
}
"""Block class → GraphQL type, added to grapple's registry at startup (``schema.register``)."""
