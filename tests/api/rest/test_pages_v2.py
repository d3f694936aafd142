"""API v2 pages: every field of articles and conditions, clean block data, find by path."""

from __future__ import annotations

import json

import pytest

from tests.api.rest.conftest import use_shared_tree
from tests.factories import ConditionPageFactory

pytestmark = pytest.mark.django_db

# the article and its tree are built once for the module; each test's changes roll back
home, blog, conditions_index, image, condition, clinic_hours, article = use_shared_tree()


def test_article_detail_has_every_field(client, article, image):
    response = client.get(f"/api/v2/pages/{article.pk}/")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["title"] == "Autoimmune neuropathy"
    assert data["summary"] == "Summary of Autoimmune neuropathy."
    assert data["author"]["name"] == "Care Manager"
    assert data["author"]["credentials"] == "RN"
    assert data["author"]["role"] == "Care Manager"
    assert set(data["author"]["photo"]["renditions"]) == {"thumbnail", "medium", "large"}
    assert data["date"] == article.date.isoformat()
    assert data["categories"] == [
        {"id": data["categories"][0]["id"], "name": "Neuropathy", "slug": "neuropathy"}
    ]
    assert [tag["slug"] for tag in data["tags"]] == ["autoimmune", "neuropathy"]
    hero = data["hero_image"]
    assert hero["alt"] == "A nerve diagram"
    assert {"url", "width", "height"} <= set(hero["renditions"]["thumbnail"])
    assert data["reading_time"] >= 1
    assert "reviewed_by" in data and "last_reviewed" in data
    assert data["related_articles"] == []
    types = [block["type"] for block in data["body"]]
    assert types == [
        "heading",
        "paragraph",
        "image",
        "quote",
        "symptom_list",
        "key_points",
        "steps",
        "call_to_action",
        "condition_list",
        "clinic_hours",
    ]
    citation = data["references"][0]
    assert citation["number"] == 1
    assert citation["value"]["authors"] == ["Smith J", "Doe A"]
    assert citation["value"]["doi_url"] == "https://doi.org/10.1056/NEJMra1514325"
    assert citation["value"]["formatted"].startswith("Smith J, Doe A.")


def test_blocks_are_clean_data(client, article, condition):
    body = client.get(f"/api/v2/pages/{article.pk}/").json()["body"]
    blocks = {block["type"]: block["value"] for block in body}
    assert blocks["heading"] == {
        "text": "What is Neuropathy?",
        "level": "h2",
        "anchor": "what-is-neuropathy",
    }
    assert blocks["symptom_list"]["items"] == [
        {"name": "Numbness", "description": "", "severity": "mild", "urgent": False}
    ]
    assert blocks["condition_list"]["items"][0]["page"] == {
        "id": condition.pk,
        "title": "Lupus",
        "url": "/conditions/lupus/",
        "type": "wagtail_neuro.ConditionPage",
    }
    assert blocks["clinic_hours"]["clinic_hours"]["name"] == "Office Hours"
    assert blocks["image"]["image"]["renditions"]["medium"]["url"].startswith(
        "http://testserver/media/"
    )
    assert "linktype" not in json.dumps(body)


def test_rich_text_links_are_expanded(client, blog, image, condition):
    from tests.api.rest.conftest import make_article

    body = json.dumps(
        [
            {
                "type": "paragraph",
                "value": f'<p>See <a linktype="page" id="{condition.pk}">lupus</a></p>',
            }
        ]
    )
    page = make_article(blog, image, body=body)
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["body"][0]["value"] == '<p>See <a href="/conditions/lupus/">lupus</a></p>'


def test_condition_detail_has_every_field(client, condition, conditions_index):
    other = ConditionPageFactory(parent=conditions_index, title="Neuropathy")
    other.related_conditions.add(condition)  # related from the other side
    other.save()
    response = client.get(f"/api/v2/pages/{condition.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["also_known_as"] == ["SLE"]
    assert data["icd10_codes"] == [{"code": "M32.9", "description": "Systemic lupus erythematosus"}]
    assert data["related_conditions"] == [
        {
            "id": other.pk,
            "title": "Neuropathy",
            "url": "/conditions/neuropathy/",
            "summary": other.summary,
        }
    ]
    sections = [block["value"]["section"] for block in data["body"]]
    assert sections == ["overview", "symptoms"]
    symptoms = data["body"][1]["value"]["content"][0]
    assert symptoms["type"] == "symptom_list"
    assert [item["name"] for item in symptoms["value"]["items"]] == ["Numbness", "Tingling"]


def test_listing_with_all_fields(client, article):
    response = client.get("/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["summary"] and item["body"] and item["author"]["name"] == "Care Manager"
    assert "related_articles" not in item  # detail only: it costs queries per page


def test_related_articles(client, blog, image, article):
    from tests.api.rest.conftest import make_article

    sibling = make_article(blog, image, title="Another")  # shares tags and category
    data = client.get(f"/api/v2/pages/{article.pk}/").json()
    assert data["related_articles"] == [
        {
            "id": sibling.pk,
            "title": "Another",
            "url": "/blog/another/",
            "summary": sibling.summary,
            "date": sibling.date.isoformat(),
        }
    ]


def test_find_by_html_path(client, article):
    response = client.get("/api/v2/pages/find/?html_path=/blog/autoimmune-neuropathy/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://testserver/api/v2/pages/{article.pk}/")
    assert client.get("/api/v2/pages/find/?html_path=/nope/").status_code == 404


def test_output_is_compact_json(client, article):
    content = client.get(f"/api/v2/pages/{article.pk}/").content
    assert b"\n    " not in content


@pytest.mark.parametrize(
    "query",
    [
        "?type=nope.Nope",
        "?unknown=1",
        "?limit=abc",
        "?offset=-1",
        "?child_of=abc",
        "?order=password",
        "?fields=author(",
        "?type=wagtail_neuro.ArticlePage&date_from=yesterday",
        "?type=wagtail_neuro.ArticlePage&condition=abc",
        "?type=wagtail_neuro.ArticlePage&tags=%00",
        "?tags=neuropathy",
        "?type=wagtail_neuro.ConditionPage&related_to=-3",
        "?rich_text_format=nope",
    ],
)
def test_bad_parameters_are_400_json(client, article, query):
    response = client.get("/api/v2/pages/" + query)
    assert response.status_code == 400, response.content
    assert response.json()["message"]


@pytest.mark.parametrize(
    "query",
    ["date=abc", "reading_time=x", "last_reviewed=2024-99-99", "categories=neuropathy", "author=1"],
)
def test_bad_field_filters_are_400(client, article, query):
    response = client.get(f"/api/v2/pages/?type=wagtail_neuro.ArticlePage&{query}")
    if query == "author=1":  # author takes a slug: an unknown one matches nothing
        assert response.status_code == 200 and response.json()["items"] == []
        return
    assert response.status_code == 400, response.content
    assert response.json()["message"]


def test_field_filter_on_a_column(client, article):
    response = client.get(f"/api/v2/pages/?type=wagtail_neuro.ArticlePage&date={article.date}")
    assert [item["id"] for item in response.json()["items"]] == [article.pk]
