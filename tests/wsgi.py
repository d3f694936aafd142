"""Helpers for tests that drive the app as clients do: Django's WSGI handler (schemathesis) and
a throttle counter of a test's own."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@contextmanager
def in_process_wsgi() -> Iterator[WSGIHandler]:
    """A WSGI handler that, like Django's test client, keeps the database connection open
    between requests: ``close_old_connections`` would otherwise end the test's transaction
    (and the data a test built in it)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def own_throttle_counter(settings: Any) -> None:
    """Count this test's requests in a cache of its own: the throttle's counter is per client
    address and minute, which every test's client shares in the default cache."""
    name = f"throttle-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name},
    }
    settings.WAGTAIL_NEURO_THROTTLE_CACHE = name
