"""Fixtures for the fuzzers: the package's URLs, some content, and a WSGI app that runs inside
the test's transaction."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from tests.factories import ArticlePageFactory, ClinicHoursSnippetFactory, ConditionPageFactory


@pytest.fixture
def content(blog, conditions_index) -> None:
    """One page of each kind and a clinic hours snippet, so detail routes have something."""
    ArticlePageFactory(parent=blog, title="Numb feet", slug="numb-feet")
    ConditionPageFactory(parent=conditions_index, title="Neuropathy", slug="neuropathy")
    ClinicHoursSnippetFactory(name="Office Hours", slug="office-hours")


@pytest.fixture
def wsgi_app(settings, content) -> Iterator[Any]:
    """Django's WSGI handler for ``wagtail_neuro.urls``. Like Django's test client, it keeps
    the connection open between requests (``close_old_connections`` would otherwise end the
    test's transaction)."""
    settings.ROOT_URLCONF = "tests.security.hostile_urls"
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
