"""Listings over every page type built on the abstract bases: an agency's
``ClinicArticlePage(AbstractArticlePage)`` is filtered, ordered and paginated with
``ArticlePage`` as one list, in REST v3 and GraphQL alike (``wagtail_neuro.listings``)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.extending.models import ClinicArticleIndexPage, ClinicArticlePage
from tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def package_urls(settings):
    settings.ROOT_URLCONF = "tests.api.urls"


@pytest.fixture
def mixed(blog, home):
    """Articles of both families, their dates interleaved."""
    nurse = AuthorFactory(name="Nurse", slug="nurse")
    clinic_blog = home.add_child(
        instance=ClinicArticleIndexPage(title="Clinic blog", slug="clinic-blog")
    )
    titles = {}
    for day, family in [(1, "package"), (2, "agency"), (3, "package"), (4, "agency")]:
        title = f"{family} {day}"
        date = dt.date(2024, 5, day)
        if family == "package":
            page = ArticlePageFactory(parent=blog, title=title, date=date, author=nurse)
        else:
            page = ClinicArticlePage(title=title, slug=f"agency-{day}", summary="s", date=date)
            clinic_blog.add_child(instance=page)
            page.author = nurse if day == 4 else None
        page.tags.add("neuropathy" if day % 2 == 0 else "wellness")
        page.save_revision().publish()
        titles[title] = page.pk
    return titles


def rest_titles(client, query: str = "") -> list[str]:
    response = client.get(f"/api/v3/articles/?{query}")
    assert response.status_code == 200, response.content
    return [card["title"] for card in response.json()["items"]]


def graphql_titles(client, arguments: str = "") -> list[str]:
    query = f"{{ articles{arguments} {{ title }} }}"
    body = client.post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json"
    ).json()
    assert "errors" not in body, body
    return [article["title"] for article in body["data"]["articles"]]


def test_both_families_are_one_list_newest_first(client, mixed):
    newest_first = ["agency 4", "package 3", "agency 2", "package 1"]
    assert rest_titles(client) == newest_first
    assert graphql_titles(client) == newest_first
    assert client.get("/api/v3/articles/").json()["count"] == 4


def test_pages_of_results_run_across_families(client, mixed):
    assert rest_titles(client, "limit=2&offset=1") == ["package 3", "agency 2"]
    assert graphql_titles(client, "(limit: 2, offset: 1)") == ["package 3", "agency 2"]


@pytest.mark.parametrize(
    ("rest", "graphql", "expected"),
    [
        ("tags=neuropathy", '(tags: "neuropathy")', ["agency 4", "agency 2"]),
        ("author=nurse", '(author: "nurse")', ["agency 4", "package 3", "package 1"]),
        ("date_to=2024-05-02", '(dateTo: "2024-05-02")', ["agency 2", "package 1"]),
    ],
)
def test_filters_apply_to_every_family(client, mixed, rest, graphql, expected):
    assert rest_titles(client, rest) == expected
    assert graphql_titles(client, graphql) == expected


def test_graphql_orders_across_families_by_title(client, mixed):
    assert graphql_titles(client, '(order: "title")') == [
        "agency 2",
        "agency 4",
        "package 1",
        "package 3",
    ]
