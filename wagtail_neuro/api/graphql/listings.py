"""What a list of pages loads, in one place for the ``articles``/``conditions`` queries and
grapple's ``pages`` (whose fields are the same, so a listing costs the same queries whichever
query asked for it): the joins and prefetches of :data:`RELATIONS`, then :func:`with_loaded`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet, prefetch_related_objects
from wagtail.models import Page

from wagtail_neuro.models import ArticlePage, ConditionPage
from wagtail_neuro.visibility import visible_pages

from .batches import group
from .loaders import prime_pages

__all__ = ["articles_queryset", "conditions_queryset", "prefetch_listed", "with_loaded"]

#: model → (foreign keys to join, relations to prefetch)
RELATIONS: dict[type[Page], tuple[tuple[str, ...], tuple[str, ...]]] = {
    ArticlePage: (
        ("author", "author__photo", "reviewed_by", "hero_image"),
        ("tagged_items__tag", "categories"),
    ),
    ConditionPage: (("reviewed_by", "hero_image"), ("also_known_as", "icd10_codes")),
}


def listing_queryset(model: type[Page]) -> QuerySet:
    joins, prefetches = RELATIONS[model]
    return visible_pages(model.objects.all()).select_related(*joins).prefetch_related(*prefetches)


def articles_queryset() -> QuerySet:
    return listing_queryset(ArticlePage)


def conditions_queryset() -> QuerySet:
    return listing_queryset(ConditionPage)


def prefetch_listed(pages: list[Page]) -> list[Page]:
    """The same relations for pages loaded without them (grapple's ``pages`` loads them with
    ``.specific()``): a few queries per page type, however many pages."""
    for model, (joins, prefetches) in RELATIONS.items():
        members = [page for page in pages if isinstance(page, model)]
        if members:
            prefetch_related_objects(members, *joins, *prefetches)
    return pages


def with_loaded(info: Any, pages: list[Page]) -> list[Page]:
    """Batch the work the returned pages' fields will do: :func:`~.loaders.prime_pages` with the
    hero images and authors' photos a listing shows, and the pages, and their authors, grouped
    for the fields resolved lazily per group (``parent``, ``relatedArticles``, ``bio``)."""
    authors = [getattr(page, name, None) for page in pages for name in ("author", "reviewed_by")]
    images = [getattr(page, "hero_image", None) for page in pages]
    images += [getattr(getattr(page, "author", None), "photo", None) for page in pages]
    group(pages)
    group(authors)
    return prime_pages(info, pages, images=[image for image in images if image is not None])
