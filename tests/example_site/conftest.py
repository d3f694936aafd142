"""The demo, loaded once per test module that asks for it (see ``tests.conftest.build_once``)."""

from __future__ import annotations

import pytest
from wagtail.models import Page, Site

from tests.example_site.demo_loading import load_demo
from tests.shared_data import build_once


@pytest.fixture(scope="module")
def demo_home_pk(django_db_setup, django_db_blocker):
    """The demo as ``make demo`` builds it on an empty database (with the superuser)."""

    def build() -> int:
        load_demo(superuser=True)
        return Site.objects.get(is_default_site=True).root_page_id

    yield from build_once(django_db_blocker, build)


@pytest.fixture
def demo_site(demo_home_pk, db) -> Page:
    """The demo's home page, fresh from the database for each test."""
    return Page.objects.get(pk=demo_home_pk).specific
