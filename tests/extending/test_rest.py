"""REST v2 and v3 serve the agency's page with its own block, and v3 types it in OpenAPI."""

from __future__ import annotations

import pytest

from tests.extending.conftest import FAQ

pytestmark = pytest.mark.django_db


def faq_items(body: list[dict]) -> list[dict]:
    return [item for item in body if item["type"] == "faq"]


def test_v2_detail_sends_the_faq_block(client, clinic_article):
    response = client.get(f"/api/v2/pages/{clinic_article.pk}/")
    assert response.status_code == 200, response.content
    body = response.json()["body"]
    assert body[0]["value"] == {
        "text": "Before your visit",
        "level": "h2",
        "anchor": "before-your-visit",
    }
    (faq,) = faq_items(body)
    assert faq["value"] == FAQ


def test_v3_detail_sends_what_v2_sends(client, clinic_article):
    v3 = client.get(f"/api/v3/pages/{clinic_article.pk}/")
    assert v3.status_code == 200, v3.content  # was a 422 (union_tag_invalid) on the faq block
    v2 = client.get(f"/api/v2/pages/{clinic_article.pk}/").json()
    assert v3.json()["meta"]["type"] == "clinicsite.ClinicArticlePage"
    assert v3.json()["body"] == v2["body"]
    assert faq_items(v3.json()["body"])[0]["value"] == FAQ


def test_openapi_types_the_faq_block(client):
    schemas = client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    body = schemas["ClinicArticlePageSchema"]["properties"]["body"]
    union = schemas[body["items"]["$ref"].rsplit("/", 1)[-1]]
    members = {ref["$ref"].rsplit("/", 1)[-1] for ref in union["oneOf"]}
    assert {"HeadingBlock", "ParagraphBlock", "FaqBlock"} <= members
    assert union["discriminator"]["mapping"]["faq"].endswith("/FaqBlock")
    faq = schemas["FaqBlock"]
    assert faq["properties"]["type"]["const"] == "faq"
    value = schemas[faq["properties"]["value"]["$ref"].rsplit("/", 1)[-1]]
    assert value["additionalProperties"] is False
    assert value["required"] == ["question", "answer"]
    assert value["properties"]["question"]["type"] == "string"
    # the package's article body is unchanged: no faq there
    article_body = schemas["ArticlePageSchema"]["properties"]["body"]["items"]["$ref"]
    assert "faq" not in schemas[article_body.rsplit("/", 1)[-1]]["discriminator"]["mapping"]


def test_the_agency_page_is_stored_and_read_back_with_its_faq(client, clinic_article, settings):
    """The package's stored representations cover the agency's page (``api_stored_fields`` is
    inherited), its own block included, and a change to the page reaches the next answer."""
    from wagtail_neuro.models import PageFragment

    settings.WAGTAIL_NEURO_RESPONSE_CACHE = None
    url = "/api/v2/pages/?type=clinicsite.ClinicArticlePage&fields=*"
    first = client.get(url)
    assert PageFragment.objects.filter(page=clinic_article).exists()
    second = client.get(url)
    assert second.content == first.content
    assert faq_items(second.json()["items"][0]["body"])[0]["value"] == FAQ

    clinic_article.title = "After your visit"
    clinic_article.save_revision().publish()
    assert client.get(url).json()["items"][0]["title"] == "After your visit"
    assert "After your visit" in str(client.get(url).json()["items"][0]["jsonld"])
