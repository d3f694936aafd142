"""The demo content (built once per module) served through the package's REST URLs, and the
OpenAPI document as ``/api/v3/openapi.json`` serves it."""

from __future__ import annotations

from typing import Any

import pytest
from wagtail.models import Site

from tests.example_site.demo_loading import load_demo
from tests.shared_data import build_once


@pytest.fixture(autouse=True)
def api_urls(settings):
    settings.ROOT_URLCONF = "tests.api.rest.urls"


@pytest.fixture(scope="module")
def demo_home_pk(django_db_setup, django_db_blocker) -> int:
    """The demo as ``make demo`` loads it; the default site's root page id."""

    def build() -> int:
        load_demo()
        return Site.objects.get(is_default_site=True).root_page_id

    yield from build_once(django_db_blocker, build)


@pytest.fixture
def served_schema(client, db) -> dict[str, Any]:
    """The OpenAPI document the API serves (not the snapshot in docs/)."""
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200, response.content
    return response.json()
