"""The same JSON-LD document in the rendered page, REST (v2 and v3) and GraphQL."""

from __future__ import annotations

import json
import re

import pytest

from wagtail_neuro.models import ArticlePage, ConditionPage
from wagtail_neuro.structured_data import page_document, script_json

ARTICLE = "exploring-the-connection-between-neuropathy-and-autoimmune-diseases"
SCRIPT = re.compile(
    r'<script type="application/ld\+json"(?P<attrs>[^>]*)>(?P<body>.*?)</script>', re.S
)


@pytest.fixture(autouse=True)
def package_urls(settings):
    settings.ROOT_URLCONF = "tests.structured_data.urls"


def embedded(html: str) -> tuple[str, str]:
    (match,) = list(SCRIPT.finditer(html))
    return match.group("attrs"), match.group("body")


@pytest.mark.parametrize("slug", ["peripheral-neuropathy", ARTICLE])
def test_rendered_page_embeds_its_document(demo_site, client, slug):
    page = ConditionPage.objects.filter(slug=slug).first() or ArticlePage.objects.get(slug=slug)
    response = client.get(page.url)
    assert response.status_code == 200
    _attrs, body = embedded(response.content.decode())
    assert json.loads(body) == json.loads(json.dumps(page_document(page)))


def test_index_pages_embed_a_web_page_and_breadcrumbs(demo_site, client):
    response = client.get("/blog/")
    _attrs, body = embedded(response.content.decode())
    types = [node["@type"] for node in json.loads(body)["@graph"]]
    assert types[:2] == ["WebPage", "BreadcrumbList"]


def test_no_editor_text_can_close_the_script(demo_site, client):
    page = ConditionPage.objects.get(slug="peripheral-neuropathy")
    page.title = "Neuropathy </script><script>alert(1)</script> & <!-- more"
    page.summary = "</SCRIPT> closes too"
    page.save_revision().publish()
    response = client.get(page.url)
    _attrs, body = embedded(response.content.decode())
    assert "</" not in body and "<" not in body
    assert json.loads(body)["@graph"][0]["about"]["name"] == page.title


def test_script_json_escapes_markup_characters():
    text = script_json({"name": "</script> & <b>"})
    assert text == '{"name":"\\u003C/script\\u003E \\u0026 \\u003Cb\\u003E"}'
    assert json.loads(text) == {"name": "</script> & <b>"}


def test_the_script_carries_the_csp_nonce_when_one_is_set(demo_site, rf):
    from django.template import Context, Template

    page = ConditionPage.objects.get(slug="peripheral-neuropathy")
    request = rf.get(page.url)
    request.csp_nonce = "n0nce"
    html = Template("{% load wagtail_neuro_seo %}{% seo_head page %}").render(
        Context({"page": page, "request": request})
    )
    attrs, _body = embedded(html)
    assert attrs == ' nonce="n0nce"'


def test_rest_v2_returns_the_document_as_jsonld(demo_site, client):
    page = ConditionPage.objects.get(slug="peripheral-neuropathy")
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["jsonld"] == json.loads(json.dumps(page_document(page)))
    assert data["next_review_due"] is None


def test_rest_v3_returns_the_document_as_jsonld(demo_site, client):
    page = ArticlePage.objects.get(slug=ARTICLE)
    response = client.get(f"/api/v3/pages/{page.pk}/")
    assert response.status_code == 200, response.content
    assert response.json()["jsonld"] == json.loads(json.dumps(page_document(page)))


def test_graphql_returns_the_document_as_jsonld(demo_site, client):
    page = ArticlePage.objects.get(slug=ARTICLE)
    query = """query ($id: ID) { page(id: $id) { ... on ArticlePage { jsonld nextReviewDue } } }"""
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": {"id": page.pk}}),
        content_type="application/json",
    )
    data = response.json()
    assert "errors" not in data, data
    assert data["data"]["page"]["jsonld"] == json.loads(json.dumps(page_document(page)))
