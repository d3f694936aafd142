"""Template tags for non-headless sites: ``{% load wagtail_neuro_tags %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.inclusion_tag("wagtail_neuro/includes/clinic_hours.html")
def clinic_hours(slug: str | None = None, heading: str | None = None) -> dict[str, Any]:
    """Render the published clinic hours with ``slug`` (or the first live one): summary and weekly table.

    ``{% clinic_hours "office-hours" heading="Office Hours" %}``; renders nothing when there is none.
    """
    from ..models import ClinicHoursSnippet
    from ..ordering import CLINIC_HOURS_ORDER
    from ..visibility import published

    hours = published(ClinicHoursSnippet.objects.all())
    if slug:
        hours = hours.filter(slug=slug)
    snippet = hours.order_by(*CLINIC_HOURS_ORDER).first()
    return {
        "hours": snippet.as_data() if snippet else None,
        "heading": heading if heading is not None else (snippet.name if snippet else ""),
    }


@register.filter(name="safe_url")
def safe_url_filter(value: Any) -> str:
    """``href="{{ url|safe_url }}"``: the URL when :func:`wagtail_neuro.safety.safe_url` keeps
    it (http, https, mailto, tel, relative), else an empty string."""
    from ..safety import safe_url

    return safe_url(value) or ""


@register.filter(name="rich_text_html")
def rich_text_html_filter(value: Any) -> SafeString:
    """``{{ page.intro|rich_text_html }}``: Wagtail's ``|richtext`` (links and embeds
    expanded), sanitised with the package's allow-list; the same HTML the APIs send."""
    from ..representation import rich_text_data

    return mark_safe(rich_text_data(value))  # sanitised by nh3 in rich_text_data


@register.filter(name="sanitise_html")
def sanitise_html_filter(value: Any) -> SafeString:
    """``{{ embed_html|sanitise_html }}``: front-end HTML from elsewhere (an oEmbed provider)
    reduced to the package's allow-list."""
    from ..safety import sanitise_html

    return mark_safe(sanitise_html(value))  # sanitised by nh3 just above
