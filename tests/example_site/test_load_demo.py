"""``load_demo`` on databases other than the empty one: under an existing home page, replacing
Wagtail's welcome page, refusing what it must not touch. The demo it builds on an empty
database, and runs of it again there, are checked in ``test_demo_content.py`` (built once)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError
from wagtail.models import Page, Site

from tests.example_site.demo_loading import (
    EXPECTED_TREE,
    counts,
    default_site_root,
    demo_tree,
    load_demo,
)
from tests.testapp.models import HomePage
from wagtail_neuro.models import ConditionIndexPage

# ---------------------------------------------------------------- the tree


def test_builds_under_an_existing_home_page(home):
    load_demo()
    assert default_site_root().pk == home.pk
    assert demo_tree(home) == EXPECTED_TREE


def test_home_model_replaces_the_empty_welcome_page(db):
    load_demo("--home-model", "testapp.HomePage")
    home = default_site_root()
    assert isinstance(home, HomePage)
    assert home.slug == "home" and home.live
    assert Page.objects.filter(depth=2).count() == 1
    assert demo_tree(home) == EXPECTED_TREE
    # and the second run keeps it
    before = counts()
    load_demo("--home-model", "testapp.HomePage")
    assert counts() == before


def test_home_model_must_be_a_page_model(db):
    with pytest.raises(CommandError, match="not a Wagtail page model"):
        load_demo("--home-model", "wagtail_neuro.Author")


def test_refuses_a_page_of_another_type_at_a_demo_slug(home):
    home.add_child(instance=ConditionIndexPage(title="Blog", slug="blog"))
    with pytest.raises(CommandError, match="not a ArticleIndexPage"):
        load_demo()


# ---------------------------------------------------------------- the address (make demo PORT=)


@pytest.mark.parametrize("base_url", ["127.0.0.1:8123", "ftp://127.0.0.1/", "http://h:99999"])
def test_a_bad_base_url_is_refused_before_anything_is_built(db, base_url):
    before = counts()
    with pytest.raises(CommandError, match="--base-url"):
        load_demo("--base-url", base_url)
    assert counts() == before


def test_an_address_another_site_uses_is_refused(db):
    other_root = Page.get_first_root_node().add_child(instance=Page(title="Other", slug="other"))
    Site.objects.create(hostname="127.0.0.1", port=8123, root_page=other_root)
    with pytest.raises(CommandError, match=r"Another site already answers at 127\.0\.0\.1:8123"):
        load_demo("--base-url", "http://127.0.0.1:8123")
