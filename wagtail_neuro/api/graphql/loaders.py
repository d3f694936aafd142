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

__all__ = ["is_live_object", "is_preview", "visible_page_ids"]

#: A page built from a checked preview token (the mark :mod:`wagtail_neuro.preview` puts on it,
#: for the root ``page(token:)`` and grapple's ``site.page``/``sites.page`` alike) is the draft on
#: purpose: the visibility guard lets it through.
is_preview = is_preview_page


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
