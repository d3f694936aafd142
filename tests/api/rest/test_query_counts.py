"""A listing costs a fixed number of queries: 20 articles with every field as many as one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.rest.conftest import make_article, rich_body
from tests.factories import AuthorFactory, ConditionPageFactory

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*&limit=20"


def _count(client, url: str) -> int:
    client.get(url)  # renditions are created on the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _content(blog, conditions_index, image, clinic_hours, start: int, stop: int) -> None:
    """Articles with every field (each its own author) and conditions with aliases and codes."""
    for n in range(start, stop):
        condition = ConditionPageFactory(
            parent=conditions_index, title=f"Condition {n}", hero_image=image
        )
        condition.also_known_as.create(name=f"Alias {n}")
        condition.icd10_codes.create(code="G62.9", description="Polyneuropathy")
        condition.save_revision().publish()
        author = AuthorFactory(name=f"Author {n}", photo=image)
        # each body links to its own condition page: page choosers are looked up and checked
        # for visibility in bulk, not once per link
        make_article(
            blog,
            image,
            title=f"Post {n}",
            author=author,
            body=rich_body(image, condition=condition, hours=clinic_hours),
        )


@pytest.mark.parametrize(
    "url",
    [LISTING, "/api/v3/articles/?limit=20", "/api/v3/conditions/?limit=20"],
)
def test_listing_queries_do_not_grow(client, blog, conditions_index, image, clinic_hours, url):
    _content(blog, conditions_index, image, clinic_hours, 0, 1)
    one = _count(client, url)
    _content(blog, conditions_index, image, clinic_hours, 1, 20)
    twenty = _count(client, url)
    assert len(client.get(url).json()["items"]) == 20
    print(f"{url}: 1 item {one} queries, 20 items {twenty} queries")
    assert twenty == one


def test_listing_query_budget(client, blog, conditions_index, image, clinic_hours):
    _content(blog, conditions_index, image, clinic_hours, 0, 20)
    assert _count(client, LISTING) <= 20
