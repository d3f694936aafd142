"""What GraphQL adds to the visibility rule: pages built from a preview token pass.

Visibility itself is :mod:`wagtail_neuro.visibility`'s, answered from the marks
:func:`~wagtail_neuro.api.prefetch.prefetch_pages` leaves on the instances a list loaded (the same
step REST uses), so a list of N pages costs the same queries as one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wagtail.models import DraftStateMixin, Page

from wagtail_neuro.preview import is_preview_page
from wagtail_neuro.visibility import is_published, visible_ids

__all__ = ["allow_preview", "is_live_object", "is_preview", "visible_page_ids"]

PREVIEW_FLAG = "_neuro_graphql_preview"


def allow_preview(page: Page) -> Page:
    """Mark a page built from a preview token: the visibility guard lets it through."""
    setattr(page, PREVIEW_FLAG, True)
    return page


def is_preview(obj: Any) -> bool:
    # pages from grapple's own token routes (site.page, sites.page) carry the mark
    # wagtail_neuro.preview puts on every page it builds from a checked token
    return getattr(obj, PREVIEW_FLAG, False) or is_preview_page(obj)


def visible_page_ids(info: Any, pages: Iterable[Page | None]) -> set[int]:
    """The pks among ``pages`` an anonymous visitor may see (``info`` is unused: the answer is
    kept on the page instances, which live as long as the request)."""
    return visible_ids(pages)


def is_live_object(obj: Any) -> bool:
    """:func:`~wagtail_neuro.visibility.is_published`, except for an object built from a
    preview token (it is the draft on purpose); objects without drafts always pass."""
    if not isinstance(obj, DraftStateMixin) or is_preview(obj):
        return True
    return is_published(obj)
