"""The StreamBlocks page models use for their bodies and references."""

from __future__ import annotations

from collections import Counter
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pydantic import Field
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from .base import (
    EmbedBlock,
    HeadingBlock,
    ImageBlock,
    ParagraphBlock,
    QuoteBlock,
)
from .contract import BlockValue, stream_schema
from .cta import CallToActionBlock
from .hours import ClinicHoursBlock
from .lists import ConditionListBlock, KeyPointsBlock, StepsBlock
from .references import ReferencesBlock
from .symptoms import SymptomListBlock

__all__ = [
    "SECTION_CHOICES",
    "ArticleBodyBlock",
    "ConditionBodyBlock",
    "ConditionSectionBlock",
    "ReferencesBlock",
    "SectionContentBlock",
]


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of a health article."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock()
    symptom_list = SymptomListBlock()
    condition_list = ConditionListBlock()
    key_points = KeyPointsBlock()
    steps = StepsBlock()
    call_to_action = CallToActionBlock()
    clinic_hours = ClinicHoursBlock()

    class Meta:
        icon = "doc-full"
        template = "wagtail_neuro/blocks/stream.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Article body")
        description = _("The content of a health article.")
        preview_value = [
            ("heading", {"text": "What is Neuropathy?", "level": "h2"}),
            (
                "paragraph",
                "<p>Neuropathy refers to a range of conditions that affect the peripheral "
                "nerves—those outside the brain and spinal cord.</p>",
            ),
        ]


SECTION_CHOICES = [
    ("overview", _("Overview")),
    ("symptoms", _("Symptoms")),
    ("causes", _("Causes")),
    ("risk_factors", _("Risk factors")),
    ("diagnosis", _("Diagnosis")),
    ("treatment", _("Treatment")),
    ("when_to_seek_care", _("When to seek care")),
    ("other", _("Other")),
]
SECTION_LABELS = dict(SECTION_CHOICES)
SectionKind = Literal[tuple(kind for kind, _label in SECTION_CHOICES)]  # type: ignore[valid-type]
REPEATABLE_SECTIONS = {"other"}


class SectionContentBlock(blocks.StreamBlock):
    """What a condition section may contain."""

    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock()
    symptom_list = SymptomListBlock()
    key_points = KeyPointsBlock()
    steps = StepsBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        icon = "doc-full"
        template = "wagtail_neuro/blocks/stream.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Section content")
        description = _("The content of one condition section.")
        preview_value = [
            (
                "paragraph",
                "<p>Symptoms can include numbness, tingling, pain, and weakness in the affected "
                "areas.</p>",
            )
        ]


SectionContent = stream_schema(SectionContentBlock())


class ConditionSectionBlockValue(BlockValue):
    section: SectionKind  # type: ignore[valid-type]
    heading: str = Field(description="The editor's heading, else the section's name.")
    anchor: str = Field(description="The heading as a slug, for links to the section.")
    content: SectionContent  # type: ignore[valid-type]


class ConditionSectionBlock(blocks.StructBlock):
    """A standard section of a condition page (Symptoms, Diagnosis…), so frontends can build
    tabs or a table of contents and find e.g. the symptoms section by its kind."""

    section = blocks.ChoiceBlock(choices=SECTION_CHOICES, default="overview", label=_("Section"))
    heading = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Heading"),
        help_text=_("Leave empty to use the section's name, e.g. Symptoms."),
    )
    content = SectionContentBlock(label=_("Content"))

    @staticmethod
    def heading_for(value) -> str:
        if value.get("heading"):
            return value["heading"]
        return str(SECTION_LABELS.get(value.get("section"), ""))

    api_schema = ConditionSectionBlockValue

    def get_api_representation(self, value, context=None):
        heading = self.heading_for(value)
        return {
            # a kind no longer offered (stored before a choice was removed) reads as "other"
            "section": value.get("section") if value.get("section") in SECTION_LABELS else "other",
            "heading": heading,
            "anchor": slugify(heading),
            "content": self.child_blocks["content"].get_api_representation(
                value.get("content"), context=context
            ),
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["heading"] = self.heading_for(value)
        context["anchor"] = slugify(context["heading"])
        return context

    class Meta:
        icon = "folder-open-inverse"
        template = "wagtail_neuro/blocks/condition_section.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Section")
        description = _("A standard section of a condition page, such as Symptoms or Diagnosis.")
        preview_value = {
            "section": "symptoms",
            "heading": "",
            "content": [
                (
                    "paragraph",
                    "<p>Symptoms can include numbness, tingling, pain, and weakness in the "
                    "affected areas.</p>",
                )
            ],
        }


def _times(count: int) -> str:
    return str(_("twice")) if count == 2 else str(_("%(count)d times") % {"count": count})


class ConditionBodyBlock(blocks.StreamBlock):
    """The body of a condition page: standard sections, each kind at most once."""

    section = ConditionSectionBlock()
    paragraph = ParagraphBlock()
    # also at the top level: the symptoms are often the first thing a condition page lists
    symptom_list = SymptomListBlock()
    call_to_action = CallToActionBlock()

    def duplicate_section_errors(self, value) -> tuple[dict[int, ValidationError], list]:
        kinds = [
            (index, child.value.get("section"))
            for index, child in enumerate(value or [])
            if child.block_type == "section"
        ]
        counts = Counter(kind for _index, kind in kinds if kind not in REPEATABLE_SECTIONS)
        block_errors: dict[int, ValidationError] = {}
        messages: list[ValidationError] = []
        seen: set[str] = set()
        for index, kind in kinds:
            if counts.get(kind, 0) < 2:
                continue
            message = _("The %(section)s section appears %(times)s; merge them into one.") % {
                "section": SECTION_LABELS.get(kind, kind),
                "times": _times(counts[kind]),
            }
            if kind in seen:
                # mark the repeats, so the editor sees which section to merge away
                block_errors[index] = StructBlockValidationError(
                    block_errors={"section": ValidationError(message, code="duplicate_section")}
                )
            else:
                seen.add(kind)
                messages.append(ValidationError(message, code="duplicate_section"))
        return block_errors, messages

    def clean(self, value):
        block_errors, non_block_errors = self.duplicate_section_errors(value)
        try:
            cleaned = super().clean(value)
        except StreamBlockValidationError as e:
            # the child's own errors come first; duplicates are added where the child is clean
            block_errors = {**block_errors, **e.block_errors}
            non_block_errors = [*e.non_block_errors.as_data(), *non_block_errors]
            cleaned = None
        if block_errors or non_block_errors:
            raise StreamBlockValidationError(
                block_errors=block_errors or None, non_block_errors=non_block_errors or None
            )
        return cleaned

    class Meta:
        icon = "doc-full"
        template = "wagtail_neuro/blocks/stream.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Condition body")
        description = _("The sections of a condition page.")
        preview_value = [
            (
                "section",
                {
                    "section": "overview",
                    "heading": "What is Neuropathy?",
                    "content": [
                        (
                            "paragraph",
                            "<p>Neuropathy refers to a range of conditions that affect the "
                            "peripheral nerves—those outside the brain and spinal cord.</p>",
                        )
                    ],
                },
            )
        ]
