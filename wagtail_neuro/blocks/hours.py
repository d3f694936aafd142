"""Clinic opening hours, from a ``ClinicHoursSnippet`` chosen by the editor."""

from __future__ import annotations

from typing import Any, Literal, NotRequired

from django.utils.translation import gettext_lazy as _
from pydantic import ConfigDict, Field
from typing_extensions import TypedDict
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from wagtail_neuro.visibility import is_published, published

from .contract import BlockValue

__all__ = ["ClinicHoursBlock", "ClinicHoursData", "clinic_hours_data"]


class TimePeriod(BlockValue):
    opens: str = Field(description="Local wall-clock time, HH:MM.")
    closes: str = Field(description="Local wall-clock time, HH:MM; earlier than opens = overnight.")


class WeekdayHours(BlockValue):
    weekday: int = Field(description="0 = Monday … 6 = Sunday.")
    weekday_name: str
    periods: list[TimePeriod]


class HoursExceptionData(BlockValue):
    label: str
    start_date: str
    end_date: str | None
    closed: bool
    periods: list[TimePeriod]


class NextChange(BlockValue):
    at: str = Field(description="ISO 8601 instant with the clinic's UTC offset.")
    open: bool = Field(description="Whether the clinic is open from that instant.")


class Interval(BlockValue):
    opens: str
    closes: str


class TodayHours(BlockValue):
    date: str
    periods: list[Interval]


OpeningHoursSpecification = TypedDict(
    "OpeningHoursSpecification",
    {
        "@type": Literal["OpeningHoursSpecification"],
        "dayOfWeek": NotRequired[str],
        "validFrom": NotRequired[str],
        "validThrough": NotRequired[str],
        "opens": str,
        "closes": str,
    },
)
"""schema.org ``OpeningHoursSpecification`` as ``hours.Schedule.opening_hours_specification``
makes it: ``dayOfWeek`` (a schema.org day URL) for weekly hours, ``validFrom``/``validThrough``
(dates) for exceptions; ``opens``/``closes`` are ``HH:MM:SS``. (``@type`` is no Python name.)"""
OpeningHoursSpecification.__pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[attr-defined]


class ClinicHoursData(BlockValue):
    """A published ``ClinicHoursSnippet`` evaluated at an instant (``?at=``, default now): what
    ``ClinicHoursSnippet.as_data`` returns."""

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
    opening_hours_specification: list[OpeningHoursSpecification] = Field(
        description="schema.org OpeningHoursSpecification objects."
    )
    notes: str


class ClinicHoursBlockValue(BlockValue):
    heading: str
    clinic_hours: ClinicHoursData | None = Field(
        description="Null unless the chosen hours are published."
    )


def clinic_hours_data(snippet: Any) -> dict[str, Any] | None:
    """The snippet's data while it is published; ``None`` for a draft, an expired, a deleted or
    no snippet."""
    if not is_published(snippet):
        return None
    return snippet.as_data()


class ClinicHoursBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False, max_length=255, label=_("Heading"), help_text=_("E.g. Office Hours.")
    )
    clinic_hours = SnippetChooserBlock(
        "wagtail_neuro.ClinicHoursSnippet",
        label=_("Clinic hours"),
        help_text=_("Hours are edited once, in Snippets, and shown wherever they are chosen."),
    )

    api_schema = ClinicHoursBlockValue

    def get_api_representation(self, value, context=None):
        return {
            "heading": value.get("heading") or "",
            "clinic_hours": clinic_hours_data(value.get("clinic_hours")),
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["hours"] = clinic_hours_data(value.get("clinic_hours"))
        return context

    def get_preview_value(self):
        # the block picker shows a published clinic's hours rather than nothing
        value = super().get_preview_value()
        if value.get("clinic_hours") is None:
            model = self.child_blocks["clinic_hours"].target_model
            value["clinic_hours"] = published(model.objects.all()).order_by("pk").first()
        return value

    class Meta:
        icon = "time"
        template = "wagtail_neuro/blocks/clinic_hours.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Clinic hours")
        description = _("A clinic's opening hours: today's status, a summary and the weekly table.")
        preview_value = {"heading": "Office Hours", "clinic_hours": None}
