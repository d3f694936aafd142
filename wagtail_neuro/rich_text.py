"""Rich-text handlers for what the APIs send: page links that never point at a page the public
cannot see, and document links and images with public, absolute URLs."""

from __future__ import annotations

from django.db.models import Model
from django.utils.html import escape
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .conf import neuro_settings
from .media_urls import absolute_html_media, document_url, page_url
from .visibility import visible_pages


class VisiblePageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, but a link to a draft, private or expired page renders as a
    bare ``<a>`` (the text stays, the URL goes), in templates and in both APIs alike.

    The URL is a frontend route as Wagtail gives it, or absolute with
    ``WAGTAIL_NEURO_ABSOLUTE_PAGE_URLS``."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Model | None]:
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = visible_pages(Page.objects.filter(id__in=ids)).defer_streamfields().specific()
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(id_)) for id_ in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        if not neuro_settings.ABSOLUTE_PAGE_URLS:
            return super().expand_db_attributes_many(attrs_list)
        return [
            f'<a href="{escape(page_url(page.localized) or "")}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]


class PublicDocumentLinkHandler(DocumentLinkHandler):
    """Document links through Wagtail's serve view, absolute
    (:func:`wagtail_neuro.media_urls.document_url`): a frontend on another origin would take
    ``/documents/1/x.pdf`` for one of its own routes."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return [
            f'<a href="{escape(document_url(doc))}">' if doc else "<a>"
            for doc in cls.get_many(attrs_list)
        ]


class PublicImageEmbedHandler(ImageEmbedHandler):
    """Images in rich text as their format renders them, with absolute ``src``/``srcset``
    (:func:`wagtail_neuro.media_urls.absolute_html_media`)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return [absolute_html_media(tag) for tag in super().expand_db_attributes_many(attrs_list)]
