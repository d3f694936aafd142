"""Wiring into grapple's schema; :func:`register` runs from ``WagtailNeuroConfig.ready()``.

grapple builds one ``Query`` from the mixins its ``register_schema_query`` hook collects. This
package's hook runs after grapple's and puts :class:`~.queries.NeuroQuery` first, so its
resolvers replace grapple's for ``page``, ``pages``, ``search``, ``snippets``, ``tags``,
``redirects``, ``images`` and ``documents`` (see :mod:`.grapple_queries`); the block types go
into grapple's registry, keyed by block class (generated from the blocks' declared shapes for
every StreamField of the exposed apps, see :mod:`.types.blocks`), and grapple's PageChooser and
SnippetChooser block types get resolvers that check visibility. Page types resolve to the type of the page's own
class (:func:`page_is_type_of`), and ``parent`` and an author's ``bio`` are batched per list.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from wagtail import blocks, hooks
from wagtail.models import Page as WagtailPage
from wagtail.snippets.blocks import SnippetChooserBlock

__all__ = ["get_schema", "register", "untyped_snippets"]

_registered: list[bool] = []


def register() -> None:
    """Add the block types to grapple's registry and the query hook (once)."""
    if _registered:
        return
    _registered.append(True)
    from grapple.registry import registry

    from .types.blocks import block_types

    registry.streamfield_blocks.update(block_types())
    hooks.register("register_schema_query", add_queries, order=100)


def add_queries(query_mixins: list[Any]) -> None:
    from .queries import NeuroQuery

    harden_grapple_types()
    if NeuroQuery not in query_mixins:
        query_mixins.insert(0, NeuroQuery)


def harden_grapple_types() -> None:
    """The few resolvers of grapple's own types that are replaced, each because grapple leaks
    and offers no hook (its types are built inside grapple; ``graphql_fields`` only adds
    fields to the package's own models):

    * ``draftTitle`` on every page type answers the title of an unpublished draft;
    * ``PageChooserBlock.page`` fails on an empty chooser and returns a fresh ``.specific``
      object, which the visibility middleware would check with one query per block: the chosen
      page is checked on the instance the list's prefetch step already judged;
    * ``SnippetChooserBlock.snippet`` returns drafts (the middleware would catch them too; the
      resolver keeps them out whoever serves the schema);
    * ``is_type_of`` of grapple's ``Page``, see :func:`page_is_type_of`.
    """
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
    PageType.is_type_of = classmethod(page_is_type_of)
    batch_list_fields()
    page_type = registry.streamfield_blocks.get(blocks.PageChooserBlock)
    if page_type is not None:
        page_type.resolve_page = staticmethod(resolve_page)
    snippet_type = registry.streamfield_blocks.get(SnippetChooserBlock)
    if snippet_type is not None:
        snippet_type.resolve_snippet = staticmethod(resolve_snippet)


def batch_list_fields() -> None:
    """``parent`` of any page and ``bio`` of an author cost two queries per object in grapple
    0.31; for the pages (and their authors) a list query returned, they are worked out once for
    the whole list (see :mod:`.batches`). grapple's resolvers stay for anything else, and an
    agency's own page interface keeps its own ``parent``."""
    from grapple.registry import registry
    from grapple.settings import grapple_settings
    from grapple.types.interfaces import PageInterface, get_page_interface

    from wagtail_neuro.models import Author

    from .batches import for_group, parents, rich_text

    grapple_parent = PageInterface.resolve_parent

    def resolve_parent(root: Any, info: Any, **kwargs: Any) -> Any:
        if root.pk is None or not root.path:  # a preview of a page never saved
            return grapple_parent(root, info, **kwargs)
        if root.depth <= 1:
            return None
        return for_group(root, "parent", partial(parents, info))

    def resolve_bio(root: Any, info: Any, **kwargs: Any) -> str:
        if grapple_settings.RICHTEXT_FORMAT != "html":
            return root.bio  # the stored source, as grapple answers it
        return for_group(root, "bio", rich_text("bio"))

    if get_page_interface() is PageInterface:
        PageInterface.resolve_parent = staticmethod(resolve_parent)
    author_type = registry.snippets.get(Author)
    if author_type is not None:
        author_type.resolve_bio = staticmethod(resolve_bio)


def page_is_type_of(cls: type, root: Any, info: Any) -> bool:
    """Whether ``root`` is a page of the page type ``cls``: the type grapple generated for the
    page's own class, or the generic ``Page`` for a class without one (an app outside
    ``GRAPPLE["APPS"]``; grapple 0.31 fails the whole list with "Expected value of type 'Page'").

    This is the choice ``PageInterface.resolve_type`` makes, so interfaces and unions agree:
    unions (``Search``) have no ``resolve_type`` and ask each member's ``is_type_of`` in turn, so
    one that accepted any page made every hit the first page type of the union.
    """
    from grapple.registry import registry
    from grapple.types.pages import Page as PageType

    return isinstance(root, WagtailPage) and registry.pages.get(type(root), PageType) is cls


def get_schema() -> Any:
    """The schema the view serves: ``GRAPHENE["SCHEMA"]`` when set, else grapple's."""
    from graphene_django.settings import graphene_settings

    schema = graphene_settings.SCHEMA
    if schema is None:
        from grapple.schema import schema
    return schema


def untyped_snippets() -> list[type]:
    """Snippet models of the apps grapple exposes that grapple gave no snippet type.

    grapple types the snippets when its app is ready, by asking Wagtail which models are
    snippets; Wagtail answers only once ``wagtail.snippets`` is ready (it defers
    ``register_snippet``). With ``"grapple"`` listed before ``"wagtail.snippets"`` in
    ``INSTALLED_APPS`` the answer is empty: ``Author``, ``Category`` and ``ClinicHoursSnippet``
    become plain object types and ``snippets`` answers ``[]``. System check
    ``wagtail_neuro.E049`` reports it."""
    from django.apps import apps

    if not apps.is_installed("grapple"):
        return []
    from grapple.registry import registry
    from grapple.settings import grapple_settings
    from wagtail.snippets.models import get_snippet_models

    labels = set(grapple_settings.APPS or ())
    return [
        model
        for model in get_snippet_models()
        if model._meta.app_label in labels and model not in registry.snippets
    ]
