"""The content version: one number that every change visible in the feeds advances.

Cached answers and ETags are keyed on it, so a publish makes every stored answer unreachable at
once, on every server, without knowing which URLs showed the page. That is what makes the cache
never stale without a list of URLs to purge.

The truth is a database row (:class:`~wagtail_neuro.models.ContentVersion`), advanced by an
``UPDATE … SET value = value + 1`` inside the transaction that changes the content: a reader that
sees the new content also sees the new number. Every process reads it, including a second app
server and ``publish_scheduled`` run by cron. With a cache shared between processes (Redis,
Memcached) the number is also kept there, written after each commit, so a cached answer costs no
database query; with a process-local cache (local memory, the default) it is read from the
database on each request (one primary-key query).

What advances it (connected by :func:`connect`, from ``AppConfig.ready``):

* ``page_published``, ``page_unpublished``, ``post_page_move`` and Wagtail's ``published`` /
  ``unpublished`` (snippets with draft state): publishing by hand, by workflow, by
  ``publish_scheduled`` or by any management command goes through these;
* ``post_save`` / ``post_delete`` of every other model, except the bookkeeping ones listed in
  :data:`IGNORED_APP_LABELS` and :func:`_is_bookkeeping` (revisions, renditions, logs, sessions,
  search index …) and except a page's or snippet's draft-only saves. So deleting a page, renaming
  an author, a tag or an image, or editing a site advances it too.

Bulk ``QuerySet.update()`` sends no signal: call :func:`bump_content_version` (or
``manage.py bump_content_version``) after one.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

from django.core.cache import BaseCache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_migrate, post_save, pre_migrate

from wagtail_neuro.conf import neuro_settings

__all__ = [
    "VERSION_CACHE_KEY",
    "bump_content_version",
    "connect",
    "current_version",
    "is_process_local",
    "response_cache",
]

logger = logging.getLogger(__name__)

VERSION_CACHE_KEY = "wagtail_neuro:content-version"
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
        "wagtailredirects",
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


def _read_database() -> int:
    from wagtail_neuro.models import ContentVersion

    values = list(ContentVersion.objects.filter(pk=VERSION_ROW).values_list("value", flat=True))
    return values[0] if values else 0


def current_version() -> int:
    """The content version now (see the module doc for where it is read from)."""
    cache = response_cache()
    if not _is_shared(cache):
        return _read_database()
    value = cache.get(VERSION_CACHE_KEY)
    if value is None:
        value = _read_database()
        # add(), not set(): a bump that committed meanwhile has written a newer number
        cache.add(VERSION_CACHE_KEY, value, VERSION_COPY_TIMEOUT)
    return value


def _copy_to_cache() -> None:
    cache = response_cache()
    if _is_shared(cache):
        try:
            cache.set(VERSION_CACHE_KEY, _read_database(), VERSION_COPY_TIMEOUT)
        except Exception:  # the cache is down: readers fall back to the database on a miss
            logger.exception("Could not copy the content version to the cache")
            cache.delete(VERSION_CACHE_KEY)


def bump_content_version(**_signal_kwargs: Any) -> None:
    """Advance the content version, in the caller's transaction (a rollback undoes it).

    Accepts any signal's keyword arguments, so it can be connected to a signal directly.
    """
    from wagtail_neuro.models import ContentVersion

    updated = ContentVersion.objects.filter(pk=VERSION_ROW).update(value=F("value") + 1)
    if not updated:
        try:
            with transaction.atomic():
                ContentVersion.objects.create(pk=VERSION_ROW, value=1)
        except IntegrityError:  # created concurrently
            ContentVersion.objects.filter(pk=VERSION_ROW).update(value=F("value") + 1)
    transaction.on_commit(_copy_to_cache)


@cache
def _is_bookkeeping(model: type[models.Model]) -> bool:
    """Models written as a side effect of editing or serving, never shown as content."""
    from wagtail.images.models import AbstractRendition
    from wagtail.models import (
        BaseLogEntry,
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
    bump_content_version()


def _on_delete(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    if not _migrating and not _is_bookkeeping(sender):
        bump_content_version()


def connect() -> None:
    """Connect the signals that advance the version (idempotent, by ``dispatch_uid``)."""
    from wagtail.signals import (
        page_published,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(bump_content_version, dispatch_uid="wagtail_neuro_content_version")
    post_save.connect(_on_save, dispatch_uid="wagtail_neuro_content_version")
    post_delete.connect(_on_delete, dispatch_uid="wagtail_neuro_content_version")
    pre_migrate.connect(_migration_started, dispatch_uid="wagtail_neuro_content_version")
    post_migrate.connect(_migration_finished, dispatch_uid="wagtail_neuro_content_version")
