"""Field declarations for models' ``graphql_fields``, beside grapple's own helpers.

grapple resolves a declared field by reading the attribute and, for a method, calling it with
``info``; these helpers carry their own resolver instead, so a field can be filtered by
visibility, read batched data or take arguments. Types and resolvers are named by dotted path and
looked up lazily: this module is imported by the models and must not import them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import graphene
from django.apps import apps
from django.utils.module_loading import import_string
from grapple.models import GraphQLField

__all__ = [
    "GraphQLBlocks",
    "GraphQLClinicHours",
    "GraphQLDate",
    "GraphQLImageData",
    "GraphQLModelList",
    "GraphQLResolved",
    "GraphQLStrings",
    "GraphQLTags",
    "GraphQLVisiblePages",
]

RESOLVERS = "wagtail_neuro.api.graphql.resolvers"
TYPES = "wagtail_neuro.api.graphql.types"
#: The interfaces every article (condition) page type implements, by import path.
ARTICLE_INTERFACE = "wagtail_neuro.api.graphql.interfaces.ArticleInterface"
CONDITION_INTERFACE = "wagtail_neuro.api.graphql.interfaces.ConditionInterface"


def lazy_type(name: Any) -> Any:
    """A model label ("wagtail_neuro.ArticlePage") becomes grapple's type for that model; a
    dotted path is imported; anything else is a graphene type already."""
    if isinstance(name, str) and name.count(".") == 1:

        def model_type() -> Any:
            from grapple.registry import registry

            return registry.models[apps.get_model(name)]

        return model_type
    return name


def lazy_resolver(path: str, **options: Any) -> Callable[..., Any]:
    """``path`` is imported on first use; ``options`` are passed to it as keyword arguments."""
    cache: list[Callable[..., Any]] = []

    def resolve(root: Any, info: Any, **kwargs: Any) -> Any:
        if not cache:
            cache.append(import_string(path))
        return cache[0](root, info, **options, **kwargs)

    return resolve


def GraphQLResolved(
    field_name: str,
    field_type: Any,
    resolver: str,
    *,
    required: bool = False,
    is_list: bool = False,
    description: str | None = None,
    args: dict[str, Any] | None = None,
    **options: Any,
) -> Callable[[], tuple[GraphQLField, Callable[[Any], graphene.Field]]]:
    """A field resolved by the function at ``resolver`` (called as ``f(obj, info, **options,
    **arguments)``). ``is_list`` gives ``[T!]!``."""

    def mixin() -> tuple[GraphQLField, Callable[[Any], graphene.Field]]:
        def wrap(of_type: Any) -> graphene.Field:
            graphql_type = of_type
            if is_list:
                graphql_type = graphene.NonNull(graphene.List(graphene.NonNull(graphql_type)))
            elif required:
                graphql_type = graphene.NonNull(graphql_type)
            return graphene.Field(
                graphql_type,
                resolver=lazy_resolver(resolver, **options),
                description=description,
                **(args or {}),
            )

        return GraphQLField(field_name, lazy_type(field_type), description=description), wrap

    return mixin


def GraphQLDate(field_name: str, **kwargs: Any) -> Callable[[], GraphQLField]:
    def mixin() -> GraphQLField:
        return GraphQLField(field_name, graphene.Date, **kwargs)

    return mixin


def GraphQLImageData(field_name: str, *, source: str | None = None, **kwargs: Any):
    """An image as ``ImageData`` (metadata, alt text and the configured renditions)."""
    return GraphQLResolved(
        field_name,
        f"{TYPES}.images.ImageData",
        f"{RESOLVERS}.image_attribute",
        attribute=source or field_name,
        **kwargs,
    )


def GraphQLBlocks(field_name: str, **kwargs: Any):
    """A StreamField as a list of typed blocks, ``[<Stream>Block!]!``: a union of the types of
    the stream's own children (see :mod:`.types.streams`), answered from the stream's own
    representation (see :mod:`.types.blocks`). Every model inheriting this declaration (an
    abstract base's subclasses) shares the union, as their common interface requires."""
    declared: list[Any] = []

    def union() -> Any:
        from .types.streams import union_for_declaration

        return union_for_declaration(declared[0], field_name)

    declared.append(
        GraphQLResolved(
            field_name,
            union,
            f"{TYPES}.blocks.stream_children",
            is_list=True,
            attribute=field_name,
            **kwargs,
        )
    )
    return declared[0]


def GraphQLTags(field_name: str = "tags", **kwargs: Any):
    return GraphQLResolved(
        field_name,
        "grapple.types.tags.TagObjectType",
        f"{RESOLVERS}.related_list",
        is_list=True,
        attribute=field_name,
        **kwargs,
    )


def GraphQLModelList(field_name: str, model: str, *, source: str | None = None, **kwargs: Any):
    """A related manager or inline panel as a plain list (prefetch-friendly, no arguments)."""
    return GraphQLResolved(
        field_name,
        model,
        f"{RESOLVERS}.related_list",
        is_list=True,
        attribute=source or field_name,
        **kwargs,
    )


def GraphQLStrings(field_name: str, *, source: str, key: str, **kwargs: Any):
    """One attribute (``key``) of each item of a related manager, as ``[String!]!``."""
    return GraphQLResolved(
        field_name,
        graphene.String,
        f"{RESOLVERS}.related_values",
        is_list=True,
        attribute=source,
        key=key,
        **kwargs,
    )


def GraphQLVisiblePages(field_name: str, model: str, *, source: str, **kwargs: Any):
    """Pages from the method ``source`` (called without arguments), live and public only."""
    return GraphQLResolved(
        field_name,
        model,
        f"{RESOLVERS}.visible_pages_from",
        is_list=True,
        method=source,
        **kwargs,
    )


def GraphQLClinicHours(field_name: str = "hours", **kwargs: Any):
    """A ``ClinicHoursSnippet`` evaluated now, or at the ``at`` instant (ISO 8601)."""
    return GraphQLResolved(
        field_name,
        f"{TYPES}.clinic_hours.ClinicHours",
        f"{RESOLVERS}.snippet_hours",
        args={"at": graphene.String(description="An ISO 8601 instant; defaults to now.")},
        **kwargs,
    )
