"""Structured lists from health articles: related conditions, key points and steps."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import Field
from wagtail import blocks

from wagtail_neuro.representation import PageLink, page_data

from .base import CheckedStructBlock, request_from_context
from .contract import BlockValue

__all__ = [
    "ConditionItemBlock",
    "ConditionListBlock",
    "KeyPointBlock",
    "KeyPointsBlock",
    "StepBlock",
    "StepsBlock",
]


class ConditionItemBlockValue(BlockValue):
    name: str
    description: str
    page: PageLink | None = Field(description="Null unless the linked page is live and public.")


class ConditionItemBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("Condition"),
        max_length=255,
        help_text=_("E.g. Rheumatoid Arthritis (RA)."),
    )
    description = blocks.TextBlock(label=_("Description"))
    page = blocks.PageChooserBlock(
        page_type="wagtail_neuro.ConditionPage",
        required=False,
        label=_("Condition page"),
        help_text=_(
            "Optional: link the name to this condition's page (only while it is published)."
        ),
    )

    api_schema = ConditionItemBlockValue

    def get_api_representation(self, value, context=None):
        return {
            "name": value.get("name") or "",
            "description": value.get("description") or "",
            "page": page_data(value.get("page"), request=request_from_context(context)),
        }

    class Meta:
        icon = "doc-full"
        label = _("Condition")


class ConditionListBlockValue(BlockValue):
    heading: str
    items: list[ConditionItemBlockValue]


class ConditionListBlock(CheckedStructBlock):
    """A numbered list of conditions, each optionally linked to its condition page."""

    heading = blocks.CharBlock(required=False, max_length=255, label=_("Heading"))
    items = blocks.ListBlock(ConditionItemBlock(), min_num=1, label=_("Conditions"))

    def extra_errors(self, value):
        if not value.get("items"):
            return {"items": ValidationError(_("Add at least one condition."), code="required")}
        return {}

    api_schema = ConditionListBlockValue

    def get_api_representation(self, value, context=None):
        item_block = self.child_blocks["items"].child_block
        return {
            "heading": value.get("heading") or "",
            "items": [
                item_block.get_api_representation(item, context=context)
                for item in value.get("items") or []
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # resolve each page once, with the live/public check, for the template
        context["items"] = self.get_api_representation(
            value, context={"request": request_from_context(parent_context)}
        )["items"]
        return context

    class Meta:
        icon = "list-ol"
        template = "wagtail_neuro/blocks/condition_list.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Condition list")
        description = _(
            "A numbered list of conditions with a short description each, linked to their pages."
        )
        preview_value = {
            "heading": "Autoimmune diseases associated with neuropathy",
            "items": [
                {
                    "name": "Rheumatoid Arthritis (RA)",
                    "description": (
                        "RA primarily affects the joints, but it can also cause neuropathy. The "
                        "inflammation from RA can compress nerves or lead to a condition called "
                        "rheumatoid neuropathy, which presents as pain, weakness, or numbness in "
                        "the extremities."
                    ),
                    "page": None,
                },
                {
                    "name": "Systemic Lupus Erythematosus (SLE)",
                    "description": (
                        "Lupus can affect multiple organ systems, including the nervous system. "
                        "Neuropathy in lupus patients can result from vasculitis (inflammation of "
                        "blood vessels) or directly from immune-mediated damage to the nerves."
                    ),
                    "page": None,
                },
            ],
        }


class KeyPointBlockValue(BlockValue):
    term: str
    explanation: str


class KeyPointBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Term"), max_length=255)
    explanation = blocks.TextBlock(label=_("Explanation"))

    api_schema = KeyPointBlockValue

    def get_api_representation(self, value, context=None):
        return {"term": value.get("term") or "", "explanation": value.get("explanation") or ""}

    class Meta:
        icon = "pick"
        label = _("Key point")


class KeyPointsBlockValue(BlockValue):
    heading: str
    intro: str
    items: list[KeyPointBlockValue]


class KeyPointsBlock(CheckedStructBlock):
    """Terms with explanations ("Immune System Attack: …"), shown as a definition list."""

    heading = blocks.CharBlock(required=False, max_length=255, label=_("Heading"))
    intro = blocks.TextBlock(required=False, label=_("Introduction"))
    items = blocks.ListBlock(KeyPointBlock(), min_num=1, label=_("Key points"))

    def extra_errors(self, value):
        if not value.get("items"):
            return {"items": ValidationError(_("Add at least one key point."), code="required")}
        return {}

    api_schema = KeyPointsBlockValue

    def get_api_representation(self, value, context=None):
        item_block = self.child_blocks["items"].child_block
        return {
            "heading": value.get("heading") or "",
            "intro": value.get("intro") or "",
            "items": [
                item_block.get_api_representation(item, context=context)
                for item in value.get("items") or []
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["items"] = self.get_api_representation(value)["items"]
        return context

    class Meta:
        icon = "pick"
        template = "wagtail_neuro/blocks/key_points.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Key points")
        description = _("Terms with a short explanation each, such as how a condition works.")
        preview_value = {
            "heading": "The Mechanisms Behind Autoimmune Neuropathy",
            "intro": (
                "The connection between autoimmune diseases and neuropathy involves complex "
                "mechanisms:"
            ),
            "items": [
                {
                    "term": "Immune System Attack",
                    "explanation": (
                        "In autoimmune neuropathy, the immune system targets and damages nerve "
                        "tissues or the myelin sheath, which protects nerves. This can disrupt "
                        "normal nerve function and lead to neuropathy symptoms."
                    ),
                },
                {
                    "term": "Inflammatory Processes",
                    "explanation": (
                        "Chronic inflammation associated with autoimmune diseases can compress "
                        "nerves or damage nerve tissues, contributing to neuropathic pain and "
                        "dysfunction."
                    ),
                },
            ],
        }


class StepBlockValue(BlockValue):
    number: int = Field(description="1-based position in the list.")
    title: str
    description: str


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    description = blocks.TextBlock(label=_("Description"))

    def get_api_representation(self, value, context=None):
        return {"title": value.get("title") or "", "description": value.get("description") or ""}

    class Meta:
        icon = "arrow-right"
        label = _("Step")


class StepsBlockValue(BlockValue):
    heading: str
    intro: str
    steps: list[StepBlockValue]


class StepsBlock(CheckedStructBlock):
    """Ordered steps (diagnosis, treatment, a first visit); the API numbers them."""

    heading = blocks.CharBlock(required=False, max_length=255, label=_("Heading"))
    intro = blocks.TextBlock(required=False, label=_("Introduction"))
    steps = blocks.ListBlock(StepBlock(), min_num=1, label=_("Steps"))

    def extra_errors(self, value):
        if not value.get("steps"):
            return {"steps": ValidationError(_("Add at least one step."), code="required")}
        return {}

    api_schema = StepsBlockValue

    def get_api_representation(self, value, context=None):
        step_block = self.child_blocks["steps"].child_block
        return {
            "heading": value.get("heading") or "",
            "intro": value.get("intro") or "",
            "steps": [
                {"number": number, **step_block.get_api_representation(step, context=context)}
                for number, step in enumerate(value.get("steps") or [], start=1)
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["steps"] = self.get_api_representation(value)["steps"]
        return context

    class Meta:
        icon = "list-ol"
        template = "wagtail_neuro/blocks/steps.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Steps")
        description = _("Numbered steps, such as how a condition is diagnosed.")
        preview_value = {
            "heading": "Diagnosis and Management",
            "intro": (
                "Diagnosing neuropathy associated with autoimmune diseases requires a "
                "comprehensive approach:"
            ),
            "steps": [
                {
                    "title": "Clinical Evaluation",
                    "description": (
                        "A detailed medical history and physical examination are crucial. "
                        "Patients’ symptoms, medical history, and any autoimmune disease "
                        "diagnosis guide the evaluation."
                    ),
                },
                {
                    "title": "Electrodiagnostic Studies",
                    "description": (
                        "Tests like electromyography (EMG) and nerve conduction studies (NCS) help "
                        "assess nerve function and identify neuropathy."
                    ),
                },
            ],
        }
