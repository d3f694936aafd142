"""What a list of pages loads before GraphQL resolves its fields: each page's stored
representation where it has one (:func:`wagtail_neuro.fragments.attach`), the prefetch step REST
uses (:func:`~wagtail_neuro.api.prefetch.prefetch_pages`, converting StreamFields only where they
are needed), then the pages and their authors grouped for the fields resolved lazily per group
(``parent``, ``relatedArticles``, ``bio``, converted blocks; see :mod:`.batches`).

Converting a page's StreamFields (their chooser blocks fetched, the linked pages checked) is the
costly part of loading it. It is skipped for a page whose stored representation holds every
stream the page stores, when every field the query asks of the page is known to read no block
(:func:`reads_no_blocks`): its columns and relations, the streams themselves (answered from the
stored representation), and :data:`BLOCK_FREE_FIELDS`. Any other field (``jsonld``, an agency's
own) has the streams converted for the whole list, as without stored representations. A field of
a block that needs the converted value (a clinic-hours block's ``clinicHours``) converts the
list's streams when it is first resolved (:func:`.types.blocks.stream_children`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from graphene.utils.str_converters import to_snake_case
from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode
from wagtail.fields import StreamField
from wagtail.models import Page

from wagtail_neuro import fragments
from wagtail_neuro.api.prefetch import prefetch_pages
from wagtail_neuro.visibility import mark_visible

from . import selections
from .batches import group
from .loaders import is_preview

__all__ = ["BLOCK_FREE_FIELDS", "reads_no_blocks", "with_loaded"]

#: Page fields, besides columns, relations and stored streams, that read no StreamField.
BLOCK_FREE_FIELDS = frozenset(
    {
        "__typename",
        "url",
        "url_path",
        "page_type",
        "content_type",
        "parent",
        "category_labels",
        "related_articles",
        "related_conditions",
    }
)


def with_loaded(info: Any, listed: list[Page]) -> list[Page]:
    """Prefetch ``listed`` (which came from a visible-pages query) and group them; returns
    them. A page with a stored answer to the query's selection needs neither
    (:mod:`.selections`)."""
    live = [page for page in listed if page is not None and not is_preview(page)]
    answered = selections.prepare(info, live)
    mark_visible(page for page in live if id(page) in answered)
    pages = [page for page in listed if id(page) not in answered]
    names = set(selected_fields(info))
    stored = {
        id(page)
        for page in fragments.attach(
            info.context, [page for page in live if id(page) not in answered]
        )
        if reads_no_blocks(type(page), names)
    }
    prefetch_pages([page for page in pages if id(page) in stored], visible=True, streams=False)
    prefetch_pages([page for page in pages if id(page) not in stored], visible=True)
    group(pages)
    group(getattr(page, name, None) for page in pages for name in ("author", "reviewed_by"))
    return listed


def reads_no_blocks(model: type[Page], names: Iterable[str]) -> bool:
    """Whether the fields ``names`` (GraphQL names) of a ``model`` page read none of its
    StreamFields, the ones answered from its stored representation aside."""
    return all(_reads_no_blocks(model, name) for name in names)


@cache  # per model and name: both come from the schema
def _reads_no_blocks(model: type[Page], name: str) -> bool:
    name = to_snake_case(name)
    if name in BLOCK_FREE_FIELDS or name in fragments.stored_streams(model):
        return True
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return not isinstance(field, StreamField)


def selected_fields(info: Any) -> Iterator[str]:
    """The names of the fields the query asks of the objects the current field returns, on
    any of their types (inline fragments and fragment spreads followed)."""
    for node in info.field_nodes:
        yield from _names(node.selection_set, info.fragments, set())


def _names(selection_set: SelectionSetNode | None, named: dict, seen: set[str]) -> Iterator[str]:
    for selection in selection_set.selections if selection_set else ():
        if isinstance(selection, FieldNode):
            yield selection.name.value
        elif isinstance(selection, InlineFragmentNode):
            yield from _names(selection.selection_set, named, seen)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
            seen.add(selection.name.value)
            fragment = named.get(selection.name.value)
            yield from _names(fragment.selection_set if fragment else None, named, seen)
