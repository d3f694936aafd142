"""Fixtures for the block tests; the site tree (``home``) comes from tests/conftest.py."""

import pytest
from django.core.cache import cache
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.testapp.models import HomePage


@pytest.fixture
def image(db):
    # Wagtail caches renditions by image id, and ids repeat after each test's rollback
    cache.clear()
    return get_image_model().objects.create(
        title="Nerve conduction study", file=get_test_image_file(size=(640, 480))
    )


@pytest.fixture
def page(home):
    """A live, public page; its type does not matter to the blocks that link to it."""
    return home.add_child(instance=HomePage(title="Book an appointment", slug="book"))


@pytest.fixture
def draft_page(home):
    return home.add_child(instance=HomePage(title="Draft", slug="draft", live=False))
