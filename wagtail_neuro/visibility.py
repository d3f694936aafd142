"""What the public may see: one definition for templates, REST, GraphQL and related lists.

A page is visible when it is live, has no view restriction on itself or an ancestor, and has
not expired. ``live`` alone is not enough: Wagtail keeps an expired page live until the
``publish_scheduled`` command runs, and ``live`` says nothing about passwords or logins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.utils import timezone
from taggit.models import GenericTaggedItemBase, ItemBase, Tag
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction


def not_expired() -> Q:
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def restricted() -> Exists:
    """True for a page with a view restriction on itself or an ancestor.

    One correlated subquery (a restriction's page path is a prefix of the page's path), where
    Wagtail's ``PageQuerySet.public()`` first loads every restriction and then ORs one clause
    per restriction into the query: that costs a query each time a queryset is built.
    """
    return Exists(
        PageViewRestriction.objects.exclude(restriction_type=BaseViewRestriction.NONE).filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def visible_pages(queryset: QuerySet) -> QuerySet:
    """Narrow a page queryset to what an anonymous visitor may see."""
    return queryset.live().filter(not_expired()).exclude(restricted())


#: Where :func:`prime_visibility` leaves its answer on a page instance.
VISIBLE_ATTR = "_neuro_is_visible"


def prime_visibility(pages: Iterable[Page | None]) -> None:
    """Answer :func:`is_visible` for many pages at once (one query, however many pages).

    Listings call this on every page their blocks link to, so a page of 20 articles that each
    link to five conditions does not cost two queries per link. The answer is kept on each
    instance, which lives as long as the request that loaded it.
    """
    by_pk: dict[int, list[Page]] = defaultdict(list)
    for page in pages:
        if page is not None and page.pk is not None and not hasattr(page, VISIBLE_ATTR):
            by_pk[page.pk].append(page)
    if not by_pk:
        return
    visible = set(visible_pages(Page.objects.filter(pk__in=by_pk)).values_list("pk", flat=True))
    for pk, instances in by_pk.items():
        for page in instances:
            setattr(page, VISIBLE_ATTR, pk in visible)


def mark_visible(pages: Iterable[Page | None]) -> None:
    """Record pages already known to be visible (they came from a :func:`visible_pages`
    query), so checks on them cost nothing."""
    for page in pages:
        if page is not None:
            setattr(page, VISIBLE_ATTR, True)


def visible_ids(pages: Iterable[Page | None]) -> set[int]:
    """The pks among ``pages`` an anonymous visitor may see: one query for those not known yet
    (see :func:`prime_visibility`), none for the rest."""
    pages = [page for page in pages if page is not None and page.pk is not None]
    prime_visibility(pages)
    return {page.pk for page in pages if getattr(page, VISIBLE_ATTR)}


def is_visible(page: Page | None) -> bool:
    """The single-page form of :func:`visible_pages`, for choosers and links."""
    if page is not None and hasattr(page, VISIBLE_ATTR):
        return getattr(page, VISIBLE_ATTR)
    if page is None or not page.live or page.expired:
        return False
    if page.expire_at is not None and page.expire_at <= timezone.now():
        return False  # expired, but the scheduled unpublish job has not run yet
    restrictions = page.get_view_restrictions().exclude(restriction_type=BaseViewRestriction.NONE)
    return not restrictions.exists()


def published(queryset: QuerySet) -> QuerySet:
    """Narrow a queryset of snippets with drafts (``DraftStateMixin``) to what is published:
    live and not expired (the scheduled unpublish job may not have run yet)."""
    return queryset.filter(live=True).filter(not_expired())


def is_published(obj: object | None) -> bool:
    """The single-object form of :func:`published`; objects without drafts always are."""
    if obj is None:
        return False
    if not hasattr(obj, "live"):
        return True
    expire_at = getattr(obj, "expire_at", None)
    return bool(obj.live) and (expire_at is None or expire_at > timezone.now())


def visible_tags() -> QuerySet:
    """Tags used by at least one visible page, through any taggit through-model: a tag that only
    a draft uses would announce an unpublished article (GraphQL ``tags``, the HTML index)."""
    used = Q(pk__in=[])
    for model in apps.get_models():
        if not issubclass(model, ItemBase) or model._meta.get_field("tag").related_model is not Tag:
            continue
        if issubclass(model, GenericTaggedItemBase):  # taggit's TaggedItem: any model, int ids
            pages = visible_pages(Page.objects.all())
            items = model._default_manager.filter(
                object_id__in=pages.values("pk"), content_type__in=pages.values("content_type")
            )
        else:
            target = model._meta.get_field("content_object").related_model
            if not issubclass(target, Page):
                continue
            items = model._default_manager.filter(
                content_object__in=visible_pages(target._default_manager.all())
            )
        used |= Q(pk__in=items.values("tag_id"))
    return Tag.objects.filter(used)
