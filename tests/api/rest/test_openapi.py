"""The v3 OpenAPI document: valid OpenAPI 3.1, one component per block, and real responses
validate against it."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from wagtail_neuro.blocks import (
    ArticleBodyBlock,
    ConditionBodyBlock,
    ReferencesBlock,
    SectionContentBlock,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_spec_is_valid_openapi_31(spec):
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_one_component_per_block(spec):
    components = spec["components"]["schemas"]
    for stream in (
        ArticleBodyBlock(),
        ConditionBodyBlock(),
        SectionContentBlock(),
        ReferencesBlock(),
    ):
        for child in stream.child_blocks.values():
            assert type(child).__name__ in components, type(child).__name__
    for name in ("SymptomListBlock", "ReferenceCitationBlock", "SymptomListBlockValue"):
        assert name in components


def test_stream_fields_are_discriminated_unions(spec):
    components = spec["components"]["schemas"]
    body = components["ArticleBodyBlockItem"]
    assert body["discriminator"]["propertyName"] == "type"
    assert body["discriminator"]["mapping"]["symptom_list"].endswith("/SymptomListBlock")
    article = components["ArticlePageSchema"]["properties"]["body"]
    assert "ArticleBodyBlockItem" in str(article)


def test_package_routes_are_documented(spec):
    paths = spec["paths"]
    for path in ("/api/v3/articles/", "/api/v3/conditions/", "/api/v3/clinic-hours/"):
        assert path in paths, sorted(paths)


def _validator(spec: dict, ref: str) -> Draft202012Validator:
    """A validator for ``#/components/schemas/<ref>`` that resolves the spec's $refs."""
    schema = {"$ref": f"#/components/schemas/{ref}", "components": spec["components"]}
    return Draft202012Validator(schema)


def _response_schema(spec: dict, path: str) -> dict:
    content = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    return {**content["schema"], "components": spec["components"]}


@pytest.mark.parametrize("kind", ["article", "condition"])
def test_real_page_responses_validate(client, spec, article, condition, kind):
    page = {"article": article, "condition": condition}[kind]
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    schema = _response_schema(spec, "/api/v3/pages/{page_id}/")
    errors = list(Draft202012Validator(schema).iter_errors(data))
    assert not errors, errors[:3]
    # the v2 body and references validate against the same components
    v2 = client.get(f"/api/v2/pages/{page.pk}/").json()
    item = f"{type(page.body.stream_block).__name__}Item"
    for block in v2["body"]:
        assert not list(_validator(spec, item).iter_errors(block))


@pytest.mark.parametrize(
    "path", ["/api/v3/articles/", "/api/v3/conditions/", "/api/v3/clinic-hours/"]
)
def test_real_listing_responses_validate(client, spec, article, condition, clinic_hours, path):
    data = client.get(path).json()
    assert data["items"]
    schema = _response_schema(spec, path)
    errors = list(Draft202012Validator(schema).iter_errors(data))
    assert not errors, errors[:3]
