"""The content version: one number that every change visible in the feeds advances.

Cached answers and ETags are keyed on it, so a publish makes every stored answer unreachable at
once, on every server, without knowing which URLs showed the page. That is what makes the cache
never stale without a list of URLs to purge.

The truth is a database row (:class:`~wagtail_neuro.models.ContentVersion`), advanced by an
``UPDATE … SET value = value + 1`` inside the transaction that changes the content: a reader that
sees the new content also sees the new number. Every process reads it, including a second app
server and ``publish_scheduled`` run by cron. With a cache shared between processes (Redis,
Memcached) the number is also kept there, written after each commit, so a cached answer costs no
database query; on Redis each process also keeps a copy that Redis itself invalidates
(:mod:`.watch`), so a cached answer costs no round trip either. With a process-local cache
(local memory, the default) it is read from the database on each request (one primary-key
query).

What advances it (connected by :func:`connect`, from ``AppConfig.ready``):

* ``page_published``, ``page_unpublished``, ``post_page_move`` and Wagtail's ``published`` /
  ``unpublished`` (snippets with draft state): publishing by hand, by workflow, by
  ``publish_scheduled`` or by any management command goes through these;
* ``post_save`` / ``post_delete`` of every other model, except the bookkeeping ones listed in
  :data:`IGNORED_APP_LABELS` and :func:`_is_bookkeeping` (revisions, renditions, logs, sessions,
  search index …) and except a page's or snippet's draft-only saves. So deleting a page, renaming
  an author, a tag or an image, or editing a site advances it too.

Time alone changes some answers: a page or snippet passing its ``expire_at`` disappears, and
clinic hours open and close (``open_now``). Each bump stores the next such instant
(:func:`next_change_at`); the first read after it advances the version, so cached answers and
ETags never outlive it.

**Which pages a change touches.** Beside the number, each bump records how far it reaches, for
the stored page representations (:mod:`wagtail_neuro.fragments`): a change confined to pages (a
page saved, published or unpublished, or a row of its inline panels) records those pages and the
pages that show them (:func:`pages_showing`) in :class:`~wagtail_neuro.models.PageChange`; any
other change (a snippet, an image, a site, the settings, a move, a page with children, time
passing) advances ``epoch``, which retires every stored representation at once.

Bulk ``QuerySet.update()`` sends no signal: call :func:`bump_content_version` (or
``manage.py bump_content_version``) after one.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import Any, Final, NamedTuple

from django.core.cache import BaseCache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import IntegrityError, models, transaction
from django.db.models import F, Min, Value
from django.db.models.functions import Coalesce, Least
from django.db.models.signals import post_delete, post_migrate, post_save, pre_migrate
from django.utils import timezone

from wagtail_neuro.conf import neuro_settings

from .backend import TolerantRedisCache, fast_get, on_recovery
from .watch import watch_for

__all__ = [
    "VERSION_CACHE_KEY",
    "State",
    "bump_content_version",
    "connect",
    "current_state",
    "current_version",
    "is_process_local",
    "next_change_at",
    "pages_showing",
    "response_cache",
]

logger = logging.getLogger(__name__)

VERSION_CACHE_KEY = "wagtail_neuro:content-version:3"
#: The shared cache's copy of the number is re-read from the database at least this often
#: (seconds): a backstop should a process die between a commit and the write to the cache.
VERSION_COPY_TIMEOUT = 60
VERSION_ROW = 1

#: Apps whose rows never appear in a feed: their writes must not empty the cache.
IGNORED_APP_LABELS = frozenset(
    [
        "migrations",
        "sessions",
        "admin",
        "contenttypes",
        "auth",
        "axes",
        "django_tasks_database",
        "django_tasks_db",
        "wagtailsearch",
        "wagtailusers",
        "wagtailembeds",
        # the admin's own rows: editing sessions (written whenever an edit view is open)
        "wagtailadmin",
    ]
)

#: Page and snippet fields that only an editor's draft changes (``save_revision``, locking).
DRAFT_ONLY_FIELDS = frozenset(
    [
        "comments",
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    ]
)


def response_cache() -> BaseCache | None:
    """The cache ``WAGTAIL_NEURO_RESPONSE_CACHE`` names, or ``None`` when storing is off."""
    alias = neuro_settings.RESPONSE_CACHE
    return caches[alias] if alias else None


def is_process_local(cache: BaseCache) -> bool:
    """Whether ``cache`` lives in this process's memory (local memory, or storing nothing)."""
    return isinstance(cache, LocMemCache | DummyCache)


def _is_shared(cache: BaseCache | None) -> bool:
    """Whether every process sees the same entries (so the version may be read from it)."""
    return cache is not None and not is_process_local(cache)


class State(NamedTuple):
    """The version row as a reader needs it."""

    value: int
    #: the next instant time alone changes an answer, or None
    next_change_at: datetime | None
    #: the ``value`` of the last change not confined to known pages
    epoch: int


def _read_database() -> State:
    from wagtail_neuro.models import ContentVersion

    rows = list(
        ContentVersion.objects.filter(pk=VERSION_ROW).values_list(
            "value", "next_change_at", "epoch"
        )
    )
    return State(*rows[0]) if rows else State(0, None, 0)


def _as_state(copy: Any) -> State | None:
    """A cached copy as a :class:`State`; ``None`` for anything else (a copy written by an
    older release, during a rolling deploy), which is then read from the database."""
    if isinstance(copy, tuple) and len(copy) == len(State._fields):
        return State(*copy)
    return None


def _read() -> State:
    cache = response_cache()
    if not _is_shared(cache):
        return _read_database()
    watch = watch_for(cache, VERSION_CACHE_KEY)
    if watch is not None:
        copy, token = watch.get()
        copy = _as_state(copy)
        if copy is not None:
            return copy
    state = _as_state(fast_get(cache, VERSION_CACHE_KEY))
    if state is None:
        state = _read_database()
        # add(), not set(): a bump that committed meanwhile has written a newer number
        cache.add(VERSION_CACHE_KEY, state, VERSION_COPY_TIMEOUT)
    elif watch is not None:
        watch.put(state, token)
    return state


def current_state() -> State:
    """The version row now (see the module doc for where it is read from).

    When the stored ``next_change_at`` has passed (a page expired, a clinic opened), the
    version is advanced first, so no answer built before that instant is served after it.
    """
    state = _read()
    if state.next_change_at is not None and state.next_change_at <= timezone.now():
        with transaction.atomic():
            bump_content_version()
        if _is_shared(response_cache()):
            _copy_to_cache()
        state = _read_database()
    return state


def current_version() -> int:
    """The content version now: :func:`current_state`'s ``value``."""
    return current_state().value


def _copy_to_cache() -> None:
    cache = response_cache()
    if _is_shared(cache):
        try:
            cache.set(VERSION_CACHE_KEY, _read_database(), VERSION_COPY_TIMEOUT)
        except Exception:  # the cache is down: readers fall back to the database on a miss
            logger.exception("Could not copy the content version to the cache")
            cache.delete(VERSION_CACHE_KEY)


@on_recovery
def _refresh_copy_after_outage(location: str) -> None:
    """A bump committed while Redis was away could not replace the version copy there, which
    may still hold the number from before (a network outage keeps Redis's data): replace it
    before anything reads it, or stored answers of that old number would be served again."""
    cache = response_cache()
    if isinstance(cache, TolerantRedisCache) and cache.location == location:
        _copy_to_cache()


def next_change_at(now: datetime) -> datetime | None:
    """The first instant after ``now`` at which an answer changes with no edit: a live page or
    snippet reaching its ``expire_at``, or published clinic hours opening or closing."""
    from django.apps import apps
    from wagtail.models import DraftStateMixin, Page

    from wagtail_neuro.models import ClinicHoursSnippet
    from wagtail_neuro.visibility import published

    instants: list[datetime] = []
    for model in apps.get_models():
        if not issubclass(model, DraftStateMixin) or (
            issubclass(model, Page) and model is not Page
        ):
            continue
        soonest = model._default_manager.filter(live=True, expire_at__gt=now).aggregate(
            soonest=Min("expire_at")
        )["soonest"]
        if soonest is not None:
            instants.append(soonest)
    for hours in published(ClinicHoursSnippet.objects.all()):
        try:
            change = hours.next_change(now)
        except Exception:  # an unreadable schedule must not break publishing
            logger.exception("Could not work out the next change of %r", hours)
            continue
        if change is not None:
            instants.append(change.at)
    return min(instants, default=None)


class Recompute(enum.Enum):
    """The one value of :data:`RECOMPUTE` (an enum member, so type checkers can tell it from an
    instant and from ``None``)."""

    RECOMPUTE = "RECOMPUTE"


#: ``bump_content_version(sooner=RECOMPUTE)``: read every schedule again (always right).
RECOMPUTE: Final = Recompute.RECOMPUTE

#: What a write can do to the next scheduled change: bring it forward to an instant, leave it
#: (``None``), or :data:`RECOMPUTE`.
Sooner = datetime | Recompute | None


def sooner_change(instance: Any) -> Sooner:
    """What writing ``instance`` can do to :func:`next_change_at`, for
    ``bump_content_version(sooner=...)``: ``RECOMPUTE`` for clinic hours (their schedule is in
    the row), the ``expire_at`` of a live page or snippet that expires later, else ``None``.

    Why this is enough: the next change is the soonest ``expire_at`` of live objects with a
    draft state, or the next opening or closing of published clinic hours. A write to anything
    else leaves both alone, and a page or snippet written can bring the instant forward only to
    its own ``expire_at``. A write that puts the true instant later (an unpublish, a delete, an
    expiry removed) leaves the stored one too soon, which costs one extra bump when it comes,
    and that bump reads every schedule again.
    """
    from wagtail_neuro.models import ClinicHoursSnippet

    if isinstance(instance, ClinicHoursSnippet):
        return RECOMPUTE
    expire_at = getattr(instance, "expire_at", None)
    if getattr(instance, "live", False) and expire_at is not None and expire_at > timezone.now():
        return expire_at
    return None


def bump_content_version(
    *,
    page_ids: Iterable[int] | None = None,
    sooner: Sooner = RECOMPUTE,
    **_signal_kwargs: Any,
) -> None:
    """Advance the content version, in the caller's transaction (a rollback undoes it).

    ``page_ids``: the change is confined to these pages, so only their stored representations
    and those of the pages showing them are retired; without it (the default, and the safe
    choice for anything else) every stored representation is.

    ``sooner``: how the change can move the next scheduled change (:func:`sooner_change`):
    ``RECOMPUTE`` (the default, the safe choice) reads every schedule again; an instant keeps
    the stored one unless that is sooner; ``None`` keeps it. (Reading every schedule on each of
    the dozen saves of one publish was a third of the time this function took.)

    Accepts any signal's keyword arguments, so it can be connected to a signal directly.
    """
    from wagtail_neuro.models import ContentVersion

    row = ContentVersion.objects.filter(pk=VERSION_ROW)
    changes: dict[str, Any] = {"value": F("value") + 1}
    if sooner is RECOMPUTE:
        changes["next_change_at"] = next_change_at(timezone.now())
    elif sooner is not None:
        instant = Value(sooner, output_field=models.DateTimeField())
        changes["next_change_at"] = Least(Coalesce(F("next_change_at"), instant), instant)
    if page_ids is None:
        changes["epoch"] = F("value") + 1
    if not row.update(**changes):
        try:
            with transaction.atomic():
                ContentVersion.objects.create(
                    pk=VERSION_ROW,
                    value=1,
                    next_change_at=next_change_at(timezone.now()),
                    epoch=1,
                )
        except IntegrityError:  # created concurrently
            row.update(**changes)
    if page_ids is not None:
        _record_page_changes(set(page_ids), row)
    transaction.on_commit(_copy_to_cache)


def pages_showing(page_ids: set[int]) -> set[int]:
    """``page_ids`` and the pages whose output shows one of them: those linking to it
    (:func:`wagtail_neuro.invalidation.referring_page_ids`) and those it links to through an
    inline panel (a related condition lists the pages naming it)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    from wagtail_neuro.invalidation import referring_page_ids

    if not page_ids:
        return set()
    page_type = ContentType.objects.get_for_model(Page)
    linked = ReferenceIndex.objects.filter(
        base_content_type=page_type,
        object_id__in=[str(pk) for pk in page_ids],
        to_content_type=page_type,
    ).values_list("to_object_id", flat=True)
    found = {int(pk) for pk in linked if str(pk).isdigit()}
    return set(page_ids) | found | referring_page_ids(Page, page_ids)


def _record_page_changes(page_ids: set[int], row: Any) -> None:
    """Mark the stored representations of ``page_ids`` and of the pages showing them as out of
    date at the version just written (one upsert)."""
    from wagtail_neuro.models import PageChange

    ids = pages_showing(page_ids)  # an id of a page gone (a stale index entry) harms nothing
    version = row.values_list("value", flat=True).first()
    PageChange.objects.bulk_create(
        [PageChange(page_id=pk, version=version) for pk in sorted(ids)],
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=["version"],
    )


@cache
def _is_bookkeeping(model: type[models.Model]) -> bool:
    """Models written as a side effect of editing or serving, never shown as content."""
    from wagtail.images.models import AbstractRendition
    from wagtail.models import (
        BaseLogEntry,
        Comment,
        CommentReply,
        PageSubscription,
        ReferenceIndex,
        Revision,
        TaskState,
        WorkflowState,
    )

    from wagtail_neuro.models import ContentVersion

    if model.__module__ == "__fake__":  # a migration's historical model: no version table yet
        return True
    if model._meta.app_label in IGNORED_APP_LABELS:
        return True
    bookkeeping = (
        ContentVersion,
        Revision,
        AbstractRendition,
        BaseLogEntry,
        ReferenceIndex,
        TaskState,
        WorkflowState,
        PageSubscription,
        Comment,
        CommentReply,
    )
    return issubclass(model, bookkeeping)


def _has_draft_state(model: type[models.Model]) -> bool:
    from wagtail.models import DraftStateMixin, Page

    return issubclass(model, DraftStateMixin | Page)


#: True while ``migrate`` runs: the version table may not exist yet, and there is nothing to
#: invalidate in a database being built.
_migrating = False


def _migration_started(**_kwargs: Any) -> None:
    global _migrating
    _migrating = True


def _migration_finished(**_kwargs: Any) -> None:
    global _migrating
    _migrating = False


def _pages_changed(instance: Any) -> list[int] | None:
    """The pages a saved or deleted ``instance`` is confined to, or ``None`` when its change
    may show anywhere (see :func:`bump_content_version`).

    A page: itself, unless it has children (their breadcrumbs and URLs show it). A row of a
    page's inline panel (a ``ParentalKey`` to a page: tags, aliases, related links): that page
    and every page the row links to."""
    from modelcluster.fields import ParentalKey
    from wagtail.models import Page

    if isinstance(instance, Page):
        if instance.pk is None or instance.numchild or _has_children(instance):
            return None
        return [instance.pk]
    meta = instance._meta
    parents = [
        field
        for field in meta.concrete_fields
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page)
    ]
    if not parents:
        return None
    linked = [
        getattr(instance, field.attname)
        for field in meta.concrete_fields
        if field.is_relation and field.related_model and issubclass(field.related_model, Page)
    ]
    return [pk for pk in linked if pk is not None]


def _has_children(page: Any) -> bool:
    """Asked of the database: ``numchild`` of an instance loaded before a child was added is
    stale."""
    from wagtail.models import Page

    return Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).exists()


def _on_save(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    if _migrating or kwargs.get("raw") or _is_bookkeeping(sender):
        return
    update_fields = kwargs.get("update_fields")
    if (
        _has_draft_state(sender)
        and update_fields is not None
        and set(update_fields) <= DRAFT_ONLY_FIELDS
    ):
        return  # a draft saved: the live content is unchanged
    bump_content_version(page_ids=_pages_changed(instance), sooner=sooner_change(instance))


def _on_delete(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    """A page deleted may show anywhere (its descendants go too); a row of its inline panels
    (publishing replaces them) is confined to it and the pages the row linked to."""
    from wagtail.models import Page

    if _migrating or _is_bookkeeping(sender):
        return
    bump_content_version(
        page_ids=None if isinstance(instance, Page) else _pages_changed(instance),
        sooner=None,  # what is gone brings no change forward (see sooner_change)
    )


def _on_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A page published or unpublished (Wagtail sends ``page_published`` and ``published`` for
    a page): confined to it and the pages showing it; a snippet: anywhere."""
    bump_content_version(page_ids=_pages_changed(instance), sooner=sooner_change(instance))


def connect() -> None:
    """Connect the signals that advance the version (idempotent, by ``dispatch_uid``)."""
    from wagtail.signals import (
        page_published,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    for signal in (page_published, page_unpublished, published, unpublished):
        signal.connect(_on_published, dispatch_uid="wagtail_neuro_content_version")
    post_page_move.connect(bump_content_version, dispatch_uid="wagtail_neuro_content_version")
    post_save.connect(_on_save, dispatch_uid="wagtail_neuro_content_version")
    post_delete.connect(_on_delete, dispatch_uid="wagtail_neuro_content_version")
    pre_migrate.connect(_migration_started, dispatch_uid="wagtail_neuro_content_version")
    post_migrate.connect(_migration_finished, dispatch_uid="wagtail_neuro_content_version")
