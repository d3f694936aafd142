"""Author and Category snippets."""

from __future__ import annotations

import pytest

from wagtail_neuro.models import Author, Category

pytestmark = pytest.mark.django_db


def test_slugs_are_built_from_names_and_kept_unique():
    first = Author.objects.create(name="Care Manager")
    second = Author.objects.create(name="Care Manager")
    assert (first.slug, second.slug) == ("care-manager", "care-manager-2")
    assert Category.objects.create(name="Integrative Health").slug == "integrative-health"


def test_an_editor_chosen_slug_is_kept():
    assert Author.objects.create(name="Dr. Lee", slug="lee").slug == "lee"


def test_author_str_shows_credentials():
    assert str(Author(name="Jane Roe", credentials="DACM, L.Ac.")) == "Jane Roe, DACM, L.Ac."
    assert str(Author(name="Care Manager")) == "Care Manager"
