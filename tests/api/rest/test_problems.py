"""Errors are part of the contract: one shape (problem+json with a stable ``code``) in REST v2
and v3, declared in the OpenAPI document for every operation, documented in docs/api/rest.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from tests.wsgi import own_throttle_counter
from wagtail_neuro.api.problems import PROBLEM_JSON, ProblemCode

pytestmark = pytest.mark.django_db

REST_DOCS = Path(__file__).resolve().parents[3] / "docs" / "api" / "rest.md"


@pytest.fixture
def spec(client):
    return client.get("/api/v3/openapi.json").json()


@pytest.fixture
def problem_validator(spec):
    """Validates a body against the served ``Problem`` component."""
    registry = Registry().with_resource("urn:spec", DRAFT202012.create_resource(spec))
    return Draft202012Validator({"$ref": "urn:spec#/components/schemas/Problem"}, registry=registry)


def resolve(spec: dict, response: dict) -> dict:
    if "$ref" in response:
        name = response["$ref"].removeprefix("#/components/responses/")
        return spec["components"]["responses"][name]
    return response


def test_every_operation_declares_its_errors_as_problems(spec):
    """Each operation lists 400 and 429 (the gate runs before every view), 401/403 when it
    needs a token, 404 with a path parameter, 422 when a parameter or body can fail
    validation; every error response is problem+json with the Problem schema."""
    checked = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            declared = set(responses)
            assert {"400", "429"} <= declared, (method, path, sorted(declared))
            if "{" in path:
                assert "404" in declared, (method, path, sorted(declared))
            security = operation.get("security")
            if security is not None and {} not in security:
                assert {"401", "403"} <= declared, (method, path, sorted(declared))
            elif method == "get" and path != "/api/v3/preview/":  # anonymous: ETag and 304
                assert "304" in declared, (method, path)
                assert "ETag" in responses["200"]["headers"], (method, path)
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    content = resolve(spec, response)["content"]
                    assert list(content) == [PROBLEM_JSON], (method, path, status)
                    assert content[PROBLEM_JSON]["schema"] == {
                        "$ref": "#/components/schemas/Problem"
                    }
                    checked += 1
    assert checked > 150
    throttled = spec["components"]["responses"]["TooManyRequests"]
    assert throttled["headers"]["Retry-After"]["required"] is True


def test_the_problem_schema_is_closed_and_lists_the_rest_codes(spec):
    schemas = spec["components"]["schemas"]
    problem = schemas["Problem"]
    assert problem["additionalProperties"] is False
    assert set(problem["required"]) == {"type", "title", "status", "detail", "code"}
    assert "BadRequest" not in schemas  # the per-route 400 body of before, now a Problem
    codes = set(schemas["ProblemCode"]["enum"])
    assert {"INVALID_PARAMETER", "UNKNOWN_PARAMETER", "NOT_FOUND", "THROTTLED"} <= codes
    assert "PERSISTED_QUERY_NOT_FOUND" not in codes  # GraphQL's own


ANSWERS = [
    # (method, URL, status, code)
    ("get", "/api/v3/articles/?nope=1", 400, "UNKNOWN_PARAMETER"),
    ("get", "/api/v2/pages/?nope=1", 400, "UNKNOWN_PARAMETER"),
    ("get", "/api/v2/clinic-hours/?nope=1", 400, "UNKNOWN_PARAMETER"),
    ("get", "/api/v3/articles/?limit=x", 400, "INVALID_PARAMETER"),  # the gate
    ("get", "/api/v2/pages/?limit=x", 400, "INVALID_PARAMETER"),
    ("get", "/api/v3/articles/?date_from=never", 400, "INVALID_PARAMETER"),
    (
        "get",
        "/api/v2/pages/?type=wagtail_neuro.ArticlePage&date_from=never",
        400,
        "INVALID_PARAMETER",
    ),
    ("get", "/api/v3/clinic-hours/?at=soon", 400, "INVALID_PARAMETER"),
    ("get", "/api/v2/clinic-hours/?at=soon", 400, "INVALID_PARAMETER"),
    ("get", "/api/v3/pages/?limit=1000", 400, "INVALID_PARAMETER"),  # Wagtail's own check
    ("get", "/api/v3/pages/999999/", 404, "NOT_FOUND"),
    ("get", "/api/v2/pages/999999/", 404, "NOT_FOUND"),
    ("get", "/api/v3/clinic-hours/999999/", 404, "NOT_FOUND"),
    ("get", "/api/v2/images/999999/", 404, "NOT_FOUND"),
    ("get", "/api/v3/pages/abc/", 422, "VALIDATION_FAILED"),
    ("get", "/api/v3/sites/", 401, "AUTHENTICATION_REQUIRED"),
    ("post", "/api/v3/pages/", 401, "AUTHENTICATION_REQUIRED"),
    ("get", "/api/v3/preview/", 400, "INVALID_PARAMETER"),
    ("get", "/api/v2/pages/preview/", 400, "INVALID_PARAMETER"),
    ("get", "/api/v3/preview/?token=forged", 403, "INVALID_PREVIEW_TOKEN"),
    ("get", "/api/v2/pages/preview/?token=forged", 403, "INVALID_PREVIEW_TOKEN"),
    ("post", "/api/v2/pages/", 405, "METHOD_NOT_ALLOWED"),
    ("post", "/api/v3/articles/", 405, "METHOD_NOT_ALLOWED"),  # ninja's is plain text
]


@pytest.mark.parametrize(("method", "url", "status", "code"), ANSWERS)
def test_one_error_shape_in_v2_and_v3(client, problem_validator, method, url, status, code):
    response = getattr(client, method)(url)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM_JSON
    body = response.json()
    assert body["code"] == code, body
    assert body["status"] == status
    if status == 405:
        assert "GET" in response["Allow"]
    if url.startswith("/api/v2/"):
        assert body.pop("message") == body["detail"]  # kept for Wagtail v2's clients
    problem_validator.validate(body)


def test_a_validation_problem_lists_each_field(client, problem_validator):
    body = client.get("/api/v3/pages/abc/").json()
    problem_validator.validate(body)
    assert [error["loc"] for error in body["errors"]] == [["path", "page_id"]]
    assert "input" not in body["errors"][0]  # what the client sent is not echoed back


def test_throttled_answers_carry_the_code_everywhere(client, settings, problem_validator):
    settings.ROOT_URLCONF = "tests.security.hostile_urls"  # REST and GraphQL
    own_throttle_counter(settings)
    settings.WAGTAIL_NEURO_THROTTLE_RATES = {"rest": "1/minute", "graphql": "1/minute"}
    for url in ("/api/v2/pages/", "/api/v3/articles/"):
        client.get(url)
        response = client.get(url)
        assert response.status_code == 429
        assert int(response["Retry-After"]) >= 1
        body = response.json()
        assert body["code"] == "THROTTLED"
        if url.startswith("/api/v2/"):
            assert body.pop("message") == body["detail"]
        problem_validator.validate(body)
    client.get("/graphql/?query={__typename}")
    graphql = client.get("/graphql/?query={__typename}")
    assert graphql.status_code == 429
    assert graphql.json()["errors"][0]["extensions"]["code"] == "THROTTLED"


def test_every_code_is_documented():
    errors = REST_DOCS.read_text(encoding="utf-8").split("## Errors", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([A-Z_]{4,})`", errors))
    assert {str(code) for code in ProblemCode} <= documented, sorted(
        {str(code) for code in ProblemCode} - documented
    )


def test_codes_are_stable_names():
    """A code is its own name (an enum value never differs from its member), so renaming one
    shows up in review as the API change it is."""
    assert all(code.name == code.value for code in ProblemCode)
