"""The v3 OpenAPI document types what the API sends exactly (issue 10, "exact types").

Every v3 GET of the demo content validates against the served document, whose page schemas
list every field they always send as ``required``, are closed (``additionalProperties: false``)
and are null only where null occurs; pages carry a top-level ``type`` that the page union
declares as its ``discriminator``, an agency's page type included.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from wagtail.models import Page

from tests.extending.models import ClinicArticleIndexPage, ClinicArticlePage
from wagtail_neuro.api.openapi_types import NEVER_NULL_META, page_component_names
from wagtail_neuro.models import ClinicHoursSnippet

pytestmark = pytest.mark.django_db

DETAIL = "/api/v3/pages/{page_id}/"
REF = "#/components/schemas/"


def response_schema(spec: dict[str, Any], path: str) -> dict[str, Any]:
    content = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    return {**content["schema"], "components": spec["components"]}


def assert_valid(spec: dict[str, Any], path: str, data: Any, where: str) -> None:
    errors = sorted(
        Draft202012Validator(response_schema(spec, path)).iter_errors(data),
        key=lambda error: list(error.absolute_path),
    )
    assert not errors, f"{where}: " + "; ".join(
        f"{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}" for error in errors[:5]
    )


def test_every_v3_get_of_the_demo_validates(client, demo_home_pk, served_schema):
    """Every demo page's detail, the listings and the clinic hours, against the served
    document: required fields present, no undeclared keys, null only where declared."""
    pages = Page.objects.get(pk=demo_home_pk).get_descendants(inclusive=True).live().specific()
    assert len(pages) >= 10
    for page in pages:
        response = client.get(f"/api/v3/pages/{page.pk}/")
        assert response.status_code == 200, (page, response.content[:300])
        data = response.json()
        assert data["type"] == data["meta"]["type"] == page.specific_class._meta.label
        assert_valid(served_schema, DETAIL, data, f"/api/v3/pages/{page.pk}/ ({page.title})")
    hours = ClinicHoursSnippet.objects.get(name="Office Hours")
    for path, url in [
        ("/api/v3/pages/", f"/api/v3/pages/?descendant_of={demo_home_pk}&limit=20"),
        ("/api/v3/articles/", "/api/v3/articles/"),
        ("/api/v3/conditions/", "/api/v3/conditions/?limit=20"),
        ("/api/v3/clinic-hours/", "/api/v3/clinic-hours/"),
        ("/api/v3/clinic-hours/{hours_id}/", f"/api/v3/clinic-hours/{hours.pk}/"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        assert_valid(served_schema, path, response.json(), url)


def test_the_page_union_is_discriminated_by_a_top_level_type(served_schema):
    union = response_schema(served_schema, DETAIL)
    discriminator = union.get("discriminator")
    assert discriminator, "the page union declares no discriminator"
    assert discriminator["propertyName"] == "type"
    assert len(discriminator["mapping"]) == len(union["oneOf"])
    components = served_schema["components"]["schemas"]
    for label, ref in discriminator["mapping"].items():
        page = components[ref.removeprefix(REF)]
        assert page["properties"]["type"]["const"] == label
        assert page["properties"]["meta"]["$ref"], "meta.type is kept"
        assert "type" in page["required"]
    for label in ("wagtail_neuro.ArticlePage", "wagtail_neuro.ConditionPage"):
        assert label in discriminator["mapping"]
    preview = served_schema["paths"]["/api/v3/preview/"]["get"]["responses"]["200"]
    assert preview["content"]["application/json"]["schema"]["discriminator"] == discriminator


def test_page_schemas_require_every_field_they_always_send(served_schema):
    """django-ninja sends every field of the response model; only ``meta.warnings`` is left
    out when empty. So a page schema's optional properties are that one, and nothing else."""
    components = served_schema["components"]["schemas"]
    names = sorted(page_component_names() & set(components))
    assert "ArticlePageSchema" in names and "ArticlePageMetaSchema" in names
    for name in names:
        component = components[name]
        optional = set(component["properties"]) - set(component.get("required", []))
        assert optional <= {"warnings"}, f"{name}: {sorted(optional)} always sent, not required"
        assert component.get("additionalProperties") is False, f"{name} is not closed"
    article = components["ArticlePageSchema"]["properties"]
    for field in ("categories", "tags", "related_articles", "category_labels", "body"):
        assert "anyOf" not in article[field], f"ArticlePageSchema.{field} is never null"
    for field in ("author", "hero_image", "reviewed_by", "last_reviewed"):
        assert {"type": "null"} in article[field]["anyOf"], f"{field} can be null"
    meta = components["ArticlePageMetaSchema"]["properties"]
    for field in NEVER_NULL_META:
        assert "anyOf" not in meta[field], f"meta.{field} is never null"


def _reachable(spec: dict[str, Any], start: Any) -> set[str]:
    """Component names reachable from ``start`` through ``$ref``."""
    components = spec["components"]["schemas"]
    seen: set[str] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith(REF) and ref[len(REF) :] not in seen:
                seen.add(ref[len(REF) :])
                stack.append(components[ref[len(REF) :]])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return seen


#: Properties an object may leave out, by component, and why.
MAY_BE_LEFT_OUT = {
    # schema.org: weekly hours name the day, exceptions the dates
    "OpeningHoursSpecification": {"dayOfWeek", "validFrom", "validThrough"},
    # sent only while the embed is in Wagtail's embed cache
    "EmbedBlockValue": {"html"},
}
#: Maps by design: a schema.org node's keys are an open vocabulary (values typed as JSON-LD).
OPEN_BY_DESIGN = {"JsonLdNode"}
#: Wagtail's shape of ``meta.warnings`` items, which page reads leave out (sent when empty only
#: by the write routes).
WAGTAIL_WRITE_ONLY = {"RichTextRemoval"}


def test_the_package_objects_are_closed_and_required(served_schema):
    """Every object a page detail or the package's listings can send is closed and requires
    every property, except the few ``MAY_BE_LEFT_OUT`` (and JSON-LD nodes, ``OPEN_BY_DESIGN``)."""
    paths = served_schema["paths"]
    roots = [
        paths[path]["get"]["responses"]["200"]
        for path in (DETAIL, "/api/v3/articles/", "/api/v3/conditions/", "/api/v3/clinic-hours/")
    ]
    names = _reachable(served_schema, roots)
    assert {"ArticleBodyBlockItem", "ClinicHoursData", "SymptomBlockValue"} <= names
    components = served_schema["components"]["schemas"]
    problems = []
    for name in sorted(names - WAGTAIL_WRITE_ONLY):
        component = components[name]
        if component.get("type") != "object":
            continue
        if name in OPEN_BY_DESIGN:
            assert isinstance(component["additionalProperties"], dict), f"{name}: values typed"
            continue
        if component.get("additionalProperties") is not False:
            problems.append(f"{name} is open (additionalProperties: false is missing)")
        optional = set(component.get("properties", {})) - set(component.get("required", []))
        optional -= MAY_BE_LEFT_OUT.get(name, set())
        optional -= {"warnings"}  # Wagtail's meta.warnings, left out when empty
        if optional:
            problems.append(f"{name}: {sorted(optional)} not required")
    assert not problems, "\n".join(problems)


def test_fixed_value_sets_are_enums(served_schema):
    components = served_schema["components"]["schemas"]

    def values(component: str, prop: str) -> list[str]:
        schema = components[component]["properties"][prop]
        for option in schema.get("anyOf", [schema]):
            if "enum" in option:
                return option["enum"]
        raise AssertionError(f"{component}.{prop} is not an enum: {schema}")

    assert values("HeadingBlockValue", "level") == ["h2", "h3", "h4"]
    assert values("SymptomBlockValue", "severity") == ["mild", "moderate", "severe"]
    assert "symptoms" in values("ConditionSectionBlockValue", "section")
    renditions = components["ImageData"]["properties"]["renditions"]
    assert set(renditions["properties"]) == {"thumbnail", "medium", "large"}
    spec = components["OpeningHoursSpecification"]
    assert spec["properties"]["@type"]["const"] == "OpeningHoursSpecification"
    assert components["ClinicHoursData"]["additionalProperties"] is False


def test_an_agency_page_type_is_in_the_union(client, home, served_schema):
    """tests/extending's ClinicArticlePage (an ``faq`` block of its own) is a member of the
    discriminated union, and its response validates."""
    blog = home.add_child(instance=ClinicArticleIndexPage(title="Clinic blog", slug="cb"))
    faq = {"question": "Is it safe?", "answer": "<p>Yes.</p>"}
    article = ClinicArticlePage(
        title="Questions",
        slug="questions",
        summary="What patients ask.",
        body=json.dumps(
            [{"type": "faq", "id": "4c1f0b61-2b7e-4a53-9a55-6a8f5bd1a002", "value": faq}]
        ),
    )
    blog.add_child(instance=article)
    article.save_revision().publish()
    mapping = response_schema(served_schema, DETAIL)["discriminator"]["mapping"]
    assert mapping["clinicsite.ClinicArticlePage"] == f"{REF}ClinicArticlePageSchema"
    data = client.get(f"/api/v3/pages/{article.pk}/").json()
    assert data["type"] == "clinicsite.ClinicArticlePage"
    assert data["body"][0]["type"] == "faq"
    assert_valid(served_schema, DETAIL, data, "the agency's article")


def test_v2_sends_the_same_top_level_type(client, demo_home_pk):
    """REST v2 has no OpenAPI document, but sends the page type where v3 does, so a client
    branches on ``page.type`` in both (``meta.type`` stays)."""
    pages = Page.objects.get(pk=demo_home_pk).get_descendants().live().specific()
    for page in pages:
        data = client.get(f"/api/v2/pages/{page.pk}/").json()
        assert data["type"] == data["meta"]["type"] == page.specific_class._meta.label
    listing = client.get("/api/v2/pages/?type=wagtail_neuro.ArticlePage").json()
    assert listing["items"]
    for item in listing["items"]:
        assert item["type"] == item["meta"]["type"] == "wagtail_neuro.ArticlePage"
