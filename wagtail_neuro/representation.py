"""Turn Wagtail objects into the plain data the REST and GraphQL APIs send.

Blocks, REST serializers and GraphQL resolvers all go through these helpers, so a page link,
an image or a piece of rich text looks the same whichever way a frontend asks for it, and the
"never expose a draft or private page" rule lives in one place (:func:`page_data`). Each
function's output is declared beside it (:class:`ImageData`, :class:`PageLink`), and blocks use
those declarations in their own (see :mod:`wagtail_neuro.blocks.contract`).
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel, ConfigDict
from wagtail.models import Page
from wagtail.rich_text import RichText, expand_db_html

from wagtail_neuro.conf import neuro_settings
from wagtail_neuro.media_urls import absolute_media_url, current_request, page_url, serving
from wagtail_neuro.safety import sanitise_html
from wagtail_neuro.visibility import is_visible

__all__ = [
    "ImageData",
    "PageLink",
    "RenditionData",
    "image_data",
    "page_data",
    "rich_text_data",
    "rich_text_output",
]

logger = logging.getLogger(__name__)


class Shape(BaseModel):
    """A closed object: exactly the keys the function beside it returns."""

    model_config = ConfigDict(extra="forbid")


class RenditionData(Shape):
    url: str
    width: int
    height: int


class ImageData(Shape):
    """An image with the renditions named in ``WAGTAIL_NEURO_IMAGE_RENDITIONS``."""

    id: int
    title: str
    alt: str
    width: int
    height: int
    url: str | None
    renditions: dict[str, RenditionData]


class PageLink(Shape):
    """A link to a live, public page (``None`` stands for anything else)."""

    id: int
    title: str
    url: str | None
    type: str


def rich_text_data(value_or_html: RichText | str | None, request: Any = None) -> str:
    """Front-end HTML for rich text: internal page and document links, images and embeds
    expanded to real URLs and markup, with no ``linktype``/``embedtype`` attributes left, then
    sanitised (:func:`wagtail_neuro.safety.sanitise_html`): content stored past the editor
    loses its scripts, event handlers and ``javascript:`` links here, for templates and APIs.

    Document links and images are absolute (:mod:`wagtail_neuro.media_urls`; ``request``, or
    the one being answered, gives the origin when ``WAGTAIL_NEURO_MEDIA_BASE_URL`` is unset)."""
    if value_or_html is None:
        return ""
    source = value_or_html.source if isinstance(value_or_html, RichText) else value_or_html
    if not source:
        return ""
    with serving(request):
        return sanitise_html(expand_db_html(str(source)))


def rich_text_output(value_or_html: RichText | str | None, request: Any = None) -> str:
    """Rich text as a REST answer sends it: ``?rich_text_format=`` (else Wagtail's
    ``WAGTAILAPI_RICH_TEXT_FORMAT``) honoured for the package's fields too.

    ``html`` is :func:`rich_text_data`; ``markdown`` is that same HTML as Markdown, so links
    stay what the HTML has (absolute documents, frontend page routes, no link to a page the
    public cannot see). The storage forms ``db_html``/``db_markdown`` give ``html``/``markdown``:
    the package never sends ``linktype`` or ``wagtail://`` references, which would name pages the
    public cannot see. An unknown format is refused by the API views before this runs (400)."""
    from wagtail.api.rich_text import APIRichText

    request = current_request(request)
    raw = request.GET.get("rich_text_format") if request is not None else None
    output_format = APIRichText.resolve_format(raw)
    html = rich_text_data(value_or_html, request)
    if output_format in (APIRichText.FORMAT_MARKDOWN, APIRichText.FORMAT_DB_MARKDOWN):
        from wagtail.admin.rich_text.converters.markdown_db import MarkdownConverter

        return MarkdownConverter(None).from_database_format(html, resolved=True)
    return html


def image_data(image: Any, request: Any = None) -> dict[str, Any] | None:
    """``{"id", "title", "alt", "width", "height", "url", "renditions"}`` for an image.

    ``url`` and the renditions' URLs are absolute (:func:`~wagtail_neuro.media_urls.
    absolute_media_url`: ``WAGTAIL_NEURO_MEDIA_BASE_URL``, else ``request``'s origin or the
    origin of the request being answered).

    Renditions are the ones named in ``WAGTAIL_NEURO_IMAGE_RENDITIONS``. ``alt`` is the image's
    description (Wagtail's alt text field), falling back to its title. An image whose file is
    missing still returns its metadata, with the renditions that could not be made left out.
    """
    if image is None:
        return None
    specs = dict(neuro_settings.IMAGE_RENDITIONS or {})
    renditions: dict[str, dict[str, Any]] = {}
    if specs:
        try:
            made = image.get_renditions(*specs.values())
        except Exception:  # missing or unreadable source file: keep the metadata
            logger.warning("Could not make renditions for image %s", image.pk, exc_info=True)
            made = {}
        for name, spec in specs.items():
            rendition = made.get(spec)
            if rendition is not None:
                renditions[name] = {
                    "url": absolute_media_url(rendition.url, request),
                    "width": rendition.width,
                    "height": rendition.height,
                }
    try:
        url = absolute_media_url(image.file.url, request)
    except ValueError:  # no file attached
        url = None
    return {
        "id": image.pk,
        "title": image.title,
        "alt": getattr(image, "description", "") or image.title,
        "width": image.width,
        "height": image.height,
        "url": url,
        "renditions": renditions,
    }


def page_data(page: Page | None, request: Any = None) -> dict[str, Any] | None:
    """``{"id", "title", "url", "type"}`` for a public page, ``None`` for anything else.

    ``type`` is ``"app_label.ModelName"`` of the specific page class; ``url`` is
    :func:`~wagtail_neuro.media_urls.page_url` (relative when the page is on the request's
    site, unless ``WAGTAIL_NEURO_ABSOLUTE_PAGE_URLS``). Pass ``request`` when there is one so
    site lookups are cached on it.
    """
    if not is_visible(page):
        return None
    page_class = page.specific_class or type(page)
    return {
        "id": page.pk,
        "title": page.title,
        "url": page_url(page, request),
        "type": page_class._meta.label,
    }
