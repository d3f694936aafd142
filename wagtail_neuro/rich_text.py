"""Rich-text page links that never point at a page the public cannot see."""

from __future__ import annotations

from django.db.models import Model
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .visibility import visible_pages


class VisiblePageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, but a link to a draft, private or expired page renders as a
    bare ``<a>`` (the text stays, the URL goes), in templates and in both APIs alike."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Model | None]:
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = visible_pages(Page.objects.filter(id__in=ids)).defer_streamfields().specific()
        by_id = {str(page.id): page for page in pages}
        return [by_id.get(str(id_)) for id_ in ids]
