"""Stored page representations (:mod:`wagtail_neuro.fragments`): read back while nothing they
show has changed, never after.

The response cache is off throughout (``WAGTAIL_NEURO_RESPONSE_CACHE = None``), so every request
reaches the view and only the stored fragments can make two answers share work.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.api.rest.conftest import make_article
from tests.factories import ArticleIndexPageFactory
from wagtail_neuro import fragments
from wagtail_neuro.cache import bump_content_version
from wagtail_neuro.cache.version import current_state
from wagtail_neuro.models import ContentVersion, PageChange, PageFragment

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*"


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.WAGTAIL_NEURO_RESPONSE_CACHE = None


def _items(client, url: str = LISTING) -> dict[int, dict]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()["items"]}


def _condition_names(item: dict) -> list[str]:
    return [
        entry["page"]["title"] if entry.get("page") else None
        for block in item["body"]
        if block["type"] == "condition_list"
        for entry in block["value"]["items"]
    ]


def test_the_first_answer_stores_and_the_next_reads_the_same_bytes(client, article):
    first = client.get(LISTING)
    assert PageFragment.objects.filter(page=article).count() == 1
    with CaptureQueriesContext(connection) as queries:
        second = client.get(LISTING)
    assert second.content == first.content
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    # nothing of the page's body, tags, categories or images was read again
    assert "wagtail_neuro_articlepagetag" not in sql
    assert "wagtailimages_rendition" not in sql
    assert "wagtail_neuro_pagefragment" in sql


def test_the_detail_reads_the_listings_fragment(client, article):
    _items(client)
    with CaptureQueriesContext(connection) as queries:
        detail = client.get(f"/api/v2/pages/{article.pk}/")
    assert detail.status_code == 200
    assert detail.json()["body"] == _items(client)[article.pk]["body"]
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "wagtail_neuro_articlepagetag" not in sql


def test_publishing_a_page_retires_its_fragment_and_no_other(client, article, blog, image):
    other = make_article(blog, image, title="Other", body="[]")
    _items(client)
    kept = PageFragment.objects.get(page=other)
    article.summary = "A new summary for the search snippet"
    article.save_revision().publish()
    items = _items(client)
    assert items[article.pk]["seo"]["description"] == "A new summary for the search snippet"
    # the other article's fragment was read, not rebuilt and stored again
    assert PageFragment.objects.get(page=other).version == kept.version


def test_a_linked_page_changing_reaches_the_pages_that_show_it(client, article, condition):
    assert _condition_names(_items(client)[article.pk]) == ["Lupus"]
    condition.title = "Systemic lupus"
    condition.save_revision().publish()
    assert PageChange.objects.filter(page=article).exists()
    assert _condition_names(_items(client)[article.pk]) == ["Systemic lupus"]


def test_a_linked_page_unpublished_leaves_the_pages_that_showed_it(client, article, condition):
    assert _condition_names(_items(client)[article.pk]) == ["Lupus"]
    condition.unpublish()
    assert _condition_names(_items(client)[article.pk]) == [None]


def test_a_snippet_change_retires_every_fragment(client, article):
    _items(client)
    epoch = current_state().epoch
    article.author.name = "Dr Renamed"
    article.author.save()
    assert current_state().epoch > epoch
    item = _items(client)[article.pk]
    assert item["author"]["name"] == "Dr Renamed"
    assert "Dr Renamed" in json.dumps(item["jsonld"])


def test_time_alone_retires_every_fragment(client, article, condition):
    """A linked page passing its ``expire_at`` disappears from the pages linking to it, though
    no signal is sent at that instant."""
    condition.expire_at = timezone.now() + timedelta(hours=1)
    condition.save_revision().publish()
    assert _condition_names(_items(client)[article.pk]) == ["Lupus"]
    ContentVersion.objects.update(next_change_at=timezone.now() - timedelta(seconds=1))
    condition.expire_at = timezone.now() - timedelta(seconds=1)
    type(condition).objects.filter(pk=condition.pk).update(expire_at=condition.expire_at)
    assert _condition_names(_items(client)[article.pk]) == [None]


def test_a_fragment_built_before_a_change_is_not_used_after_it(client, article, rf):
    """A reader that read the version before a publish, and stores after it, stores something
    no later answer uses."""
    request = rf.get(LISTING)
    stale_key = fragments.fragment_key(request, None)
    article.summary = "Changed while the slow reader was building"
    article.save_revision().publish()
    old = type(article).objects.get(pk=article.pk)
    old.__dict__[fragments.BUILT] = dict.fromkeys(fragments.stored_field_names(type(old)), "stale")
    assert fragments.store([old], stale_key) == 1
    item = _items(client)[article.pk]
    assert item["seo"]["description"] == "Changed while the slow reader was building"
    assert item["body"] != "stale"


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_AUTHORIZATION": "Bearer abc"}, {"HTTP_COOKIE": "sessionid=abc"}],
    ids=["public", "bearer", "session"],
)
def test_the_version_is_read_before_the_page(client, article, headers):
    """A fragment is stored under the version read before its page was: a private answer
    (which the response cache leaves alone) stores fragments too."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/api/v2/pages/{article.pk}/", **headers).status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]
    version = next(i for i, text in enumerate(sql) if "wagtail_neuro_contentversion" in text)
    page = next(i for i, text in enumerate(sql) if 'FROM "wagtailcore_page"' in text)
    assert version < page


def test_each_variant_is_stored_apart(client, article, settings):
    html = _items(client)[article.pk]
    markdown = _items(client, LISTING + "&rich_text_format=markdown")[article.pk]
    assert PageFragment.objects.filter(page=article).count() == 2
    paragraph = [block for block in markdown["body"] if block["type"] == "paragraph"]
    assert paragraph and "<p>" not in paragraph[0]["value"]
    assert _items(client)[article.pk] == html
    settings.WAGTAIL_NEURO_MEDIA_BASE_URL = "https://cdn.example.org"
    hero = _items(client)[article.pk]["hero_image"]
    assert json.dumps(hero).count("https://cdn.example.org/") > 0
    assert PageFragment.objects.filter(page=article).count() == 3


def test_previews_and_sub_field_selections_neither_read_nor_store(client, article):
    article.title = "Secret draft"
    article.save_revision()
    token = article.create_page_preview().token
    response = client.get("/api/v2/pages/preview/", {"token": token})
    assert response.status_code == 200
    assert b"Secret draft" in response.content
    assert not PageFragment.objects.exists()
    assert client.get(LISTING.replace("fields=*", "fields=author(name)")).status_code == 200
    assert not PageFragment.objects.exists()
    # the public answer, built now, holds the live title, not the draft's
    assert b"Secret draft" not in client.get(f"/api/v2/pages/{article.pk}/").content
    assert PageFragment.objects.filter(page=article).exists()


def test_fragments_can_be_turned_off(client, article, settings):
    settings.WAGTAIL_NEURO_PAGE_FRAGMENTS = False
    _items(client)
    assert not PageFragment.objects.exists()


def test_only_changes_confined_to_pages_leave_the_epoch(article, condition, image):
    epoch = current_state().epoch
    article.save_revision().publish()
    condition.save_revision().publish()
    assert current_state().epoch == epoch
    image.title = "Renamed"
    image.save()
    assert current_state().epoch > epoch
    epoch = current_state().epoch
    bump_content_version()
    assert current_state().epoch > epoch


def test_a_parent_page_changing_reaches_its_children(client, home, image):
    """An article's breadcrumbs show its index's title. The index here was loaded before the
    article was added under it (its ``numchild`` is stale), and still counts as a parent."""
    index = ArticleIndexPageFactory(parent=home, title="Blog")
    stale = type(index).objects.get(pk=index.pk)
    child = make_article(index, image, title="Child", body="[]")
    assert "Blog" in json.dumps(_items(client)[child.pk]["jsonld"])
    assert stale.numchild == 0
    epoch = current_state().epoch
    stale.title = "Clinic journal"
    stale.save_revision().publish()
    assert current_state().epoch > epoch
    assert "Clinic journal" in json.dumps(_items(client)[child.pk]["jsonld"])
