"""Citation formatters: plain functions from a reference dict to plain text.

The dict is the API representation of a :class:`~wagtail_neuro.blocks.ReferenceCitationBlock`
(without ``formatted``): ``title``, ``url``, ``source``, ``authors`` (a list of names such as
``"Smith J"``, or the raw text), ``publication_date`` and ``accessed_date`` (ISO strings,
``date`` objects or ``None``), ``doi`` and ``pmid``. Missing parts are left out along with
their punctuation. A project can plug in its own style with
``WAGTAIL_NEURO_CITATION_STYLE = "myproject.citations.vancouver"``: any callable taking that
dict and returning a string.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from wagtail_neuro.hours import MONTH_NAMES

from .validators import normalize_doi, normalize_pmid

__all__ = [
    "BUILTIN_STYLES",
    "doi_url",
    "format_ama",
    "format_apa",
    "format_citation",
    "get_citation_formatter",
    "parse_authors",
    "pmid_url",
]

# Citation styles are written in English whatever the site language, so the month names are the
# fixed English ones the hours engine uses too, not the locale's.
MONTHS = MONTH_NAMES

Reference = Mapping[str, Any]


def parse_authors(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """Split the authors field into names: one per line, or separated by commas/semicolons."""
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [str(name).strip() for name in value if str(name).strip()]
    return [name.strip() for name in re.split(r"[\n\r;,]+", value) if name.strip()]


def doi_url(doi: str | None) -> str | None:
    doi = normalize_doi(doi)
    return f"https://doi.org/{doi}" if doi else None


def pmid_url(pmid: str | None) -> str | None:
    pmid = normalize_pmid(pmid)
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else None


def _as_date(value: Any) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _long_date(value: datetime.date) -> str:
    return f"{MONTHS[value.month - 1]} {value.day}, {value.year}"


def _sentence(text: str) -> str:
    """End a citation element with a period unless it already ends with punctuation."""
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in ".?!" else f"{text}."


def _join(elements: list[str]) -> str:
    return " ".join(element for element in elements if element)


def _text(ref: Reference, key: str) -> str:
    return str(ref.get(key) or "").strip()


def _link_only(ref: Reference, doi_format: Callable[[str], str]) -> str | None:
    """A reference with nothing descriptive formats as its link (or bare identifier)."""
    if _text(ref, "title") or _text(ref, "source") or parse_authors(ref.get("authors")):
        return None
    doi = normalize_doi(ref.get("doi"))
    pmid = normalize_pmid(ref.get("pmid"))
    if doi:
        return doi_format(doi)
    return _text(ref, "url") or (f"PMID: {pmid}" if pmid else "")


def _ama_doi(doi: str) -> str:
    return f"doi:{doi}"


def _apa_doi(doi: str) -> str:
    return f"https://doi.org/{doi}"


def format_ama(ref: Reference) -> str:
    """AMA Manual of Style, 11th edition (journal articles and websites).

    ``Smith J, Doe A. Title. Source. Published August 19, 2024. Accessed May 1, 2025. doi:…``
    Up to six authors are listed; more become the first three and "et al". A DOI replaces the
    URL, as AMA asks; a PubMed ID is given only when there is neither.
    """
    link_only = _link_only(ref, _ama_doi)
    if link_only is not None:
        return link_only

    authors = parse_authors(ref.get("authors"))
    if len(authors) > 6:
        authors = [*authors[:3], "et al"]
    published = _as_date(ref.get("publication_date"))
    accessed = _as_date(ref.get("accessed_date"))
    doi = normalize_doi(ref.get("doi"))
    pmid = normalize_pmid(ref.get("pmid"))
    url = _text(ref, "url")

    if doi:
        locator = _ama_doi(doi)
    elif url:
        locator = url
    elif pmid:
        locator = f"PMID: {pmid}"
    else:
        locator = ""

    return _join(
        [
            _sentence(", ".join(authors)),
            _sentence(_text(ref, "title")),
            _sentence(_text(ref, "source")),
            f"Published {_long_date(published)}." if published else "",
            # the access date only matters when the reader is sent to a web page
            f"Accessed {_long_date(accessed)}." if accessed and url and not doi else "",
            locator,
        ]
    )


_INITIALS_RE = re.compile(r"^(?P<surname>.+?)\s+(?P<initials>[A-Z]{1,4})$")


def _apa_author(name: str) -> str:
    """``"Smith JA"`` (AMA/Vancouver order) becomes ``"Smith, J. A."``; other names
    (organisations, already-APA names) are kept as typed."""
    match = _INITIALS_RE.match(name.strip())
    if not match:
        return name.strip()
    initials = " ".join(f"{letter}." for letter in match["initials"])
    return f"{match['surname']}, {initials}"


def _apa_authors(authors: list[str]) -> str:
    names = [_apa_author(name) for name in authors]
    if len(names) == 1:
        return names[0]
    if len(names) > 20:
        # APA 7: the first 19, an ellipsis, then the last author
        return ", ".join(names[:19]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def format_apa(ref: Reference) -> str:
    """APA 7th edition.

    ``Smith, J., & Doe, A. (2024, August 19). Title. Source. https://doi.org/…``
    Without authors the title moves to the front; without a date, "(n.d.)". For undated web
    pages with an access date, "Retrieved Month D, YYYY, from URL" as APA asks for pages that
    change over time.
    """
    link_only = _link_only(ref, _apa_doi)
    if link_only is not None:
        return link_only

    authors = parse_authors(ref.get("authors"))
    title = _text(ref, "title")
    source = _text(ref, "source")
    published = _as_date(ref.get("publication_date"))
    accessed = _as_date(ref.get("accessed_date"))
    doi = normalize_doi(ref.get("doi"))
    pmid = normalize_pmid(ref.get("pmid"))
    url = _text(ref, "url")

    if published:
        date = f"({published.year}, {MONTHS[published.month - 1]} {published.day})."
    else:
        date = "(n.d.)."

    if doi:
        locator = _apa_doi(doi)
    elif url and accessed and not published:
        locator = f"Retrieved {_long_date(accessed)}, from {url}"
    elif url:
        locator = url
    elif pmid:
        locator = f"PMID: {pmid}"
    else:
        locator = ""

    if authors:
        head = [_sentence(_apa_authors(authors)), date, _sentence(title)]
    elif title:
        head = [_sentence(title), date]
    else:
        # neither authors nor title: the source (a website or journal) leads
        head = [_sentence(source), date]
        source = ""
    # the site name is dropped when it is also the author, as APA asks
    if source and authors and source in authors:
        source = ""

    return _join([*head, _sentence(source), locator])


BUILTIN_STYLES: dict[str, Callable[[Reference], str]] = {"ama": format_ama, "apa": format_apa}


def get_citation_formatter(style: str | None = None) -> Callable[[Reference], str]:
    """Return the formatter for ``style`` (default: ``WAGTAIL_NEURO_CITATION_STYLE``)."""
    if style is None:
        from wagtail_neuro.conf import neuro_settings

        style = neuro_settings.CITATION_STYLE
    style = (style or "ama").strip()
    if style.lower() in BUILTIN_STYLES:
        return BUILTIN_STYLES[style.lower()]
    try:
        formatter = import_string(style)
    except ImportError as e:
        raise ImproperlyConfigured(
            f"WAGTAIL_NEURO_CITATION_STYLE is {style!r}: use 'ama', 'apa' or the dotted path "
            "of a callable taking a reference dict and returning a string."
        ) from e
    if not callable(formatter):
        raise ImproperlyConfigured(
            f"WAGTAIL_NEURO_CITATION_STYLE {style!r} does not point to a callable."
        )
    return formatter


def format_citation(ref: Reference, style: str | None = None) -> str:
    return str(get_citation_formatter(style)(ref))
