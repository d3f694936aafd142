"""What a list of pages loads before GraphQL resolves its fields: each page's stored
representation where it has one (:func:`wagtail_neuro.fragments.attach`), the prefetch step REST
uses (:func:`~wagtail_neuro.api.prefetch.prefetch_pages`, converting only the StreamFields no
fragment holds), then the pages and their authors grouped for the fields resolved lazily per
group (``parent``, ``relatedArticles``, ``bio``, converted blocks; see :mod:`.batches`)."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from wagtail_neuro import fragments
from wagtail_neuro.api.prefetch import prefetch_pages

from .batches import group
from .loaders import is_preview

__all__ = ["with_loaded"]


def with_loaded(info: Any, pages: list[Page]) -> list[Page]:
    """Prefetch ``pages`` (which came from a visible-pages query) and group them."""
    live = [page for page in pages if page is not None and not is_preview(page)]
    stored = {id(page) for page in fragments.attach(info.context, live)}
    prefetch_pages([page for page in pages if id(page) in stored], visible=True, streams=False)
    prefetch_pages([page for page in pages if id(page) not in stored], visible=True)
    group(pages)
    group(getattr(page, name, None) for page in pages for name in ("author", "reviewed_by"))
    return pages
