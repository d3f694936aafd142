"""Validators and normalisers for reference identifiers and links.

Plain functions so forms, blocks and API writes share one definition. Each error message says
what to type instead, because editors paste identifiers from many places (doi.org links,
PubMed pages, reference managers).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.compat import URLField  # assumes https:// as Django 6 will, without a warning

__all__ = [
    "DOI_RE",
    "PMID_RE",
    "HttpURLBlock",
    "normalize_doi",
    "normalize_pmid",
    "validate_doi",
    "validate_http_url",
    "validate_pmid",
]

# "10." + registrant code (4-9 digits, optionally with dotted sub-codes) + "/" + a suffix with
# no whitespace. DOI suffixes may contain almost any printable character, so only whitespace
# is refused.
DOI_RE = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")
PMID_RE = re.compile(r"^\d{1,8}$")

# Prefixes people paste in front of a DOI: resolver links (with or without scheme, old
# dx.doi.org host) and the "doi:" scheme. Matched case-insensitively, repeatedly.
_DOI_PREFIX_RE = re.compile(
    r"^(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:\s*)",
    re.IGNORECASE,
)
_PMID_PREFIX_RE = re.compile(r"^pmid:?\s*", re.IGNORECASE)


def normalize_doi(value: str | None) -> str:
    """Return the bare DOI (``10.1234/abc``) for a pasted DOI, resolver link or ``doi:`` form.

    The suffix keeps its case: DOIs are case-insensitive but publishers print them in a
    particular case and readers compare by eye. Returns ``""`` for empty input; does not
    validate (see :func:`validate_doi`).
    """
    doi = (value or "").strip()
    previous = None
    while doi != previous:
        previous = doi
        doi = _DOI_PREFIX_RE.sub("", doi, count=1).strip()
    if "%" in doi and doi.startswith("10."):
        # resolver links are often percent-encoded (10.1000%2F182)
        doi = unquote(doi)
    return doi


def validate_doi(value: str | None) -> None:
    if not value:
        return
    if not DOI_RE.match(normalize_doi(value)):
        raise ValidationError(
            _(
                "Enter a DOI such as 10.1056/NEJMra1514325 (starting with “10.” and a slash "
                "after the number); a https://doi.org/ link or a “doi:” prefix is fine too."
            ),
            code="invalid_doi",
        )


def normalize_pmid(value: str | None) -> str:
    """Return the bare PubMed ID for ``"12345678"``, ``"PMID: 12345678"`` and the like."""
    return _PMID_PREFIX_RE.sub("", (value or "").strip()).strip()


def validate_pmid(value: str | None) -> None:
    if not value:
        return
    if not PMID_RE.match(normalize_pmid(value)):
        raise ValidationError(
            _("Enter a PubMed ID of 1 to 8 digits, such as 31483436 (no letters or spaces)."),
            code="invalid_pmid",
        )


def validate_http_url(value: str | None) -> None:
    """Refuse anything but absolute ``http``/``https`` links (no ``javascript:``, ``mailto:``,
    ``ftp:``): reference and button links are rendered as ``href``\\s on public pages."""
    if not value:
        return
    try:
        parts = urlsplit(str(value).strip())
        valid = parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
        valid = valid and parts.hostname is not None  # parses the host: "http://[::1" raises
        if valid:
            WEB_URL(str(value).strip())  # a well-formed host and path, as URLField checks
    except (ValueError, ValidationError):  # e.g. an unclosed IPv6 bracket, "http://not a url"
        valid = False
    if not valid:
        raise ValidationError(
            _(
                "Enter a web address starting with http:// or https:// (for example https://www.ninds.nih.gov/)."
            ),
            code="invalid_scheme",
        )


WEB_URL = URLValidator(schemes=("http", "https"))


class HttpURLField(URLField):
    """``URLField`` whose only check is :func:`validate_http_url`: one rule, one message (the
    stock field adds its own "Enter a valid URL." before ours)."""

    default_validators = [validate_http_url]


class HttpURLBlock(blocks.URLBlock):
    """A ``URLBlock`` for public links (http and https only) with a single error message."""

    def __init__(self, required=True, help_text=None, max_length=None, min_length=None, **kwargs):
        validators = [v for v in kwargs.pop("validators", ()) if v is not validate_http_url]
        super().__init__(required, help_text, max_length, min_length, validators, **kwargs)
        self.field = HttpURLField(
            required=required,
            help_text=help_text,
            max_length=max_length,
            min_length=min_length,
            validators=validators,
        )
