"""Wiring into grapple's schema; :func:`register` runs from ``WagtailNeuroConfig.ready()``.

grapple builds one ``Query`` from the mixins its ``register_schema_query`` hook collects. This
package's hook runs after grapple's and puts :class:`~.queries.NeuroQuery` first, so its
resolvers replace grapple's for ``page``, ``pages``, ``search`` and ``snippets``; the block types
go into grapple's registry, keyed by block class, and grapple's PageChooser and SnippetChooser
block types get resolvers that check visibility.
"""

from __future__ import annotations

from typing import Any

from wagtail import blocks, hooks
from wagtail.models import Page as WagtailPage
from wagtail.snippets.blocks import SnippetChooserBlock

__all__ = ["get_schema", "register"]

_registered: list[bool] = []


def register() -> None:
    """Add the block types to grapple's registry and the query hook (once)."""
    if _registered:
        return
    _registered.append(True)
    from grapple.registry import registry

    from .types.blocks import BLOCK_TYPES

    registry.streamfield_blocks.update(BLOCK_TYPES)
    hooks.register("register_schema_query", add_queries, order=100)


def add_queries(query_mixins: list[Any]) -> None:
    from .queries import NeuroQuery

    harden_grapple_types()
    if NeuroQuery not in query_mixins:
        query_mixins.insert(0, NeuroQuery)


def harden_grapple_types() -> None:
    """grapple 0.31's ``PageChooserBlock.page`` returns any page, unpublished or private, its
    snippet chooser returns drafts, and every page type has ``draftTitle`` (the title of an
    unpublished draft): answer those with published content only."""
    from grapple.registry import registry
    from grapple.types.pages import Page as PageType

    from .loaders import is_live_object, visible_page_ids

    def resolve_page(root: Any, info: Any, **kwargs: Any) -> Any:
        page = root.value
        if page is None or not visible_page_ids(info, [page]):
            return None
        return page.specific

    def resolve_snippet(root: Any, info: Any, **kwargs: Any) -> Any:
        return root.value if root.value is not None and is_live_object(root.value) else None

    def resolve_draft_title(root: Any, info: Any, **kwargs: Any) -> str:
        return root.title

    PageType.resolve_draft_title = staticmethod(resolve_draft_title)
    # a page model of an app not in GRAPPLE["APPS"] is answered as the generic ``Page`` type
    # (grapple 0.31 fails the whole list with "Expected value of type 'Page'")
    PageType.is_type_of = classmethod(lambda cls, root, info: isinstance(root, WagtailPage))
    page_type = registry.streamfield_blocks.get(blocks.PageChooserBlock)
    if page_type is not None:
        page_type.resolve_page = staticmethod(resolve_page)
    snippet_type = registry.streamfield_blocks.get(SnippetChooserBlock)
    if snippet_type is not None:
        snippet_type.resolve_snippet = staticmethod(resolve_snippet)


def get_schema() -> Any:
    """The schema the view serves: ``GRAPHENE["SCHEMA"]`` when set, else grapple's."""
    from graphene_django.settings import graphene_settings

    schema = graphene_settings.SCHEMA
    if schema is None:
        from grapple.schema import schema
    return schema
