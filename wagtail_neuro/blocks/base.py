"""General content blocks: headings, paragraphs, images, quotes and embeds."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pydantic import Field
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds import blocks as embed_blocks
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.exceptions import EmbedException
from wagtail.images.blocks import ImageChooserBlock

from wagtail_neuro.representation import ImageData, image_data, rich_text_output
from wagtail_neuro.safety import safe_url, sanitise_html

from .contract import BlockValue

__all__ = [
    "HEADING_LEVELS",
    "NON_BLOCK",
    "CheckedStructBlock",
    "EmbedBlock",
    "HeadingBlock",
    "ImageBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "deconstruct_aliases",
    "request_from_context",
]


def deconstruct_aliases(*classes: type) -> dict[type, str]:
    """Make migrations refer to field-block subclasses by their public path
    (``wagtail_neuro.blocks.X``), so moving one between modules never breaks a migration.
    (Struct and Stream blocks are frozen as plain ``wagtail.blocks`` classes anyway.)"""
    return {cls: f"wagtail_neuro.blocks.{cls.__name__}" for cls in classes}


def request_from_context(context: dict[str, Any] | None) -> Any:
    """The request in an API or template context, if any (used for site-relative URLs)."""
    if not context:
        return None
    try:
        return context.get("request")
    except AttributeError:
        return None


NON_BLOCK = "__all__"


class CheckedStructBlock(blocks.StructBlock):
    """A StructBlock with cross-field checks that report like its children's own errors.

    Subclasses override :meth:`extra_errors` to return ``{child_name: ValidationError}``
    (``NON_BLOCK`` for an error about the block as a whole). Every problem is reported in one
    save, and a child's own error is replaced by the more specific one from ``extra_errors``
    (e.g. "Add at least one symptom." instead of "The minimum number of items is 1").
    :meth:`finalize` may tidy the cleaned value (normalise a DOI, say).
    """

    def extra_errors(self, value) -> dict[str, ValidationError]:
        return {}

    def finalize(self, value):
        return value

    def clean(self, value):
        block_errors: dict[str, ValidationError] = {}
        non_block_errors: list[ValidationError] = []
        cleaned = None
        try:
            cleaned = super().clean(value)
        except StructBlockValidationError as e:
            block_errors.update(e.block_errors)
            non_block_errors.extend(e.non_block_errors.as_data())
        for name, error in self.extra_errors(cleaned if cleaned is not None else value).items():
            if name == NON_BLOCK:
                non_block_errors.append(error)
            else:
                block_errors[name] = error
        if block_errors or non_block_errors:
            raise StructBlockValidationError(
                block_errors=block_errors or None, non_block_errors=non_block_errors or None
            )
        return self.finalize(cleaned)


HEADING_LEVELS = [("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))]
HeadingLevel = Literal[tuple(level for level, _label in HEADING_LEVELS)]  # type: ignore[valid-type]


class HeadingBlockValue(BlockValue):
    text: str
    level: HeadingLevel  # type: ignore[valid-type]
    anchor: str = Field(description="The text as a slug, for links to the heading (#anchor).")


class HeadingBlock(blocks.StructBlock):
    """A section heading; its ``anchor`` lets frontends build a table of contents."""

    text = blocks.CharBlock(label=_("Text"), max_length=255)
    level = blocks.ChoiceBlock(
        choices=HEADING_LEVELS,
        default="h2",
        label=_("Level"),
        help_text=_("Heading 2 for main sections, 3 and 4 for sub-sections."),
    )

    api_schema = HeadingBlockValue

    def get_api_representation(self, value, context=None):
        text = value.get("text") or ""
        return {
            "text": text,
            "level": value.get("level") if value.get("level") in dict(HEADING_LEVELS) else "h2",
            "anchor": slugify(text),
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["anchor"] = slugify(value.get("text") or "")
        # the level is interpolated into a tag name: only ever one of the known levels
        level = value.get("level")
        context["level"] = level if level in dict(HEADING_LEVELS) else "h2"
        return context

    class Meta:
        icon = "title"
        template = "wagtail_neuro/blocks/heading.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Heading")
        description = _("A section heading (level 2 to 4), with an anchor for links.")
        preview_value = {"text": "What is Neuropathy?", "level": "h2"}


PARAGRAPH_FEATURES = [
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    "superscript",
    "subscript",
]


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text whose API value is front-end HTML (links resolved), or Markdown of that HTML
    with ``?rich_text_format=markdown`` (:func:`wagtail_neuro.representation.rich_text_output`)."""

    def __init__(self, required=True, help_text=None, editor="default", features=None, **kwargs):
        super().__init__(
            required=required,
            help_text=help_text,
            editor=editor,
            features=features if features is not None else PARAGRAPH_FEATURES,
            **kwargs,
        )

    api_schema = Annotated[str, Field(description="HTML with internal links expanded.")]

    def get_api_representation(self, value, context=None):
        return rich_text_output(value, request_from_context(context))

    class Meta:
        icon = "pilcrow"
        template = "wagtail_neuro/blocks/paragraph.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Paragraph")
        description = _("Body text with bold, italic, lists and links.")
        preview_value = (
            "<p>Neuropathy, a condition characterized by damage to the peripheral nerves, can "
            "significantly impact quality of life. While various factors can lead to "
            "neuropathy, autoimmune diseases are a notable cause that deserves special "
            "attention.</p>"
        )


class ImageBlockValue(BlockValue):
    image: ImageData | None = Field(description="alt is the block's alt text, else the image's.")
    caption: str


class ImageBlock(blocks.StructBlock):
    """An image with an optional caption and an alt text override."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=255, label=_("Caption"))
    alt = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Alt text"),
        help_text=_(
            "Describe the image for people who cannot see it. Leave empty to use the image's "
            "own description."
        ),
    )

    @staticmethod
    def effective_alt(value) -> str:
        image = value.get("image")
        if value.get("alt"):
            return value["alt"]
        if image is None:
            return ""
        return getattr(image, "description", "") or image.title

    api_schema = ImageBlockValue

    def get_api_representation(self, value, context=None):
        data = image_data(value.get("image"), request_from_context(context))
        if data is not None:
            data["alt"] = self.effective_alt(value)
        return {"image": data, "caption": value.get("caption") or ""}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["alt"] = self.effective_alt(value)
        return context

    def get_preview_value(self):
        # the block picker shows the most recent image rather than an empty figure
        from wagtail.images import get_image_model

        value = super().get_preview_value()
        if value.get("image") is None:
            value["image"] = get_image_model().objects.order_by("-created_at").first()
        return value

    class Meta:
        icon = "image"
        graphql_name = "CaptionedImageBlock"  # grapple has an ImageBlock type
        template = "wagtail_neuro/blocks/image.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Image")
        description = _(
            "An image with a caption; the alt text comes from the image unless set here."
        )
        preview_value = {
            "image": None,
            "caption": "Nerve conduction studies help assess nerve function.",
        }


class QuoteBlockValue(BlockValue):
    quote: str
    attribution: str


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=255, label=_("Attribution"))

    api_schema = QuoteBlockValue

    def get_api_representation(self, value, context=None):
        return {"quote": value.get("quote") or "", "attribution": value.get("attribution") or ""}

    class Meta:
        icon = "openquote"
        template = "wagtail_neuro/blocks/quote.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Quote")
        description = _("A pull quote or patient testimonial, with an optional attribution.")
        preview_value = {
            "quote": (
                "Understanding the connection between neuropathy and autoimmune diseases is "
                "crucial for effective diagnosis and management."
            ),
            "attribution": "Blue Ridge Acupuncture & Integrative Health",
        }


class EmbedBlockValue(BlockValue):
    url: str
    html: str | None = Field(None, description="Present when the embed is in Wagtail's cache.")


class EmbedBlock(embed_blocks.EmbedBlock):
    """A video or other oEmbed URL.

    The API gives ``{"url", "html"}``: saving the page fetches the embed into Wagtail's embed
    table (:mod:`wagtail_neuro.embeds`), and the API reads it from there, so serving it never
    calls the provider and neither slows down nor fails when the network does. ``html`` is
    absent only for content that was never saved through the package (e.g. imported rows).
    """

    api_schema = EmbedBlockValue | None

    def clean(self, value):
        """Fetch the embed now (a draft save as much as a publish), so the API has its HTML;
        a URL that cannot be embedded is an error on this block (see :mod:`wagtail_neuro.embeds`)."""
        from wagtail_neuro.embeds import embed_problem

        if isinstance(value, embed_blocks.EmbedValue) and value.url:
            problem = embed_problem(value.url, value.max_width, value.max_height)
            if problem:
                raise ValidationError(problem)
        return super().clean(value)

    def get_api_representation(self, value, context=None):
        if value is None or not getattr(value, "url", None):
            return None
        url = safe_url(value.url)
        if url is None:  # stored past the editor: never a javascript: or data: URL
            return None
        data: dict[str, Any] = {"url": url}
        try:
            html = cached_embed_html(url, value.max_width, value.max_height)
        except EmbedException:
            html = None
        if html:
            # the provider's markup, reduced to the package's allow-list (https iframes stay)
            data["html"] = sanitise_html(html)
        return data

    class Meta:
        icon = "media"
        graphql_name = "MediaEmbedBlock"  # grapple has an EmbedBlock type
        template = "wagtail_neuro/blocks/embed.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Embed")
        description = _("A video or other media from a site such as YouTube or Vimeo, by its URL.")
        preview_value = "https://www.youtube.com/watch?v=Y8oAqm9bnTc"


def cached_embed_html(url: str, max_width=None, max_height=None) -> str | None:
    """The embed HTML from Wagtail's embed table, or ``None`` when it was never fetched.

    An entry past the provider's ``cache_age`` is still used: the last HTML the provider sent
    is better than none, and the next save of the page fetches it again."""
    from django.template.loader import render_to_string
    from wagtail.embeds.models import Embed

    embed = Embed.objects.filter(hash=get_embed_hash(url, max_width, max_height)).first()
    if embed is None or not embed.html:
        return None
    return render_to_string("wagtailembeds/embed_frontend.html", {"embed": embed}).strip()


# StructBlocks and StreamBlocks freeze their children into migrations as plain
# wagtail.blocks.StructBlock / StreamBlock; these field-block subclasses keep a class path.
DECONSTRUCT_ALIASES = deconstruct_aliases(ParagraphBlock, EmbedBlock)
