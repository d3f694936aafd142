"""Reference citations and the numbered references list of a page."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from pydantic import Field
from wagtail import blocks

from wagtail_neuro.safety import safe_url

from ..native_dates import NativeDateBlock
from .base import NON_BLOCK, CheckedStructBlock
from .citations import doi_url, format_citation, parse_authors, pmid_url
from .contract import BlockValue
from .validators import (
    HttpURLBlock,
    normalize_doi,
    normalize_pmid,
    validate_doi,
    validate_pmid,
)

__all__ = ["ReferenceCitationBlock", "ReferencesBlock", "citation_html"]


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def citation_html(
    formatted: str, *, url: str | None, doi: str | None, doi_link: str | None
) -> SafeString:
    """Escape a formatted citation and turn its URL / DOI into links."""
    targets: dict[str, str] = {}
    if url:
        targets[url] = url
    if doi and doi_link:
        targets[f"doi:{doi}"] = doi_link
        targets[doi_link] = doi_link
    if not targets:
        return escape(formatted)
    pattern = re.compile(
        "|".join(re.escape(text) for text in sorted(targets, key=len, reverse=True))
    )
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(formatted):
        parts.append(escape(formatted[position : match.start()]))
        parts.append(format_html('<a href="{}">{}</a>', targets[match.group()], match.group()))
        position = match.end()
    parts.append(escape(formatted[position:]))
    return mark_safe("".join(parts))


class ReferenceCitationBlockValue(BlockValue):
    title: str
    url: str
    source: str
    authors: list[str]
    publication_date: str | None
    accessed_date: str | None
    doi: str | None
    pmid: str | None
    doi_url: str | None
    pmid_url: str | None
    formatted: str = Field(description="Plain text in the configured citation style.")


class ReferenceCitationBlock(CheckedStructBlock):
    """One source: a web page, journal article or book, cited in the configured style."""

    title = blocks.CharBlock(required=False, max_length=500, label=_("Title"))
    url = HttpURLBlock(
        required=False,
        label=_("URL"),
        help_text=_("The web address of the source (http:// or https://)."),
    )
    source = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Source"),
        help_text=_("The publisher, website or journal, e.g. Mayo Clinic or JAMA Neurology."),
    )
    authors = blocks.TextBlock(
        required=False,
        rows=2,
        label=_("Authors"),
        help_text=_('One author per line, or separated by commas: "Smith J, Doe A".'),
    )
    publication_date = NativeDateBlock(required=False, label=_("Publication date"))
    accessed_date = NativeDateBlock(
        required=False,
        label=_("Accessed date"),
        help_text=_("When you last checked a web page; cited for pages without a DOI."),
    )
    doi = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("DOI"),
        help_text=_("E.g. 10.1056/NEJMra1514325; a pasted https://doi.org/ link is fine."),
    )
    pmid = blocks.CharBlock(
        required=False, max_length=20, label=_("PubMed ID"), help_text=_("1 to 8 digits.")
    )

    def extra_errors(self, value):
        errors: dict[str, ValidationError] = {}
        for name, validator in (("doi", validate_doi), ("pmid", validate_pmid)):
            try:
                validator(value.get(name))
            except ValidationError as e:
                errors[name] = e
        if not any(value.get(name) for name in ("title", "url", "doi", "pmid")):
            errors[NON_BLOCK] = ValidationError(
                _(
                    "Give at least a title, a URL, a DOI or a PubMed ID so readers can find "
                    "this source."
                ),
                code="empty_reference",
            )
        return errors

    def finalize(self, value):
        value["doi"] = normalize_doi(value.get("doi"))
        value["pmid"] = normalize_pmid(value.get("pmid"))
        return value

    def reference_data(self, value) -> dict[str, Any]:
        """The citation fields as plain data (what formatters receive)."""
        doi = normalize_doi(value.get("doi"))
        pmid = normalize_pmid(value.get("pmid"))
        return {
            "title": value.get("title") or "",
            # checked again on output: content stored past the editor may hold any scheme
            "url": safe_url(value.get("url")) or "",
            "source": value.get("source") or "",
            "authors": parse_authors(value.get("authors")),
            "publication_date": _iso(value.get("publication_date")),
            "accessed_date": _iso(value.get("accessed_date")),
            "doi": doi,
            "pmid": pmid,
            "doi_url": doi_url(doi),
            "pmid_url": pmid_url(pmid),
        }

    api_schema = ReferenceCitationBlockValue

    def get_api_representation(self, value, context=None):
        data = self.reference_data(value)
        data["formatted"] = format_citation(data)
        return data

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        data = self.get_api_representation(value)
        context["reference"] = data
        context["citation_html"] = citation_html(
            data["formatted"], url=data["url"], doi=data["doi"], doi_link=data["doi_url"]
        )
        return context

    class Meta:
        icon = "link"
        template = "wagtail_neuro/blocks/reference_citation.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("Citation")
        description = _(
            "A reference: cite a journal article, book or web page by its link, DOI or PubMed "
            "ID, formatted in the site's citation style (AMA by default)."
        )
        preview_value = {
            "title": "Peripheral neuropathy: Symptoms and causes",
            "url": "https://www.mayoclinic.org/diseases-conditions/neuropathy/symptoms-causes/syc-20350105",
            "source": "Mayo Clinic",
            "authors": "",
            "publication_date": None,
            "accessed_date": None,
            "doi": "",
            "pmid": "",
        }


class ReferencesBlock(blocks.StreamBlock):
    """The numbered references of a page; ``id="ref-N"`` anchors let body text cite them."""

    citation = ReferenceCitationBlock()

    #: Each item also carries its number (see :func:`~wagtail_neuro.blocks.contract.item_fields`).
    api_item_fields = {"number": (int, Field(description="1-based position in the list."))}

    def get_api_representation(self, value, context=None):
        if value is None:
            return []
        return [
            {
                "type": child.block.name,
                "id": child.id,
                "number": number,
                "value": child.block.get_api_representation(child.value, context=context),
            }
            for number, child in enumerate(value, start=1)
        ]

    class Meta:
        icon = "list-ol"
        template = "wagtail_neuro/blocks/references.html"
        preview_template = "wagtail_neuro/blocks/preview.html"
        label = _("References")
        description = _("The numbered list of sources cited on the page.")
        graphql_name = "ReferenceBlock"  # the GraphQL union of a references stream's blocks
        preview_value = [
            (
                "citation",
                {
                    "url": "https://www.mayoclinic.org/diseases-conditions/neuropathy/symptoms-causes/syc-20350105",
                },
            ),
            (
                "citation",
                {
                    "url": "https://www.ninds.nih.gov/Disorders/All-Disorders/Neuropathy-Information-Page"
                },
            ),
        ]
