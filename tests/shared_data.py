"""Data built once for a module or session and rolled back after it (``build_once``), and the
migrations' data put back after a transactional test flushed it (``restore_initial_data_if_flushed``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.core.cache import caches
from django.db import connections, transaction

T = TypeVar("T")


def build_once(django_db_blocker: Any, build: Callable[[], T]) -> Iterator[T]:
    """Run ``build`` once inside an open transaction and yield its result; roll it back after.

    For module- or session-scoped fixtures: each test's own ``db`` transaction nests inside
    this one as a savepoint, so a test still sees the built data and rolls back only its own
    changes. A module that uses it must not mix in ``transactional_db`` tests (they would see,
    and truncate, the shared data). Yield primary keys or plain values, not model instances a
    test could change in memory, and reload them in a function-scoped fixture.
    """
    atomics = []
    with django_db_blocker.unblock():
        for alias in connections:
            atomic = transaction.atomic(using=alias)
            atomic.__enter__()
            atomics.append((alias, atomic))
        try:
            built = build()
        except BaseException:
            rollback(atomics)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            rollback(atomics)


def rollback(atomics: list[tuple[str, Any]]) -> None:
    for alias, atomic in reversed(atomics):
        transaction.set_rollback(True, using=alias)
        atomic.__exit__(None, None, None)
    # Wagtail caches site root paths (and more) in the cache; drop what the data left there.
    for cache in caches.all(initialized_only=True):
        cache.clear()


# ---------------------------------------------------------------- the migrations' data

#: Per database alias: everything the migrations wrote (JSON, Django's test serialisation).
INITIAL_DATA: dict[str, str] = {}
#: Aliases flushed since their initial data was last put back (``post_migrate`` after a flush).
FLUSHED: set[str] = set()


def _flushed(sender: Any, using: str = "default", **kwargs: Any) -> None:
    FLUSHED.add(using)


def snapshot_initial_data() -> None:
    """Remember what the migrations wrote in each test database (called once per process,
    right after the databases are created), and watch for flushes from then on.

    A transactional test (``transactional_db``, ``live_server``) ends with Django's flush,
    which empties every table and then sends ``post_migrate`` (content types and permissions
    come back; the default locale, the root page, the default site, the root collection and
    Wagtail's editor groups do not). Wagtail and the tests after it need those rows."""
    from django.db.models.signals import post_migrate

    for alias in connections:
        INITIAL_DATA[alias] = connections[alias].creation.serialize_db_to_string()
    FLUSHED.clear()
    post_migrate.connect(_flushed, dispatch_uid="tests.shared_data.flushed")


def restore_initial_data_if_flushed(config: Any) -> None:
    """After a test that flushed a database: empty it again without the ``post_migrate``
    re-creation (whose content types would clash with the snapshot's ids), load the snapshot
    and move PostgreSQL's sequences past its ids. Cheap when nothing was flushed."""
    if not FLUSHED:
        return
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for alias in sorted(FLUSHED):
            if alias not in INITIAL_DATA:
                continue
            connection = connections[alias]
            call_command(
                "flush", interactive=False, database=alias, inhibit_post_migrate=True, verbosity=0
            )
            connection.creation.deserialize_db_from_string(INITIAL_DATA[alias])
            reset = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
            if reset:
                with connection.cursor() as cursor:
                    for statement in reset:
                        cursor.execute(statement)
    FLUSHED.clear()
    ContentType.objects.clear_cache()
    for cache in caches.all(initialized_only=True):
        cache.clear()
