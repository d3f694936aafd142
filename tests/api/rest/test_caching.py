"""ETag, Cache-Control and 304 on public GETs; private answers are never stored."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v2/pages/",
    "/api/v2/pages/ARTICLE/",
    "/api/v2/clinic-hours/",
    "/api/v3/pages/ARTICLE/",
    "/api/v3/articles/",
    "/api/v3/clinic-hours/HOURS/",
    "/api/v3/openapi.json",
]


def _url(url, article, clinic_hours):
    return url.replace("ARTICLE", str(article.pk)).replace("HOURS", str(clinic_hours.pk))


@pytest.mark.parametrize("url", URLS)
def test_etag_and_cache_control(client, article, clinic_hours, url):
    response = client.get(_url(url, article, clinic_hours))
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]


@pytest.mark.parametrize("url", URLS)
def test_if_none_match_gives_304(client, article, clinic_hours, url):
    url = _url(url, article, clinic_hours)
    etag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_etag_changes_when_the_page_changes(client, article):
    url = f"/api/v2/pages/{article.pk}/"
    etag = client.get(url)["ETag"]
    article.summary = "A new summary."
    article.save_revision().publish()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_max_age_setting(client, article, settings):
    settings.WAGTAIL_NEURO_API_CACHE_MAX_AGE = 0
    response = client.get(f"/api/v2/pages/{article.pk}/")
    assert "no-cache" in response["Cache-Control"]
    settings.WAGTAIL_NEURO_API_CACHE_MAX_AGE = 60
    assert "max-age=60" in client.get(f"/api/v2/pages/{article.pk}/")["Cache-Control"]


def test_bearer_requests_are_private(client, article):
    response = client.get(f"/api/v3/pages/{article.pk}/", HTTP_AUTHORIZATION="Bearer nope")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Authorization" in response["Vary"]


def test_errors_are_not_cached_as_public(client, article):
    response = client.get("/api/v2/pages/?unknown=1")
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")
