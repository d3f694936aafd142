"""The demo, loaded once per test module that asks for it (see ``tests.shared_data.build_once``)."""

from __future__ import annotations

import pytest
from wagtail.models import Page, Site

from tests.example_site.demo_loading import load_demo
from tests.shared_data import build_once


@pytest.fixture(scope="module")
def demo_built(django_db_setup, django_db_blocker) -> dict[str, int]:
    """The demo as ``make demo`` builds it on an empty database (with the superuser): the ids
    of the default site's root page before (``welcome``) and after (``home``) loading it."""

    def build() -> dict[str, int]:
        welcome = Site.objects.get(is_default_site=True).root_page_id
        load_demo(superuser=True)
        return {"welcome": welcome, "home": Site.objects.get(is_default_site=True).root_page_id}

    yield from build_once(django_db_blocker, build)


@pytest.fixture
def demo_site(demo_built, db) -> Page:
    """The demo's home page, fresh from the database for each test."""
    return Page.objects.get(pk=demo_built["home"]).specific
