"""schema.org JSON-LD for pages and the clinic, from the content model.

``page_document(page)`` is the page's whole document (``@context`` and ``@graph``): its main
nodes (see :mod:`.pages`), its ``BreadcrumbList`` and the site's ``MedicalClinic`` (see
:mod:`.clinic`). Templates embed it with :func:`script_json`; REST and GraphQL return it as
``jsonld``, so headless frontends emit the same document.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from .clinic import medical_clinic
from .encoding import script_json
from .listing import carry_memo, memo_of, settings_of
from .nodes import CONTEXT, breadcrumb_list, page_url, site_of, site_url
from .pages import DocumentContext, builder_for, register

__all__ = ["page_document", "register", "script_json"]


def page_document(page: Page) -> dict[str, Any]:
    """The JSON-LD document of ``page``: ``{"@context": "https://schema.org", "@graph": […]}``."""
    page = carry_memo(page, page.specific)
    site = site_of(page)
    url = page_url(page)
    memo = memo_of(page)
    if memo is None:
        clinic = medical_clinic(site)
    else:
        settings = settings_of(site, page)
        clinic = memo.clinic(site, lambda: medical_clinic(site, settings) if settings else None)
    context = DocumentContext(url=url, site=site, clinic=clinic, extra={"site_url": site_url(site)})
    graph = [*builder_for(page)(page, context), breadcrumb_list(page, url)]
    if clinic is not None:
        graph.append(clinic)
    return {"@context": CONTEXT, "@graph": graph}
