"""Fixtures for the fuzzers: the package's URLs, some content, and a WSGI app that runs inside
the test's transaction."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.factories import ArticlePageFactory, ClinicHoursSnippetFactory, ConditionPageFactory
from tests.wsgi import in_process_wsgi


@pytest.fixture
def content(blog, conditions_index) -> None:
    """One page of each kind and a clinic hours snippet, so detail routes have something."""
    ArticlePageFactory(parent=blog, title="Numb feet", slug="numb-feet")
    ConditionPageFactory(parent=conditions_index, title="Neuropathy", slug="neuropathy")
    ClinicHoursSnippetFactory(name="Office Hours", slug="office-hours")


@pytest.fixture
def wsgi_app(settings, content) -> Iterator[Any]:
    """Django's WSGI handler for ``wagtail_neuro.urls`` (see :func:`tests.wsgi.in_process_wsgi`)."""
    settings.ROOT_URLCONF = "tests.security.hostile_urls"
    with in_process_wsgi() as app:
        yield app
