"""A page's answer to a selection, stored: GraphQL's counterpart of REST's stored fragments.

REST sends a page's stored representation as it is. GraphQL, even with every stream read from
that representation (:mod:`wagtail_neuro.fragments`), still resolves, completes and serialises
each selected field in Python: about a thousand per article for a full body, most of the
answer's time. So the completed answer of a page to a query's selection (the dictionary
graphql-core builds for it) is stored too, and the next answer asking the same of the same page
uses it instead of completing the page again (:class:`StoredSelections`).

**Which answers.** The pages of the package's page fields (``page``, ``articles``,
``conditions``, grapple's ``pages`` and ``search``: every field that loads its pages through
:func:`.listings.with_loaded`), for public requests only (no session, bearer token or preview
token: :func:`wagtail_neuro.cache.responses.is_private_request`). An answer completed with an
error is never stored.

**Never stale.** A stored answer is keyed on everything it was computed from besides content:
the fragment variant (media origin, rich-text format, the package's version and settings), the
schema (its SDL), the request's host, the query text, the operation, the field and the
variables. Against content, it follows the stored fragments' rules: it records the content
version and epoch the request read before reading the page, and is used only while that epoch
is current and no :class:`~wagtail_neuro.models.PageChange` of the page (the page changed, or a
page it links to or that links to it) is newer (:func:`wagtail_neuro.fragments.unchanged_since`).

That holds only for what a page's fragment covers, so only selections asking nothing else are
stored (:func:`storable`). On a page, its columns (draft bookkeeping aside), the fields its model
stores for REST (``api_stored_fields``), its stored streams, and :data:`PAGE_FIELDS`; anywhere,
no field listing pages that the page does not link to (``children``, ``relatedArticles``, a
snippet's pages), since publishing another page does not touch this one's fragment. Pages a
block links to (a page chooser) are in Wagtail's reference index, which the fragments follow.
An agency's computed page field is stored once its model names it in ``api_stored_fields``, the
declaration REST reads.

Answers live in Django's default cache (Redis in production, shared by every server), 24 hours
at most, so their number is bounded by the cache's own memory policy.
``WAGTAIL_NEURO_PAGE_FRAGMENTS = False`` turns them off with the fragments.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from graphene.utils.str_converters import to_snake_case
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
    print_schema,
)
from graphql.execution import ExecutionContext
from wagtail.models import Page

from wagtail_neuro import fragments
from wagtail_neuro.cache.responses import is_private_request

__all__ = [
    "PAGE_FIELDS",
    "StoredSelections",
    "prepare",
    "storable",
    "store_for_request",
]

#: Page fields, besides columns and stored fields, that show only the page and what the
#: fragments' invalidation covers (its place in the tree: a move or a change to a page with
#: children retires every fragment).
PAGE_FIELDS = frozenset({"__typename", "url", "url_path", "page_type", "content_type", "parent"})
#: Columns that change without a publish (a draft saved, a page locked, a child added).
DRAFT_COLUMNS = frozenset(
    {
        "draft_title",
        "has_unpublished_changes",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "numchild",
    }
)
KEY_PREFIX = "wagtail_neuro:selection:"
#: Bumped when the stored format changes, so an upgrade never reads an old entry.
FORMAT = "1"
#: How long an answer is kept at most (one that no request reads again ages out).
TIMEOUT = 24 * 60 * 60
#: How many selections' verdicts (:func:`storable`) a process remembers.
MAX_VERDICTS = 256

#: On a page: its :class:`_Mark` for this answer.
MARK = "_neuro_selection"
#: On a request: the ``(cache key, answer)`` pairs completed by this answer, to be stored.
REQUEST_BUILT = "_neuro_selections_built"


@dataclass(slots=True)
class _Mark:
    """What a page's completion uses (``answer``) or stores (``key``), for the field nodes of
    the one field it was loaded for."""

    field_nodes: list[FieldNode]
    key: str
    answer: dict[str, Any] | None = None
    built: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


class StoredSelections(ExecutionContext):
    """graphql-core's execution, answering a marked page from its stored answer and recording
    the answer it completes for a page marked to be stored (see :func:`prepare`). Only objects
    are looked at (a page is one), never each field: an override per field costs more than it
    saves."""

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_nodes: list[FieldNode],
        info: Any,
        path: Any,
        result: Any,
    ) -> Any:
        attributes = getattr(result, "__dict__", None)
        mark = attributes.get(MARK) if attributes is not None else None
        if mark is None or mark.field_nodes is not field_nodes:
            return super().complete_object_value(return_type, field_nodes, info, path, result)
        if mark.answer is not None:
            return mark.answer
        errors = len(self.collected_errors.errors)
        completed = super().complete_object_value(return_type, field_nodes, info, path, result)
        if isinstance(completed, dict) and len(self.collected_errors.errors) == errors:
            mark.answer = completed
            mark.built.append((mark.key, completed))
        return completed


def prepare(info: Any, pages: Iterable[Page]) -> set[int]:
    """Mark ``pages`` (live pages) for :class:`StoredSelections`: each answered from its
    stored answer to ``info``'s selection when it has a usable one, else completed and stored.
    Returns the ``id()`` of the pages answered from the store (nothing of them needs loading).
    One cache read, and one query for the pages found in it."""
    request = info.context
    pages = [page for page in pages if fragments.stored_field_names(type(page))]
    key = fragments.graphql_key(request) if pages else None
    if key is None or is_private_request(request):
        return set()
    prefix = _selection_key(info, key, request)
    if prefix is None:
        return set()
    built = request.__dict__.setdefault(REQUEST_BUILT, [])
    keys = {page.pk: f"{prefix}:{page.pk}" for page in pages}
    found = caches["default"].get_many(list(keys.values()))
    entries = {
        page_id: entry
        for page_id, cache_key in keys.items()
        if _current(entry := found.get(cache_key), key)
    }
    usable = fragments.unchanged_since({page_id: entry[0] for page_id, entry in entries.items()})
    answered = set()
    for page in pages:
        mark = _Mark(info.field_nodes, keys[page.pk], built=built)
        if page.pk in usable:
            mark.answer = entries[page.pk][2]
            answered.add(id(page))
        page.__dict__[MARK] = mark
    return answered


def _current(entry: Any, key: fragments.FragmentKey) -> bool:
    """Whether a stored ``(version, epoch, answer)`` is of the current epoch (whether a change
    to its page is newer is asked of the database: :func:`fragments.unchanged_since`)."""
    return isinstance(entry, tuple) and len(entry) == 3 and entry[1] == key.epoch


def store_for_request(request: Any) -> int:
    """Store the answers completed for ``request`` (one cache write); returns how many."""
    built = request.__dict__.pop(REQUEST_BUILT, None)
    key = fragments.graphql_key(request) if built else None
    if key is None:
        return 0
    entries = {cache_key: (key.version, key.epoch, answer) for cache_key, answer in built}
    caches["default"].set_many(entries, TIMEOUT)
    return len(entries)


def _selection_key(info: Any, key: fragments.FragmentKey, request: Any) -> str | None:
    """The cache key prefix of ``info``'s selection, or ``None`` when it is not to be stored."""
    source = info.operation.loc.source.body if info.operation.loc else None
    if source is None:
        return None
    schema_sdl = _schema_fingerprint(info.schema)
    query = hashlib.sha256(source.encode()).hexdigest()
    operation = info.operation.name.value if info.operation.name else ""
    path = ".".join(str(key) for key in info.path.as_list() if isinstance(key, str))
    where = (schema_sdl, query, operation, path)
    if not _verdict(where, info):
        return None
    parts = [
        FORMAT,
        key.variant,
        *where,
        request.get_host(),
        json.dumps(info.variable_values, sort_keys=True, default=str),
    ]
    return KEY_PREFIX + hashlib.sha256(json.dumps(parts).encode()).hexdigest()


_verdicts: OrderedDict[tuple[str, ...], bool] = OrderedDict()
_fingerprints: dict[int, tuple[GraphQLSchema, str]] = {}
_lock = threading.Lock()


def _verdict(where: tuple[str, ...], info: Any) -> bool:
    """:func:`storable` of ``info``'s selection, remembered per process (bounded)."""
    with _lock:
        verdict = _verdicts.get(where)
        if verdict is not None:
            _verdicts.move_to_end(where)
            return verdict
    verdict = storable(info.schema, info.return_type, info.field_nodes, info.fragments)
    with _lock:
        _verdicts[where] = verdict
        while len(_verdicts) > MAX_VERDICTS:
            _verdicts.popitem(last=False)
    return verdict


def _schema_fingerprint(schema: GraphQLSchema) -> str:
    """A digest of ``schema``'s SDL: a deploy changing a type never reads an older answer."""
    kept = _fingerprints.get(id(schema))
    if kept is None or kept[0] is not schema:
        kept = (schema, hashlib.sha256(print_schema(schema).encode()).hexdigest())
        _fingerprints[id(schema)] = kept
    return kept[1]


def storable(
    schema: GraphQLSchema, return_type: Any, field_nodes: list[FieldNode], named: dict
) -> bool:
    """Whether the answer to ``field_nodes`` (a field returning ``return_type``) shows only
    what the pages' fragments cover (see the module's text)."""
    walker = _Walker(schema, named)
    target = get_named_type(return_type)
    return all(walker.selection_set(target, node.selection_set) for node in field_nodes)


class _Walker:
    def __init__(self, schema: GraphQLSchema, named: dict) -> None:
        self.schema = schema
        self.named = named
        self.spreads: set[str] = set()

    def selection_set(self, parent: Any, selection_set: SelectionSetNode | None) -> bool:
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if not self.field(parent, selection):
                    return False
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                if target is None or not self.selection_set(target, selection.selection_set):
                    return False
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in self.spreads:
                    continue
                self.spreads.add(name)
                fragment = self.named.get(name)
                target = fragment and self.schema.get_type(fragment.type_condition.name.value)
                if target is None or not self.selection_set(target, fragment.selection_set):
                    return False
        return True

    def field(self, parent: Any, node: FieldNode) -> bool:
        name = node.name.value
        if name == "__typename":
            return True
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return False
        definition = parent.fields.get(name)
        if definition is None:
            return False
        objects = self._objects(parent)
        if not all(
            _shows_only_fragments(obj, name, definition.type, self.schema) for obj in objects
        ):
            return False
        return self.selection_set(get_named_type(definition.type), node.selection_set)

    def _objects(self, parent: Any) -> list[GraphQLObjectType]:
        if isinstance(parent, GraphQLInterfaceType):
            return list(self.schema.get_possible_types(parent))
        return [parent]


def _model(graphql_type: Any) -> type[models.Model] | None:
    meta = getattr(getattr(graphql_type, "graphene_type", None), "_meta", None)
    model = getattr(meta, "model", None)
    return model if isinstance(model, type) and issubclass(model, models.Model) else None


def _shows_only_fragments(parent: GraphQLObjectType, name: str, type_: Any, schema: Any) -> bool:
    """Whether field ``name`` of ``parent`` shows only what a page fragment covers."""
    model = _model(parent)
    if model is not None and issubclass(model, Page):
        return _page_field_stored(model, to_snake_case(name))
    # a snippet's (or an image's) pages are not in the pages' reference index
    return model is None or not _lists_pages(get_named_type(type_), schema)


def _page_field_stored(model: type[Page], name: str) -> bool:
    if name in DRAFT_COLUMNS:
        return False
    if name in PAGE_FIELDS or name in fragments.stored_field_names(model):
        return True
    if name in fragments.stored_streams(model):
        return True
    try:
        column = model._meta.get_field(name)
    except FieldDoesNotExist:  # a computed field
        return False
    return bool(getattr(column, "concrete", False)) and not column.is_relation


def _lists_pages(named_type: Any, schema: Any) -> bool:
    if isinstance(named_type, GraphQLInterfaceType):
        return any(_lists_pages(obj, schema) for obj in schema.get_possible_types(named_type))
    if hasattr(named_type, "types"):  # a union
        return any(_lists_pages(obj, schema) for obj in named_type.types)
    model = _model(named_type)
    return model is not None and issubclass(model, Page)
