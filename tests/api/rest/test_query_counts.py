"""A listing costs a fixed number of queries: 1, 20 and 100 items with every field cost the same.

The pages are copies of one article (and one condition) with a body using every block, its own
author with a photo, a hero image, tags, categories, aliases and codes, written in bulk by
``benchmarks/dataset.py``. Counted without the response cache (``WAGTAIL_NEURO_RESPONSE_CACHE =
None``), so every request builds its answer; the content version read is included.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.dataset import clone_page
from tests.api.rest.conftest import make_article, rich_body
from tests.factories import AuthorFactory, ConditionPageFactory

pytestmark = pytest.mark.django_db

LISTINGS = {
    "v2 articles, fields=*": "/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*&limit={n}",
    "v3 article cards": "/api/v3/articles/?limit={n}",
    "v3 condition cards": "/api/v3/conditions/?limit={n}",
}
SIZES = (1, 20, 100)
#: Building every page (no stored representations). The v2 listing was 20: Wagtail's base
#: queryset (every view restriction) is built once per request, and locale, author and photos,
#: hero and sharing images are joined into the listing's query.
BUDGET = {"v2 articles, fields=*": 14, "v3 article cards": 14, "v3 condition cards": 10}
#: Reading the pages' stored representations (wagtail_neuro.fragments): the content version,
#: Wagtail's view restrictions and site, the pages, their fragments (the total is counted once
#: per content version: wagtail_neuro.api.totals).
STORED_BUDGET = 5


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.WAGTAIL_NEURO_RESPONSE_CACHE = None
    settings.WAGTAILAPI_LIMIT_MAX = 100


@pytest.fixture
def content(blog, conditions_index, image, clinic_hours):
    """One article and one condition with every field, then 99 copies of each."""
    condition = ConditionPageFactory(parent=conditions_index, title="Condition", hero_image=image)
    condition.also_known_as.create(name="Alias")
    condition.icd10_codes.create(code="G62.9", description="Polyneuropathy")
    condition.save_revision().publish()
    article = make_article(
        blog,
        image,
        title="Post",
        author=AuthorFactory(name="Author", photo=image),
        body=rich_body(image, condition=condition, hours=clinic_hours),
    )
    clone_page(article, 99)
    clone_page(condition, 99)


def _count(client, url: str) -> int:
    client.get(url)  # renditions are created on the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("name", LISTINGS)
def test_listing_queries_do_not_grow(client, content, name, settings):
    settings.WAGTAIL_NEURO_PAGE_FRAGMENTS = False  # every page built on every request
    counts = {}
    for size in SIZES:
        url = LISTINGS[name].format(n=size)
        assert len(client.get(url).json()["items"]) == size
        counts[size] = _count(client, url)
    print(f"{name}: queries at {SIZES} items: {list(counts.values())}")
    assert len(set(counts.values())) == 1, counts
    assert counts[20] <= BUDGET[name]


def test_a_listing_of_stored_representations_costs_five_queries(client, content):
    """The second answer reads what the first stored, and the total it counted: the same
    bytes, in five queries at any size."""
    url = LISTINGS["v2 articles, fields=*"]
    counts = {}
    for size in SIZES:
        first = client.get(url.format(n=size))
        counts[size] = _count(client, url.format(n=size))
        assert client.get(url.format(n=size)).content == first.content
    print(f"v2 articles, fields=*, stored: queries at {SIZES} items: {list(counts.values())}")
    assert len(set(counts.values())) == 1, counts
    assert counts[20] <= STORED_BUDGET
