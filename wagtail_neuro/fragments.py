"""Stored page representations: a listing reads N stored fragments instead of rebuilding N
StreamFields.

The costly fields of a page's REST representation (the body and references, JSON-LD, SEO,
author, categories, tags, hero image: what a model names in ``api_stored_fields``) depend only
on live content. The first answer that builds them for a page stores them
(:class:`~wagtail_neuro.models.PageFragment`); later answers, on any URL and any server, read
them back in one query and skip the StreamField conversion, the prefetching and the structured
data entirely.

**Never stale.** A fragment records the content version and epoch read *before* the page was
read (:func:`wagtail_neuro.cache.version.current_state`), and is used only while

* its ``epoch`` is the current one: anything not confined to known pages (a snippet, an image, a
  site, the clinic settings, a move, a page with children, a page expiring, clinic hours opening)
  advances the epoch and retires every fragment; and
* no :class:`~wagtail_neuro.models.PageChange` of its page is newer: saving, publishing or
  unpublishing a page records it, with the pages that link to it or that it links to (Wagtail's
  reference index), at the version of that change.

Both are written in the transaction of the change, so a fragment built from what was read
before the change is never used after it, even when it is stored after it.

**Variants.** What a representation holds also depends on the request: media URLs carry its
origin (unless ``WAGTAIL_NEURO_MEDIA_BASE_URL`` is set) and rich text follows
``?rich_text_format=``. Each combination, with the package's version and its settings, is a
variant of its own.

Only public answers of live pages use fragments (REST v2 listings and details, GraphQL's
StreamFields, never a preview), and a request naming sub-fields (``fields=author(name)``)
computes everything. ``WAGTAIL_NEURO_PAGE_FRAGMENTS = False`` turns them off.

**GraphQL** answers a StreamField from the stream's own representation, the very list REST
sends as ``body``, so it reads that list from a page's fragment (:func:`attach`,
:func:`stored_stream`) and stores the streams it builds (:func:`store_for_request`), merged
with what the fragment already held. REST stores a fragment only when it holds every stored
field; a fragment GraphQL wrote with only the streams is read by GraphQL and rebuilt whole by
the next REST answer.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from rest_framework.utils.encoders import JSONEncoder

from .conf import neuro_settings

__all__ = [
    "SHARED_STORED_FIELDS",
    "FragmentKey",
    "attach",
    "complete",
    "fragment_key",
    "graphql_key",
    "load",
    "needs_loading",
    "record_fields",
    "record_stream",
    "store",
    "store_for_request",
    "stored_field_names",
    "stored_stream",
    "stored_streams",
    "stream_representation",
    "streams_complete",
    "unchanged_since",
]

logger = logging.getLogger(__name__)

#: The stored fields every package page shares (a model's ``api_stored_fields`` adds its own):
#: the costly ones, which show only the page's content and what the reference index links it
#: to. ``related_*`` lists are ranked among other pages, so they are never stored.
SHARED_STORED_FIELDS = ("hero_image", "body", "references", "reviewed_by", "seo", "jsonld")

#: On a page: the fragment read for it (a dict of field name to representation).
STORED = "_neuro_stored_fragment"
#: On a page: the fields computed for it by this answer, to be stored.
BUILT = "_neuro_built_fragment"
#: On a request: ``(key, pages)`` of the pages GraphQL attached fragments to.
REQUEST_PAGES = "_neuro_fragment_pages"
#: On a request: its GraphQL :class:`FragmentKey` (see :func:`graphql_key`).
REQUEST_KEY = "_neuro_fragment_key"


@dataclass(frozen=True)
class FragmentKey:
    """Which stored fragments an answer may use, and what it stores new ones under."""

    variant: str
    version: int
    epoch: int


def stored_field_names(model: type) -> frozenset[str]:
    """The API fields of ``model`` that are stored (``api_stored_fields``, inherited)."""
    return frozenset(getattr(model, "api_stored_fields", ()))


def fragment_key(request: HttpRequest, rich_text_format: str | None) -> FragmentKey | None:
    """The key of ``request``'s answer, or ``None`` when it must compute everything (fragments
    off, sub-field selections)."""
    from . import __version__
    from .cache.responses import request_state
    from .media_urls import media_origin

    if not neuro_settings.PAGE_FRAGMENTS or "(" in request.GET.get("fields", ""):
        return None
    state = request_state(getattr(request, "_request", request))  # DRF's wraps Django's
    parts = [__version__, media_origin(request) or "", rich_text_format or "", _settings()]
    variant = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
    return FragmentKey(variant=variant, version=state.value, epoch=state.epoch)


def _settings() -> str:
    """The settings a representation may read, as text: a deploy that changes one (a rendition
    spec, the citation style, the media origin) uses fragments of its own."""
    from django.conf import settings

    from .conf import DEFAULTS

    values = {name: getattr(neuro_settings, name, None) for name in sorted(DEFAULTS)}
    for name in ("MEDIA_URL", "WAGTAILAPI_BASE_URL", "WAGTAILAPI_RICH_TEXT_FORMAT"):
        values[name] = getattr(settings, name, None)
    # sorted keys, and sets sorted: the same text in every process (hash seeds differ)
    return json.dumps(values, sort_keys=True, default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(map(repr, value))
    return repr(value)


def load(pages: Iterable[Any], key: FragmentKey) -> list[Any]:
    """Attach the usable fragments of ``pages`` (one query); returns the pages without one,
    which record what this answer computes for them (:func:`record_fields`). Pages of a model
    storing nothing (plain ``Page`` in an untyped listing) are left alone."""
    pages = [page for page in pages if page is not None and stored_field_names(type(page))]
    found = _usable(pages, key)
    missing = []
    for page in pages:
        data = found.get(page.pk)
        if data is not None and stored_field_names(type(page)) <= data.keys():
            page.__dict__[STORED] = data
        else:
            page.__dict__[BUILT] = {}
            missing.append(page)
    return missing


def _usable(pages: list[Any], key: FragmentKey) -> dict[int, dict[str, Any]]:
    """The usable fragments of ``pages`` by page id, in one query (none for no pages)."""
    from .models import PageChange, PageFragment

    if not pages:
        return {}
    newer_change = PageChange.objects.filter(
        page_id=OuterRef("page_id"), version__gt=OuterRef("version")
    )  # the rule of unchanged_since, for each row
    rows = (
        PageFragment.objects.filter(
            page_id__in=[page.pk for page in pages], variant=key.variant, epoch=key.epoch
        )
        .exclude(Exists(newer_change))
        .values_list("page_id", "data")
    )
    return {page_id: json.loads(data) for page_id, data in rows}


def unchanged_since(versions: dict[int, int]) -> set[int]:
    """The page ids of ``versions`` (page id to the content version something was built from
    it at) with no :class:`~wagtail_neuro.models.PageChange` newer than that: what a stored
    representation built then may still answer for, while its epoch is current (one query)."""
    from .models import PageChange

    if not versions:
        return set()
    changes = PageChange.objects.filter(
        page_id__in=list(versions), version__gt=min(versions.values())
    ).values_list("page_id", "version")
    changed = {page_id for page_id, version in changes if version > versions[page_id]}
    return set(versions) - changed


# ---------------------------------------------------------------- GraphQL


@cache
def stored_streams(model: type) -> frozenset[str]:
    """The StreamFields of ``model`` whose stored representation is the stream's own (Wagtail's
    StreamField serializer: an ``APIField`` without a serializer of its own), which GraphQL
    answers from."""
    from wagtail.fields import StreamField

    serializers = {
        getattr(api_field, "name", api_field): getattr(api_field, "serializer", None)
        for api_field in getattr(model, "api_fields", ())
    }
    return frozenset(
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField)
        and field.name in stored_field_names(model)
        and field.name in serializers
        and serializers[field.name] is None
    )


def attach(request: HttpRequest, pages: Iterable[Any]) -> list[Any]:
    """GraphQL: attach the usable fragment of each of ``pages`` (one query), whole or holding
    only streams, and remember them on ``request`` to store what the answer builds
    (:func:`store_for_request`). Returns the pages whose every stored stream was found (their
    StreamFields need no conversion). A preview page is never passed here."""
    pages = [page for page in pages if page is not None and stored_streams(type(page))]
    key = graphql_key(request) if pages else None
    if key is None:
        return []
    found = _usable(pages, key)
    for page in pages:
        page.__dict__[BUILT] = {}
        if page.pk in found:
            page.__dict__[STORED] = found[page.pk]
    _, remembered = getattr(request, REQUEST_PAGES, (key, []))
    setattr(request, REQUEST_PAGES, (key, [*remembered, *pages]))
    return [page for page in pages if streams_complete(page)]


def graphql_key(request: HttpRequest) -> FragmentKey | None:
    """:func:`fragment_key` of a GraphQL request (worked out once per request): the rich text
    format is the one its streams are written in (``?rich_text_format=``, else Wagtail's
    default), as REST resolves it."""
    from wagtail.api.rich_text import APIRichText, RichTextFormatError

    if REQUEST_KEY in request.__dict__:
        return request.__dict__[REQUEST_KEY]
    try:
        rich_text_format = APIRichText.resolve_format(request.GET.get("rich_text_format"))
    except RichTextFormatError:
        key = None
    else:
        key = fragment_key(request, rich_text_format)
    request.__dict__[REQUEST_KEY] = key
    return key


def streams_complete(page: Any) -> bool:
    """Whether ``page``'s fragment holds every one of its stored streams."""
    stored = page.__dict__.get(STORED)
    return stored is not None and stored_streams(type(page)) <= stored.keys()


def stored_stream(page: Any, name: str) -> tuple[bool, Any]:
    """``(True, representation)`` when ``page``'s fragment holds the stream ``name``."""
    stored = page.__dict__.get(STORED)
    if stored is not None and name in stored and name in stored_streams(type(page)):
        return True, stored[name]
    return False, None


def record_stream(page: Any, name: str, representation: Any) -> None:
    """Record the representation GraphQL built for ``page``'s stream ``name``, to be stored."""
    built = page.__dict__.get(BUILT)
    if built is not None and name in stored_streams(type(page)):
        built[name] = representation


def store_for_request(request: HttpRequest) -> int:
    """Store the streams GraphQL built while answering ``request``, each merged into the
    fragment its page already had; returns how many fragments were written."""
    key, pages = getattr(request, REQUEST_PAGES, (None, []))
    if key is None:
        return 0
    delattr(request, REQUEST_PAGES)
    for page in pages:
        _complete_streams(page, request)
    return store(pages, key, partial=True)


def _complete_streams(page: Any, request: HttpRequest) -> None:
    """Add the stored streams this answer did not ask for to what it built for ``page``, so
    the fragment serves the next query whatever streams it selects (their blocks are converted
    already: a page whose fragment lacks a stream has all its streams converted, see
    :func:`attach`)."""
    built, stored = page.__dict__.get(BUILT), page.__dict__.get(STORED) or {}
    if built is None or streams_complete(page):
        return
    for name in stored_streams(type(page)) - built.keys() - stored.keys():
        built[name] = stream_representation(getattr(page, name), request)


def stream_representation(value: Any, request: HttpRequest) -> list[dict[str, Any]]:
    """A stream's own representation as GraphQL answers it and stores it: the list REST sends
    (REST's serializer context holds the same request the blocks read)."""
    return value.stream_block.get_api_representation(value, context={"request": request})


def complete(page: Any) -> bool:
    """Whether ``page`` has a usable fragment holding every stored field of its model."""
    return STORED in page.__dict__


def store(pages: Iterable[Any], key: FragmentKey, *, partial: bool = False) -> int:
    """Store the fragments this answer built completely (every stored field of the model);
    returns how many. ``partial``: store whatever was built, merged into the usable fragment
    the page had (GraphQL's streams). A database refusing the write (a read-only replica) loses
    nothing but the speed-up."""
    from .models import PageFragment

    rows = []
    for page in pages:
        built = page.__dict__.pop(BUILT, None)
        wanted = stored_field_names(type(page))
        if partial and built:
            built = {**page.__dict__.get(STORED, {}), **built}
        elif built is None or not wanted or not wanted <= built.keys():
            continue
        rows.append(
            PageFragment(
                page_id=page.pk,
                variant=key.variant,
                data=json.dumps(built, cls=JSONEncoder, ensure_ascii=False),
                version=key.version,
                epoch=key.epoch,
            )
        )
    if not rows:
        return 0
    rows.sort(key=lambda row: row.page_id)  # one lock order for concurrent stores: no deadlock
    try:
        with transaction.atomic():
            PageFragment.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["page", "variant"],
                update_fields=["data", "version", "epoch"],
            )
    except DatabaseError:
        logger.warning("Could not store %d page representations", len(rows), exc_info=True)
        return 0
    return len(rows)


class _Stored:
    """A field's stored representation, passed from ``get_attribute`` to
    ``to_representation`` (never ``None``, so DRF always calls the latter)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class _Pending:
    """A field's attribute whose representation is to be recorded on its page."""

    __slots__ = ("attribute", "page")

    def __init__(self, page: Any, attribute: Any) -> None:
        self.page = page
        self.attribute = attribute


def record_fields(fields: dict[str, Any], model: type) -> None:
    """Make the serializer ``fields`` of ``model``'s stored fields answer from a page's fragment
    when it has one, and record what they compute on a page that is to store one."""
    for name in stored_field_names(model) & fields.keys():
        _wrap(fields[name], name)


def _wrap(field: Any, name: str) -> None:
    get_attribute, to_representation = field.get_attribute, field.to_representation

    def get(instance: Any) -> Any:
        stored = instance.__dict__.get(STORED)
        if stored is not None and name in stored:
            return _Stored(stored[name])
        attribute = get_attribute(instance)
        built = instance.__dict__.get(BUILT)
        if built is None:
            return attribute
        if attribute is None:
            built[name] = None
            return None
        return _Pending(instance, attribute)

    def represent(value: Any) -> Any:
        if isinstance(value, _Stored):
            return value.value
        if isinstance(value, _Pending):
            representation = to_representation(value.attribute)
            built = value.page.__dict__.get(BUILT)
            if built is not None:
                built[name] = representation
            return representation
        return to_representation(value)

    field.get_attribute = get
    field.to_representation = represent


def needs_loading(model: type, shown: Iterable[str] | None = None) -> bool:
    """Whether pages of ``model`` with a fragment still need their relations loaded: an API
    field (among ``shown``, when given) that is neither stored nor a plain column (an agency's
    computed field, a ranked list)."""
    stored = stored_field_names(model)
    for api_field in getattr(model, "api_fields", ()):
        name = getattr(api_field, "name", api_field)
        if name in stored or (shown is not None and name not in shown):
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return True
        if field.is_relation or not getattr(field, "concrete", False):
            return True
    return False
