"""What a list of pages loads before GraphQL resolves its fields: the prefetch step REST uses
(:func:`~wagtail_neuro.api.prefetch.prefetch_pages`), then the pages and their authors grouped
for the fields resolved lazily per group (``parent``, ``relatedArticles``, ``bio``; see
:mod:`.batches`)."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from wagtail_neuro.api.prefetch import prefetch_pages

from .batches import group

__all__ = ["with_loaded"]


def with_loaded(info: Any, pages: list[Page]) -> list[Page]:
    """Prefetch ``pages`` (which came from a visible-pages query) and group them."""
    prefetch_pages(pages, visible=True)
    group(pages)
    group(getattr(page, name, None) for page in pages for name in ("author", "reviewed_by"))
    return pages
