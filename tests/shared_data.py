"""Data built once for a module or session and rolled back after it (``build_once``)."""

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
