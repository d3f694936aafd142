"""Listing totals (:mod:`wagtail_neuro.api.totals`): counted once per content version, and
counted again after anything that changes what the listing holds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.rest.conftest import make_article

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=wagtail_neuro.ArticlePage&limit=1"


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.WAGTAIL_NEURO_RESPONSE_CACHE = None


def total(client, url: str = LISTING) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    return response.json()["meta"]["total_count"], counts


def test_a_total_is_counted_once_per_content_version(client, article, blog, image):
    make_article(blog, image, title="Second")
    first, counts = total(client)
    assert first == 2 and len(counts) == 1
    assert total(client) == (2, [])
    assert total(client, LISTING + "&offset=1") == (2, [])  # paging keeps the total


def test_a_publish_or_unpublish_counts_again(client, article, blog, image):
    assert total(client)[0] == 1
    second = make_article(blog, image, title="Second")
    counted, counts = total(client)
    assert counted == 2 and len(counts) == 1
    second.unpublish()
    assert total(client)[0] == 1


def test_each_filter_has_its_own_total(client, article, blog, image):
    tagged = make_article(blog, image, title="Tagged")
    tagged.tags.add("rare-tag")
    tagged.save_revision().publish()
    assert total(client)[0] == 2
    assert total(client, LISTING + "&tags=rare-tag")[0] == 1
    assert total(client)[0] == 2


def test_totals_follow_the_fragments_switch(client, article, settings):
    settings.WAGTAIL_NEURO_PAGE_FRAGMENTS = False
    total(client)
    assert len(total(client)[1]) == 1
