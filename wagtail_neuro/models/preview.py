"""Preview for both kinds of site: the headless frontend when one is configured, the page's own
template otherwise (and always as a second mode).

An editor must never be sent to a dead URL: "Frontend" is offered only while
``WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]`` names a URL, and a site that has no URL of its own
and no ``"default"`` falls back to the page template instead of failing with a ``KeyError``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site
from wagtail_headless_preview.models import HeadlessPreviewMixin

from ..preview import InvalidPreviewToken, page_for_preview_token

__all__ = ["HEADLESS_PREVIEW_MODE", "NeuroPreviewMixin", "client_urls", "has_client_url_for"]

HEADLESS_PREVIEW_MODE = "headless"
TEMPLATE_PREVIEW_MODE = ""


def client_urls() -> dict[str, str]:
    """The configured frontend preview URLs, read live (``override_settings`` works; the
    headless-preview settings object caches its first read)."""
    configured = getattr(settings, "WAGTAIL_HEADLESS_PREVIEW", {}) or {}
    urls = configured.get("CLIENT_URLS") or {}
    return {key: url for key, url in urls.items() if isinstance(url, str) and url.strip()}


def has_client_url_for(site: Site | None) -> bool:
    """Whether a frontend preview URL exists for ``site`` (its hostname, else ``"default"``)."""
    urls = client_urls()
    return "default" in urls or (site is not None and site.hostname in urls)


class NeuroPreviewMixin(HeadlessPreviewMixin):
    """Adds a "Frontend" preview mode, first (so default) when ``WAGTAIL_HEADLESS_PREVIEW``
    names client URLs: the admin then opens the frontend with a signed preview token."""

    @property
    def preview_modes(self) -> list[tuple[str, Any]]:
        template_mode = (TEMPLATE_PREVIEW_MODE, _("Page template"))
        if client_urls():
            return [(HEADLESS_PREVIEW_MODE, _("Frontend")), template_mode]
        return [template_mode]

    @property
    def default_preview_mode(self) -> str:
        return self.preview_modes[0][0]

    @classmethod
    def get_page_from_preview_token(cls, token: str) -> Page | None:
        """The draft stored under ``token`` when it passes :func:`~wagtail_neuro.preview.
        page_for_preview_token` (signature, age, page binding) and is a ``cls``; else ``None``.

        grapple resolves ``site { page(token:) }``, ``sites { page(token:) }`` and model query
        fields with a ``token`` argument through this classmethod, so they get the same checks
        as REST and the root ``page(token:)``. headless-preview's own version never checks the
        age and raises on a bad signature but not on an unknown token; here every refusal is
        the same ``None``.
        """
        try:
            return page_for_preview_token(token, model=cls)
        except InvalidPreviewToken:
            return None

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        if mode_name == HEADLESS_PREVIEW_MODE and has_client_url_for(
            Site.find_for_request(request)
        ):
            return HeadlessPreviewMixin.serve_preview(self, request, mode_name)
        # Skip the headless mixin in the MRO and render with the page template, as Page does.
        return super(HeadlessPreviewMixin, self).serve_preview(request, TEMPLATE_PREVIEW_MODE)

    def get_client_root_url(self, request: HttpRequest) -> str:
        """The frontend's preview URL, read live (see :func:`client_urls`)."""
        site = Site.find_for_request(request)
        urls = client_urls()
        root_url = urls.get(site.hostname) if site else None
        if root_url is None:
            root_url = urls["default"].format(SITE_ROOT_URL=site.root_url if site else "")
        configured = getattr(settings, "WAGTAIL_HEADLESS_PREVIEW", {}) or {}
        if configured.get("ENFORCE_TRAILING_SLASH", True):
            root_url = root_url.rstrip("/") + "/"
        return root_url
