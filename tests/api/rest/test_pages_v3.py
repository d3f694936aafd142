"""API v3: Wagtail's page detail for the package's types, and the package's card listings."""

from __future__ import annotations

import pytest

from tests.api.rest.conftest import make_article
from tests.factories import ConditionPageFactory

pytestmark = pytest.mark.django_db


def test_article_detail_matches_v2(client, article):
    v3 = client.get(f"/api/v3/pages/{article.pk}/")
    assert v3.status_code == 200, v3.content
    v3 = v3.json()
    v2 = client.get(f"/api/v2/pages/{article.pk}/").json()
    assert v3["meta"]["type"] == "wagtail_neuro.ArticlePage"
    for field in (
        "summary",
        "author",
        "date",
        "categories",
        "tags",
        "hero_image",
        "body",
        "references",
        "related_articles",
        "reading_time",
        "reviewed_by",
        "last_reviewed",
    ):
        assert v3[field] == v2[field], field


def test_condition_detail_matches_v2(client, condition):
    v3 = client.get(f"/api/v3/pages/{condition.pk}/").json()
    v2 = client.get(f"/api/v2/pages/{condition.pk}/").json()
    for field in ("summary", "also_known_as", "icd10_codes", "body", "related_conditions"):
        assert v3[field] == v2[field], field


def test_article_cards(client, blog, image, article):
    older = make_article(blog, image, title="Older")
    older.date = article.date.replace(year=article.date.year - 1)
    older.save_revision().publish()
    response = client.get("/api/v3/articles/")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["count"] == 2
    card = data["items"][0]
    assert card["id"] == article.pk  # newest first
    assert card["title"] == "Autoimmune neuropathy"
    assert card["summary"] == article.summary
    assert card["author"] == "Care Manager"
    assert card["url"] == "/blog/autoimmune-neuropathy/"
    assert card["detail_url"] == f"http://testserver/api/v3/pages/{article.pk}/"
    assert card["hero_image"]["renditions"]["thumbnail"]["width"]
    assert [tag["slug"] for tag in card["tags"]] == ["autoimmune", "neuropathy"]
    assert "body" not in card


def test_condition_cards(client, conditions_index, condition):
    ConditionPageFactory(parent=conditions_index, title="Gout")
    data = client.get("/api/v3/conditions/").json()
    assert [card["title"] for card in data["items"]] == ["Gout", "Lupus"]
    assert data["items"][1]["also_known_as"] == ["SLE"]


def test_card_pagination(client, blog, image):
    for n in range(3):
        make_article(blog, image, title=f"Post {n}")
    data = client.get("/api/v3/articles/?limit=2&offset=2").json()
    assert data["count"] == 3
    assert len(data["items"]) == 1


def test_find_by_html_path(client, article):
    response = client.get("/api/v3/pages/find/?html_path=/blog/autoimmune-neuropathy/")
    assert response.status_code == 302
    assert f"/api/v3/pages/{article.pk}/" in response["Location"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/articles/?nope=1",
        "/api/v3/articles/?limit=abc",
        "/api/v3/articles/?limit=100000",
        "/api/v3/articles/?date_to=2024-13-01",
        "/api/v3/articles/?condition=x",
        "/api/v3/articles/?date_from=2024-02-01&date_to=2024-01-01",
        "/api/v3/conditions/?related_to=0",
        "/api/v3/conditions/?tags=neuropathy",
    ],
)
def test_bad_parameters_are_400_json(client, article, url):
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "url", ["/api/v3/articles/", "/api/v3/conditions/", "/api/v3/clinic-hours/"]
)
def test_listing_limits_follow_wagtailapi_limit_max(client, settings, article, clinic_hours, url):
    settings.WAGTAILAPI_LIMIT_MAX = 10
    assert client.get(url).status_code == 200  # the default limit (20) is capped, not refused
    refused = client.get(f"{url}?limit=11")
    assert refused.status_code == 400
    assert "between 1 and 10" in refused.json()["detail"]
    settings.WAGTAILAPI_LIMIT_MAX = None  # no cap
    assert client.get(f"{url}?limit=500").status_code == 200
    assert client.get(f"{url}?limit=0").status_code == 400
