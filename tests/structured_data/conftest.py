"""The demo (built once per module) and the schema.org vocabulary for structured-data tests."""

from __future__ import annotations

import pytest
from wagtail.models import Page, Site

from tests.shared_data import build_once
from tests.structured_data.vocabulary import (
    CONTEXT_FILE,
    VOCAB_DIR,
    VOCABULARY_FILE,
    Vocabulary,
)


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    if not (VOCABULARY_FILE.is_file() and CONTEXT_FILE.is_file()):
        pytest.skip(
            f"the schema.org 30.0 vocabulary is not beside the checkout (looked in {VOCAB_DIR}); "
            "put schemaorg-current-https.jsonld and schemaorgcontext.jsonld in ../shared/vocab"
        )
    return Vocabulary(VOCABULARY_FILE, CONTEXT_FILE)


@pytest.fixture(scope="module")
def demo_home_pk(django_db_setup, django_db_blocker):
    from tests.example_site.demo_loading import load_demo

    def build() -> int:
        load_demo()
        return Site.objects.get(is_default_site=True).root_page_id

    yield from build_once(django_db_blocker, build)


@pytest.fixture
def demo_site(demo_home_pk, db) -> Page:
    return Page.objects.get(pk=demo_home_pk).specific
