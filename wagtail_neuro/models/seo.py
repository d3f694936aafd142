"""What a page tells search engines and social networks, beside its content.

``SearchMetadataMixin`` adds the two promote-tab fields Wagtail's ``Page`` lacks (a canonical URL
and a sharing image) and exposes the page's schema.org JSON-LD and SEO metadata as ``jsonld`` and
``seo``, so templates, REST (``api_fields``) and GraphQL (``graphql_fields``) read one source:
:mod:`wagtail_neuro.structured_data` and :mod:`wagtail_neuro.seo`.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import Page


class SearchMetadataMixin(models.Model):
    """A canonical URL and a sharing image per page, with ``jsonld`` and ``seo`` to read."""

    canonical_url = models.URLField(
        _("canonical URL"),
        blank=True,
        help_text=_(
            "Only when this content first appeared elsewhere: the address search engines should "
            "credit. Leave empty to use this page's own address."
        ),
    )
    social_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared on social networks (1200×630 works best). Leave "
            "empty to use the hero image."
        ),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("canonical_url"), FieldPanel("social_image")],
            heading=_("Sharing and canonical address"),
        ),
    ]

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request: Any = None) -> list[dict[str, Any]]:
        """Only canonical addresses belong in a sitemap: none when the content is canonical
        elsewhere."""
        if self.canonical_url and self.canonical_url != self.get_full_url(request):
            return []
        return super().get_sitemap_urls(request)

    @property
    def jsonld(self) -> dict[str, Any]:
        """The page's schema.org JSON-LD document (``@context`` and ``@graph``)."""
        from ..structured_data import page_document

        return page_document(self)

    @property
    def seo(self) -> dict[str, Any]:
        """Title, description, canonical URL, Open Graph and Twitter card values."""
        from ..seo import page_seo

        return page_seo(self)
