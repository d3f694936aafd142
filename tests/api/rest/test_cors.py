"""CORS through django-cors-headers, as the docs configure it: the frontend's origin may call
the APIs (REST and GraphQL), other origins and the admin get no CORS headers."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

FRONTEND = "http://localhost:3000"


@pytest.fixture(autouse=True)
def cors(settings):
    settings.ROOT_URLCONF = "tests.api.rest.cors_urls"
    settings.CORS_ALLOWED_ORIGINS = [FRONTEND]
    settings.CORS_URLS_REGEX = r"^/(api|graphql)/.*$"


@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v3/articles/", "/api/v3/openapi.json"])
def test_the_frontend_origin_may_read_the_rest_apis(client, url, home):
    response = client.get(url, headers={"Origin": FRONTEND})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == FRONTEND


def test_graphql_preflight_and_post_from_the_frontend(client, home):
    preflight = client.options(
        "/graphql/",
        headers={
            "Origin": FRONTEND,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == FRONTEND
    assert "content-type" in preflight["Access-Control-Allow-Headers"]
    response = client.post(
        "/graphql/",
        {"query": "{ articles { id } }"},
        content_type="application/json",
        headers={"Origin": FRONTEND},
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == FRONTEND


def test_other_origins_and_the_admin_get_no_cors_headers(client, home):
    elsewhere = client.get("/api/v3/articles/", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in elsewhere
    admin = client.get("/admin/login/", headers={"Origin": FRONTEND})
    assert "Access-Control-Allow-Origin" not in admin
