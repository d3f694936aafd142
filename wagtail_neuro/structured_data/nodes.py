"""schema.org nodes shared by every document: people, images, citations, breadcrumbs.

Every builder returns plain dicts (JSON-ready) and leaves out empty values, so a node never
claims a property it has no data for.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from wagtail.models import Page, Site

from ..blocks.references import ReferenceCitationBlock
from ..media_urls import full_media_url
from . import listing

logger = logging.getLogger(__name__)

CONTEXT = "https://schema.org"
#: The rendition used for ``image`` properties: Google asks for at least 1200 px wide images.
IMAGE_FILTER = "width-1200"


def compact(node: dict[str, Any]) -> dict[str, Any]:
    """``node`` without empty values (``None``, ``""``, ``[]``, ``{}``); ``False`` stays."""
    return {key: value for key, value in node.items() if value not in (None, "", [], {})}


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def site_of(page: Page) -> Site | None:
    """The page's site, read from its listing's memo when a listing primed it."""
    return listing.site_of(page)


def site_url(site: Site | None) -> str:
    """The site's root URL with a trailing slash, the base of its nodes' ``@id``s."""
    return site.root_url.rstrip("/") + "/" if site else "/"


def page_url(page: Page) -> str | None:
    return page.get_full_url()


def node_id(url: str | None, fragment: str) -> str | None:
    """A stable ``@id`` for a node described on the page at ``url`` (``…/#condition``)."""
    return f"{url}#{fragment}" if url else None


def reference(node: dict[str, Any] | None) -> dict[str, str] | None:
    """A pointer to a node of the same graph: ``{"@id": …}``."""
    if not node or "@id" not in node:
        return None
    return {"@id": node["@id"]}


def image_url(image: Any) -> str | None:
    """The absolute URL of the image's sharing rendition; ``None`` when it cannot be made."""
    if image is None:
        return None
    try:
        return full_media_url(image.get_rendition(IMAGE_FILTER).url)
    except Exception:  # a missing or unreadable file must not break the page
        logger.warning("No %s rendition for image %s", IMAGE_FILTER, image.pk, exc_info=True)
        return None


def image_object(image: Any) -> dict[str, Any] | None:
    url = image_url(image)
    if url is None:
        return None
    return compact(
        {
            "@type": "ImageObject",
            "url": url,
            "caption": getattr(image, "description", "") or image.title,
        }
    )


def person(author: Any) -> dict[str, Any] | None:
    """An ``Author`` snippet as a ``Person``: name, role as ``jobTitle``, credentials."""
    if author is None:
        return None
    return compact(
        {
            "@type": "Person",
            "name": author.name,
            "jobTitle": author.role,
            "honorificSuffix": author.credentials,
            "image": image_url(author.photo),
        }
    )


def reference_blocks(stream: Any) -> Iterator[dict[str, Any]]:
    """The citation fields of each reference in a ``references`` StreamField."""
    for child in stream or ():
        if isinstance(child.block, ReferenceCitationBlock):
            yield child.block.reference_data(child.value)


def citation(data: dict[str, Any]) -> dict[str, Any]:
    """One reference as a ``ScholarlyArticle`` (with a DOI or PubMed ID) or ``CreativeWork``.

    The DOI and PubMed links are ``sameAs``: they name the same work as ``url``."""
    scholarly = bool(data["doi"] or data["pmid"])
    name = data["title"] or data["source"] or data["url"]
    return compact(
        {
            "@type": "ScholarlyArticle" if scholarly else "CreativeWork",
            "name": name,
            "url": data["url"] or data["doi_url"],
            "publisher": compact({"@type": "Organization", "name": data["source"]})
            if data["source"]
            else None,
            "author": [{"@type": "Person", "name": name} for name in data["authors"]],
            "datePublished": data["publication_date"],
            "sameAs": [link for link in (data["doi_url"], data["pmid_url"]) if link],
        }
    )


def citations(stream: Any) -> list[dict[str, Any]]:
    return [citation(data) for data in reference_blocks(stream)]


def breadcrumb_trail(page: Page) -> list[Page]:
    """The site's root page down to ``page``: the pages a visitor sees as breadcrumbs."""
    site = site_of(page)
    min_depth = site.root_page.depth if site is not None else 2
    primed = listing.ancestors_of(page)
    if primed is not None:
        trail = [crumb for crumb in primed if crumb.depth >= min_depth]
    else:
        ancestors = page.get_ancestors(inclusive=True).live().public().specific()
        trail = list(ancestors.filter(depth__gte=min_depth))
    if not trail or trail[-1].pk != page.pk:  # a draft or private page still ends the trail
        trail.append(page)
    return trail


def breadcrumb_list(page: Page, url: str | None) -> dict[str, Any]:
    return compact(
        {
            "@type": "BreadcrumbList",
            "@id": node_id(url, "breadcrumb"),
            "itemListElement": [
                compact(
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": crumb.title,
                        "item": crumb.get_full_url(),
                    }
                )
                for position, crumb in enumerate(breadcrumb_trail(page), start=1)
            ],
        }
    )


def tag_names(page: Page) -> list[str]:
    """The page's tags A–Z, case aside: the database returns them in no set order, and a
    listing (prefetched) and a page read alone must say the same."""
    return sorted((tag.name for tag in page.tags.all()), key=str.casefold)


def category_names(page: Page) -> list[str]:
    """The page's categories A–Z, case aside, as :func:`tag_names`: ``Category``'s own
    ordering is the database's collation (``Zebra`` before ``apple`` in SQLite, after it in
    most PostgreSQL locales), and a page built from a revision (previews) lists them in the
    order the editor ticked them."""
    return sorted((category.name for category in page.categories.all()), key=str.casefold)


def names(items: Iterable[Any], attribute: str = "name") -> list[str]:
    return [getattr(item, attribute) for item in items]
