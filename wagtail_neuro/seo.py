"""Search and sharing metadata of a page: title, description, canonical URL, Open Graph and
Twitter card tags, with fallbacks so every page has them without extra editing.

Fallbacks: the SEO title falls back to the title; the description to the search description,
then the summary; the canonical URL to the page's own full URL; the sharing image to the hero
image, then the clinic's logo. Templates render :func:`page_seo` as ``<meta>`` tags and the
REST and GraphQL feeds return it as ``seo``, so a headless frontend writes the same tags.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel, ConfigDict
from wagtail.models import Page

from .media_urls import full_media_url
from .safety import safe_url

logger = logging.getLogger(__name__)

#: The sharing rendition: 1200×630 is what Facebook, LinkedIn and X crop to.
SHARING_IMAGE_FILTER = "fill-1200x630"


class SeoImage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str
    width: int
    height: int
    alt: str


class MetaTag(BaseModel):
    """One ``<meta>`` tag: ``<meta property|name="{key}" content="{content}">``."""

    model_config = ConfigDict(extra="forbid")
    key: str
    content: str


class SeoData(BaseModel):
    """What the REST feeds send as ``seo``."""

    model_config = ConfigDict(extra="forbid")
    title: str
    description: str
    canonical_url: str | None
    image: SeoImage | None
    open_graph: list[MetaTag]
    twitter: list[MetaTag]


def sharing_image(page: Page) -> Any:
    """The image shown when the page is shared: its own, its hero image, or the clinic logo."""
    for name in ("social_image", "hero_image"):
        image = getattr(page, name, None)
        if image is not None:
            return image
    from .structured_data.listing import settings_of, site_of

    settings = settings_of(site_of(page), page)
    return settings.logo if settings is not None else None


def image_data(image: Any) -> dict[str, Any] | None:
    if image is None:
        return None
    try:
        rendition = image.get_rendition(SHARING_IMAGE_FILTER)
    except Exception:  # a missing file must not break the page
        logger.warning("No sharing rendition for image %s", image.pk, exc_info=True)
        return None
    return {
        "url": full_media_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(image, "description", "") or image.title,
    }


def site_name(page: Page) -> str:
    from .structured_data.listing import settings_of, site_of

    site = site_of(page)
    settings = settings_of(site, page)
    if settings is not None and settings.name:
        return settings.name
    return site.site_name if site is not None else ""


def _tags(pairs: list[tuple[str, Any]]) -> list[dict[str, str]]:
    return [{"key": key, "content": str(value)} for key, value in pairs if value not in (None, "")]


def page_seo(page: Page) -> dict[str, Any]:
    """:class:`SeoData` of ``page`` as plain data."""
    from .structured_data.listing import carry_memo
    from .structured_data.nodes import category_names, tag_names

    page = carry_memo(page, page.specific)
    title = page.seo_title or page.title
    description = page.search_description or getattr(page, "summary", "") or ""
    own_url = page.get_full_url()
    # the one URL rule on output: a canonical URL stored past the editor may be anything
    canonical = safe_url(getattr(page, "canonical_url", "")) or own_url
    image = image_data(sharing_image(page))
    is_article = hasattr(page, "date") and hasattr(page, "author")
    open_graph: list[tuple[str, Any]] = [
        ("og:type", "article" if is_article else "website"),
        ("og:title", title),
        ("og:description", description),
        ("og:url", canonical),
        ("og:site_name", site_name(page)),
        ("og:locale", page.locale.language_code.replace("-", "_") if page.locale_id else None),
    ]
    if image:
        open_graph += [
            ("og:image", image["url"]),
            ("og:image:width", image["width"]),
            ("og:image:height", image["height"]),
            ("og:image:alt", image["alt"]),
        ]
    if is_article:
        open_graph += [
            ("article:published_time", page.date.isoformat() if page.date else None),
            (
                "article:modified_time",
                page.last_published_at.isoformat() if page.last_published_at else None,
            ),
            ("article:author", page.author.name if page.author else None),
            *(("article:section", name) for name in category_names(page)),
            *(("article:tag", name) for name in tag_names(page)),
        ]
    twitter: list[tuple[str, Any]] = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
    ]
    if image:
        twitter += [("twitter:image", image["url"]), ("twitter:image:alt", image["alt"])]
    return {
        "title": title,
        "description": description,
        "canonical_url": canonical,
        "image": image,
        "open_graph": _tags(open_graph),
        "twitter": _tags(twitter),
    }
