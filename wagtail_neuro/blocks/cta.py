"""Call-to-action banners ("Book appointment")."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import Field
from wagtail import blocks

from wagtail_neuro.representation import page_data
from wagtail_neuro.safety import safe_url

from .base import CheckedStructBlock, request_from_context
from .contract import BlockValue
from .validators import HttpURLBlock

__all__ = ["CallToActionBlock"]


class CallToActionBlockValue(BlockValue):
    heading: str
    text: str
    button_label: str
    url: str | None = Field(description="Null when the linked page is no longer public.")


class CallToActionBlock(CheckedStructBlock):
    """A heading, a sentence and one button that links to a page or to a URL (one of the two)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    text = blocks.TextBlock(required=False, label=_("Text"))
    button_label = blocks.CharBlock(
        label=_("Button label"), max_length=60, default="Book appointment"
    )
    link_page = blocks.PageChooserBlock(
        required=False,
        label=_("Link to a page"),
        help_text=_("Choose a page on this site, or enter a URL below (one of the two)."),
    )
    link_url = HttpURLBlock(
        required=False,
        label=_("Link to a URL"),
        help_text=_("An external booking page, for example; leave empty when a page is chosen."),
    )

    def extra_errors(self, value):
        page, url = value.get("link_page"), value.get("link_url")
        if page and url:
            return {
                "link_url": ValidationError(
                    _("Choose a page or enter a URL, not both: clear one of them."),
                    code="both_links",
                )
            }
        if not page and not url:
            message = _("The button needs a link: choose a page or enter a URL (exactly one).")
            return {
                "link_page": ValidationError(message, code="no_link"),
                "link_url": ValidationError(message, code="no_link"),
            }
        return {}

    def resolve_url(self, value, request=None) -> str | None:
        """The button's target: the page's URL while it is live and public, else the URL
        when :func:`~wagtail_neuro.safety.safe_url` allows it (content stored past the editor
        may hold a ``javascript:`` URL)."""
        page = value.get("link_page")
        if page is not None:
            data = page_data(page, request=request)
            return data["url"] if data else None
        return safe_url(value.get("link_url"))

    api_schema = CallToActionBlockValue

    def get_api_representation(self, value, context=None):
        return {
            "heading": value.get("heading") or "",
            "text": value.get("text") or "",
            "button_label": value.get("button_label") or "",
            "url": self.resolve_url(value, request_from_context(context)),
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["url"] = self.resolve_url(value, request_from_context(parent_context))
        return context

    class Meta:
        icon = "pick"
        template = "wagtail_neuro/blocks/call_to_action.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Call to action")
        description = _(
            "A call to action: a short invitation with a CTA button link, such as booking an "
            "appointment."
        )
        preview_value = {
            "heading": "Beginning steps to normal, pain-free living",
            "text": (
                "We offer an evidenced based, non-invasive neuropathy protocol that combines the "
                "best cutting-edge treatments to help resolve and improve neuropathy."
            ),
            "button_label": "Book appointment",
            "link_page": None,
            "link_url": "https://example.com/book",
        }
