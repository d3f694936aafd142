"""Template tags for non-headless sites: ``{% load wagtail_neuro_tags %}``."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("wagtail_neuro/includes/clinic_hours.html")
def clinic_hours(slug: str | None = None, heading: str | None = None) -> dict[str, Any]:
    """Render the published clinic hours with ``slug`` (or the first live one): summary and weekly table.

    ``{% clinic_hours "office-hours" heading="Office Hours" %}``; renders nothing when there is none.
    """
    from ..models import ClinicHoursSnippet
    from ..visibility import published

    hours = published(ClinicHoursSnippet.objects.all())
    if slug:
        hours = hours.filter(slug=slug)
    snippet = hours.order_by("name").first()
    return {
        "hours": snippet.as_data() if snippet else None,
        "heading": heading if heading is not None else (snippet.name if snippet else ""),
    }
