"""Symptom lists, with a severity and an "urgent care" flag per symptom."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import Field
from wagtail import blocks

from .base import CheckedStructBlock
from .contract import BlockValue

__all__ = ["SEVERITY_CHOICES", "SymptomBlock", "SymptomListBlock"]

SEVERITY_CHOICES = [
    ("mild", _("Mild")),
    ("moderate", _("Moderate")),
    ("severe", _("Severe")),
]
Severity = Literal[tuple(severity for severity, _label in SEVERITY_CHOICES)]  # type: ignore[valid-type]


class SymptomBlockValue(BlockValue):
    name: str
    description: str
    severity: Severity | None  # type: ignore[valid-type]
    urgent: bool = Field(description="Seek urgent care.")


class SymptomBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Symptom"), max_length=255)
    description = blocks.TextBlock(required=False, label=_("Description"))
    severity = blocks.ChoiceBlock(choices=SEVERITY_CHOICES, required=False, label=_("Severity"))
    urgent = blocks.BooleanBlock(
        required=False,
        label=_("Seek urgent care"),
        help_text=_("Tick when this symptom means the patient should seek care right away."),
    )

    api_schema = SymptomBlockValue

    def get_api_representation(self, value, context=None):
        return {
            "name": value.get("name") or "",
            "description": value.get("description") or "",
            "severity": value.get("severity") or None,
            "urgent": bool(value.get("urgent")),
        }

    class Meta:
        icon = "warning"
        label = _("Symptom")
        description = _("One symptom with an optional severity and urgent-care flag.")
        preview_value = {
            "name": "Numbness",
            "description": "Loss of feeling in the hands or feet.",
            "severity": "moderate",
            "urgent": False,
        }


class SymptomListBlockValue(BlockValue):
    heading: str
    intro: str
    items: list[SymptomBlockValue]


class SymptomListBlock(CheckedStructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    intro = blocks.TextBlock(required=False, label=_("Introduction"))
    items = blocks.ListBlock(SymptomBlock(), min_num=1, label=_("Symptoms"))

    def extra_errors(self, value):
        if not value.get("items"):
            return {"items": ValidationError(_("Add at least one symptom."), code="required")}
        return {}

    api_schema = SymptomListBlockValue

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
        labels = dict(SEVERITY_CHOICES)
        context["items"] = [
            {**item, "severity_label": labels.get(item["severity"], "")}
            for item in self.get_api_representation(value)["items"]
        ]
        return context

    class Meta:
        icon = "list-ul"
        template = "wagtail_neuro/blocks/symptom_list.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Symptom list")
        description = _(
            "A list of symptoms, each with an optional description, severity and urgent-care flag."
        )
        preview_value = {
            "heading": "Common symptoms of neuropathy",
            "intro": (
                "Symptoms can include numbness, tingling, pain, and weakness in the affected areas."
            ),
            "items": [
                {"name": "Numbness", "description": "", "severity": "moderate", "urgent": False},
                {"name": "Tingling", "description": "", "severity": "mild", "urgent": False},
                {"name": "Pain", "description": "", "severity": "moderate", "urgent": False},
                {
                    "name": "Rapid-onset muscle weakness",
                    "description": (
                        "Weakness that spreads over hours or days, as in Guillain-Barré Syndrome."
                    ),
                    "severity": "severe",
                    "urgent": True,
                },
            ],
        }
