"""graphene middleware that closes grapple 0.31's gaps for every field, whoever declared it.

* :class:`VisibilityMiddleware` drops pages that are not live, public and unexpired, and
  snippets that are drafts or expired, from any field's result (grapple's ``page``, ``pages``,
  ``search``, ``parent``, PageChooser blocks, an agency's own fields …). A page built from a
  preview token is let through.
* :class:`OrderMiddleware` refuses an ``order`` argument naming anything but the fields in
  ``WAGTAIL_NEURO_GRAPHQL_ORDER_FIELDS`` (grapple passes it straight to ``order_by``, so a page's
  ``owner__password`` would be orderable), or, for the root fields in :data:`FIELD_ORDER_FIELDS`,
  the fields that query accepts (so its error names those, not the global ones).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from graphql import GraphQLError
from wagtail.models import DraftStateMixin, Page

from wagtail_neuro.conf import neuro_settings

from .loaders import is_live_object, is_preview, visible_page_ids

__all__ = [
    "ARTICLE_ORDER_FIELDS",
    "FIELD_ORDER_FIELDS",
    "OrderMiddleware",
    "VisibilityMiddleware",
    "check_order",
    "guard",
]

ARTICLE_ORDER_FIELDS = ["date", "title", "first_published_at", "last_published_at"]

#: Root ``Query`` fields whose ``order`` accepts its own list instead of the global one.
FIELD_ORDER_FIELDS: dict[str, list[str]] = {"articles": ARTICLE_ORDER_FIELDS}


def _guarded(obj: Any) -> bool:
    return isinstance(obj, (Page, DraftStateMixin)) and not is_preview(obj)


def guard(info: Any, result: Any) -> Any:
    """``result`` without the pages and snippets the public may not see."""
    if isinstance(result, Page | DraftStateMixin):
        if not _guarded(result):
            return result
        if isinstance(result, Page):
            return result if visible_page_ids(info, [result]) else None
        return result if is_live_object(result) else None
    if isinstance(result, QuerySet):
        if not issubclass(result.model, Page | DraftStateMixin):
            return result
        result = list(result)
    elif not isinstance(result, list | tuple):
        return result
    if not any(_guarded(item) for item in result):
        return result
    allowed = visible_page_ids(info, [item for item in result if isinstance(item, Page)])
    return [
        item
        for item in result
        if not _guarded(item)
        or (item.pk in allowed if isinstance(item, Page) else is_live_object(item))
    ]


class VisibilityMiddleware:
    def resolve(self, next: Any, root: Any, info: Any, **args: Any) -> Any:
        return guard(info, next(root, info, **args))


def check_order(order: Any, allowed: list[str] | None = None) -> list[str]:
    """The ``order_by`` terms of ``order`` ("-date,title"), or a GraphQL error naming the
    allowed fields (never the model's own field names)."""
    allowed = list(neuro_settings.GRAPHQL_ORDER_FIELDS if allowed is None else allowed)
    terms = [term.strip() for term in str(order).split(",")]
    for term in terms:
        if term.removeprefix("-") not in allowed:
            raise GraphQLError(
                f"Cannot order by {term[:60]!r}. Use one of: {', '.join(allowed)} "
                "(prefix with - for descending, separate several with commas)."
            )
    return terms


class OrderMiddleware:
    def resolve(self, next: Any, root: Any, info: Any, **args: Any) -> Any:
        order = args.get("order")
        if isinstance(order, str):
            own = (
                info.parent_type is info.schema.query_type and info.field_name in FIELD_ORDER_FIELDS
            )
            check_order(order, FIELD_ORDER_FIELDS[info.field_name] if own else None)
        return next(root, info, **args)
