"""Preview for both kinds of site: the headless frontend when one is configured, the page's own
template otherwise (and always as a second mode)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_headless_preview.settings import headless_preview_settings

HEADLESS_PREVIEW_MODE = "headless"


class NeuroPreviewMixin(HeadlessPreviewMixin):
    """Adds a "Frontend" preview mode, first (so default) when ``WAGTAIL_HEADLESS_PREVIEW``
    names client URLs: the admin then opens the frontend with a signed preview token."""

    @property
    def preview_modes(self) -> list[tuple[str, Any]]:
        template_mode = ("", _("Page template"))
        if headless_preview_settings.CLIENT_URLS:
            return [(HEADLESS_PREVIEW_MODE, _("Frontend")), template_mode]
        return [template_mode]

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        if mode_name == HEADLESS_PREVIEW_MODE:
            return HeadlessPreviewMixin.serve_preview(self, request, mode_name)
        # Skip the headless mixin in the MRO and render with the page template, as Page does.
        return super(HeadlessPreviewMixin, self).serve_preview(request, mode_name)
