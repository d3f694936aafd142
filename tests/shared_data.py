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
#: Per database alias: the number of rows of each table right after the migrations.
INITIAL_COUNTS: dict[str, dict[str, int]] = {}
#: Aliases flushed since their initial data was last put back (``post_migrate`` after a flush).
FLUSHED: set[str] = set()


def _flushed(sender: Any, using: str = "default", **kwargs: Any) -> None:
    FLUSHED.add(using)


def row_counts(alias: str) -> dict[str, int]:
    """The number of rows of every table of the installed models (and their m2m tables)."""
    from django.apps import apps

    connection = connections[alias]
    tables = sorted(
        {
            table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
            for table in [model._meta.db_table]
        }
        & set(connection.introspection.table_names())
    )
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


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
        INITIAL_COUNTS[alias] = row_counts(alias)
    FLUSHED.clear()
    post_migrate.connect(_flushed, dispatch_uid="tests.shared_data.flushed")


class DatabaseNotRestored(AssertionError):
    """After a transactional test the database is not as the migrations left it."""


def restore_initial_data(config: Any, aliases: set[str]) -> None:
    """After a transactional test: empty its databases again without the ``post_migrate``
    re-creation (whose content types would clash with the snapshot's ids), load the snapshot
    and move PostgreSQL's sequences past its ids; then check every table holds as many rows
    as right after the migrations.

    Done whether or not the test's own flush worked (``aliases`` are all the databases the
    test could write to; :data:`FLUSHED` says which flushes worked): a flush that failed
    (say, a request still writing when it ran) left the test's rows behind, and they would
    break every later test in this process. That test fails here instead
    (:class:`DatabaseNotRestored`), once its database is clean again."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from pytest_django.plugin import blocking_manager_key

    problems = []
    with config.stash[blocking_manager_key].unblock():
        for alias in sorted((aliases | FLUSHED) & INITIAL_DATA.keys()):
            if alias not in FLUSHED:
                problems.append(
                    f"the database {alias!r} was not flushed after the test (see the error "
                    "in its teardown); it has been emptied and restored now"
                )
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
            counts = row_counts(alias)
            if counts != INITIAL_COUNTS[alias]:
                wrong = {
                    table: (count, INITIAL_COUNTS[alias].get(table))
                    for table, count in counts.items()
                    if count != INITIAL_COUNTS[alias].get(table)
                }
                problems.append(
                    f"the database {alias!r} does not hold the migrations' data after the "
                    f"restore (table: (rows now, rows after the migrations)): {wrong}"
                )
    FLUSHED.clear()
    ContentType.objects.clear_cache()
    for cache in caches.all(initialized_only=True):
        cache.clear()
    if problems:
        raise DatabaseNotRestored("; ".join(problems))
