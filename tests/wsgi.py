"""Django's WSGI handler for tests that drive the app as a WSGI server would (schemathesis)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

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
