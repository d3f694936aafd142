"""``{% seo_head page %}``: a page's description, canonical link, Open Graph, Twitter card and
JSON-LD, for the ``<head>`` of the package's base template (and any site's own).

The JSON-LD script is escaped by :func:`wagtail_neuro.structured_data.script_json` (no ``</``
can appear in it) and carries the request's CSP nonce when django-csp has set one.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Page

from ..seo import page_seo
from ..structured_data import page_document, script_json

register = template.Library()


@register.inclusion_tag("wagtail_neuro/includes/seo_head.html", takes_context=True)
def seo_head(context: template.Context, page: Page | None = None) -> dict[str, Any]:
    page = page or context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or page.pk is None:
        return {"seo": None}
    return {
        "seo": page_seo(page),
        "jsonld": mark_safe(script_json(page_document(page))),  # escaped for <script>
        "csp_nonce": csp_nonce(request),
    }


def csp_nonce(request: Any) -> str | None:
    """The request's django-csp nonce, read now: django-csp's lazy nonce is falsy until it is
    first read (so ``{% if nonce %}`` alone never adds it) and is put in the header only then."""
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else None
