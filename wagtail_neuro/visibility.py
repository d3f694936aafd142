"""What the public may see: one definition for templates, REST, GraphQL and related lists.

A page is visible when it is live, has no view restriction on itself or an ancestor, and has
not expired. ``live`` alone is not enough: Wagtail keeps an expired page live until the
``publish_scheduled`` command runs, and ``live`` says nothing about passwords or logins.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import BaseViewRestriction, Page


def not_expired() -> Q:
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def visible_pages(queryset: QuerySet) -> QuerySet:
    """Narrow a page queryset to what an anonymous visitor may see."""
    return queryset.live().public().filter(not_expired())


def is_visible(page: Page | None) -> bool:
    """The single-page form of :func:`visible_pages`, for choosers and links."""
    if page is None or not page.live or page.expired:
        return False
    if page.expire_at is not None and page.expire_at <= timezone.now():
        return False  # expired, but the scheduled unpublish job has not run yet
    restrictions = page.get_view_restrictions().exclude(restriction_type=BaseViewRestriction.NONE)
    return not restrictions.exists()
