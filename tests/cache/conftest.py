"""Fixtures for the cache backend's tests: REST and GraphQL mounted, an image."""

import pytest

from tests.api.rest.conftest import image  # noqa: F401


@pytest.fixture(autouse=True)
def api_urls(settings):
    settings.ROOT_URLCONF = "tests.api.urls"  # REST v2, v3 and GraphQL
