"""``load_demo`` on an empty or an existing database: where it builds the demo, what it refuses,
which address the site answers at, and what it prints. The demo's content is checked once per
module in ``test_demo_content.py``."""

from __future__ import annotations

import pytest
from demo import content as demo
from demo.management.commands.load_demo import DEMO_PASSWORD, DEMO_USERNAME
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from wagtail.models import Page, Site

from tests.example_site.demo_loading import (
    ARTICLE,
    EXPECTED_TREE,
    counts,
    demo_tree,
    load_demo,
    site_home,
)
from tests.testapp.models import HomePage
from wagtail_neuro.models import ConditionIndexPage

# ---------------------------------------------------------------- the tree


def test_uses_the_default_sites_root_page_as_home(db):
    before = site_home()
    load_demo()
    assert site_home().pk == before.pk
    assert Site.objects.get(is_default_site=True).site_name == demo.CLINIC_NAME


def test_builds_under_an_existing_home_page(home):
    load_demo()
    assert site_home().pk == home.pk
    assert demo_tree(home) == EXPECTED_TREE


def test_home_model_replaces_the_empty_welcome_page(db):
    load_demo("--home-model", "testapp.HomePage")
    home = site_home()
    assert isinstance(home, HomePage)
    assert home.slug == "home" and home.live
    assert Page.objects.filter(depth=2).count() == 1
    assert demo_tree(home) == EXPECTED_TREE
    # and the second run keeps it
    before = counts()
    load_demo("--home-model", "testapp.HomePage")
    assert counts() == before


def test_home_model_refuses_to_replace_a_page_with_content(db):
    load_demo()
    with pytest.raises(CommandError, match="will not replace"):
        load_demo("--home-model", "testapp.HomePage")


def test_home_model_must_be_a_page_model(db):
    with pytest.raises(CommandError, match="not a Wagtail page model"):
        load_demo("--home-model", "wagtail_neuro.Author")


def test_refuses_a_page_of_another_type_at_a_demo_slug(home):
    home.add_child(instance=ConditionIndexPage(title="Blog", slug="blog"))
    with pytest.raises(CommandError, match="not a ArticleIndexPage"):
        load_demo()


# ---------------------------------------------------------------- the superuser and the links


def test_no_superuser_unless_asked_when_debug_is_off(db, settings):
    settings.DEBUG = False
    output = load_demo()
    assert not get_user_model().objects.exists()
    assert DEMO_PASSWORD not in output


def test_prints_the_site_admin_and_login(db):
    output = load_demo(superuser=True)
    assert f"/blog/{ARTICLE}/" in output
    assert "/admin/" in output
    assert f"{DEMO_USERNAME} / {DEMO_PASSWORD}" in output


# ---------------------------------------------------------------- the address (make demo PORT=)


def test_the_site_answers_at_the_base_url_and_the_api_links_there(db, client, settings):
    settings.ROOT_URLCONF = "tests.api.rest.urls"
    output = load_demo("--base-url", "http://127.0.0.1:8123/")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert f"http://127.0.0.1:8123/blog/{ARTICLE}/" in output
    assert "http://127.0.0.1:8123/admin/" in output
    assert ":8000" not in output

    article = Page.objects.get(slug=ARTICLE)
    detail = client.get(f"/api/v2/pages/{article.pk}/", HTTP_HOST="127.0.0.1:8123").json()
    assert detail["meta"]["html_url"] == f"http://127.0.0.1:8123/blog/{ARTICLE}/"


def test_another_port_moves_the_site_without_copying_anything(db):
    load_demo("--base-url", "http://127.0.0.1:8123")
    before = counts()
    output = load_demo("--base-url", "http://127.0.0.1:8124")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8124)
    assert counts() == before
    assert "0 created, 1 updated" in output


def test_without_a_base_url_the_demo_is_at_port_8000(db, settings):
    settings.WAGTAILADMIN_BASE_URL = ""
    output = load_demo()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert f"http://127.0.0.1:8000/blog/{ARTICLE}/" in output


def test_the_base_url_defaults_to_the_admin_base_url(db, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://clinic.example.com"
    load_demo()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("clinic.example.com", 443)


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
