"""graphene middleware that closes grapple 0.31's gaps for every field, whoever declared it.

* :class:`VisibilityMiddleware` drops pages that are not live, public and unexpired, and
  snippets that are drafts or expired, from any field's result (grapple's ``page``, ``pages``,
  ``search``, ``parent``, PageChooser blocks, an agency's own fields …). A page built from a
  preview token is let through.
* :class:`CollectionMiddleware` drops collections with a view restriction, and every
  collection below one, from any field (grapple's ``collections``, a collection's
  ``descendants``/``ancestors``; grapple only checks a collection's own restrictions).
* :class:`OrderMiddleware` refuses an ``order`` argument naming anything but the fields in
  ``WAGTAIL_NEURO_GRAPHQL_ORDER_FIELDS`` (grapple passes it straight to ``order_by``, so a page's
  ``owner__password`` would be orderable), or, for the root fields in :data:`FIELD_ORDER_FIELDS`,
  the fields that query accepts (so its error names those, not the global ones).

The view installs the same three rules on the schema (:func:`guard_schema`), on every field
that can return an object or takes ``order``, rather than running them as middleware on every
field. A scalar or enum field cannot return a page, a snippet or a collection, and such fields
are most of an answer (17,000 of the 19,600 fields of the benchmark's 20 articles): a
middleware call on each cost a third of the answer's time. The classes stay for a host that
builds its own view.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from graphql import (
    GraphQLObjectType,
    GraphQLSchema,
    default_field_resolver,
    get_named_type,
    is_leaf_type,
    is_non_null_type,
)
from wagtail.models import Collection, CollectionViewRestriction, DraftStateMixin, Page

from wagtail_neuro.conf import neuro_settings
from wagtail_neuro.ordering import ARTICLE_ORDER_FIELDS

from .errors import argument_error
from .loaders import is_live_object, is_preview, visible_page_ids

__all__ = [
    "ARTICLE_ORDER_FIELDS",
    "FIELD_ORDER_FIELDS",
    "CollectionMiddleware",
    "OrderMiddleware",
    "VisibilityMiddleware",
    "check_order",
    "guard",
    "guard_collections",
    "guard_schema",
    "is_guarded",
]

#: Root ``Query`` fields whose ``order`` accepts its own list instead of the global one.
FIELD_ORDER_FIELDS: dict[str, list[str]] = {"articles": list(ARTICLE_ORDER_FIELDS)}


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


def restricted_collection_paths(info: Any) -> tuple[str, ...]:
    """Tree paths of the collections with a view restriction (read once per request): a
    collection whose path starts with one of them is private."""
    request = info.context
    paths = getattr(request, "_neuro_restricted_collections", None)
    if paths is None:
        paths = tuple(
            set(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
        )
        if request is not None:
            request._neuro_restricted_collections = paths
    return paths


def guard_collections(info: Any, result: Any) -> Any:
    """``result`` without the collections the public may not see."""
    if isinstance(result, Collection):
        # a required field (an image's ``collection``) keeps its value: the object it
        # belongs to was judged already
        if is_non_null_type(info.return_type):
            return result
        private = restricted_collection_paths(info)
        return None if private and result.path.startswith(private) else result
    if isinstance(result, QuerySet) and issubclass(result.model, Collection):
        result = list(result)
    elif not (isinstance(result, list | tuple) and any(isinstance(c, Collection) for c in result)):
        return result
    private = restricted_collection_paths(info)
    if not private:
        return result
    return [c for c in result if not (isinstance(c, Collection) and c.path.startswith(private))]


class CollectionMiddleware:
    def resolve(self, next: Any, root: Any, info: Any, **args: Any) -> Any:
        return guard_collections(info, next(root, info, **args))


def check_order(order: Any, allowed: list[str] | None = None) -> list[str]:
    """The ``order_by`` terms of ``order`` ("-date,title"), or a GraphQL error naming the
    allowed fields (never the model's own field names)."""
    allowed = list(neuro_settings.GRAPHQL_ORDER_FIELDS if allowed is None else allowed)
    terms = [term.strip() for term in str(order).split(",")]
    for term in terms:
        if term.removeprefix("-") not in allowed:
            raise argument_error(
                f"Cannot order by {term[:60]!r}. Use one of: {', '.join(allowed)} "
                "(prefix with - for descending, separate several with commas)."
            )
    return terms


def check_order_argument(info: Any, args: dict[str, Any]) -> None:
    """Refuse a field's ``order`` argument naming what it may not order by."""
    order = args.get("order")
    if isinstance(order, str):
        own = info.parent_type is info.schema.query_type and info.field_name in FIELD_ORDER_FIELDS
        check_order(order, FIELD_ORDER_FIELDS[info.field_name] if own else None)


class OrderMiddleware:
    def resolve(self, next: Any, root: Any, info: Any, **args: Any) -> Any:
        check_order_argument(info, args)
        return next(root, info, **args)


#: On a schema, and on a guarded resolver: the guards are installed.
GUARDED = "_neuro_guarded"


def guard_schema(schema: GraphQLSchema) -> GraphQLSchema:
    """Install the three rules on every field of ``schema`` that can return an object (a
    page, a snippet, a collection, or a list of them) or takes ``order``: its resolver is
    wrapped, whoever declared it (grapple, the package, an agency). Idempotent."""
    if getattr(schema, GUARDED, False):
        return schema
    for named_type in schema.type_map.values():
        if not isinstance(named_type, GraphQLObjectType) or named_type.name.startswith("__"):
            continue
        for field in named_type.fields.values():
            if needs_guard(field) and not is_guarded(field.resolve):
                field.resolve = _guarded(field.resolve or default_field_resolver)
    setattr(schema, GUARDED, True)
    return schema


def needs_guard(field: Any) -> bool:
    """Whether anything the public may not see can come out of ``field`` (anything but
    scalars and enums), or it takes ``order``."""
    return not is_leaf_type(get_named_type(field.type)) or "order" in field.args


def is_guarded(resolve: Any) -> bool:
    return getattr(resolve, GUARDED, False)


def _guarded(resolve: Any) -> Any:
    def guarded(root: Any, info: Any, **args: Any) -> Any:
        check_order_argument(info, args)
        return guard_collections(info, guard(info, resolve(root, info, **args)))

    setattr(guarded, GUARDED, True)
    return guarded
