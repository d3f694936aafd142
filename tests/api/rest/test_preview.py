"""Headless preview: the draft for a valid token only; forged and expired tokens get 4xx."""

from __future__ import annotations

import time

import pytest
from django.core.signing import TimestampSigner, b62_encode
from wagtail_headless_preview.models import PagePreview

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v2/pages/preview/", "/api/v3/preview/"]


@pytest.fixture
def draft_token(article):
    """What the admin's preview button does: store the edited page under a signed token."""
    article.title = "Draft title, not yet published"
    article.summary = "Draft summary."
    return article.create_page_preview().token


class OldSigner(TimestampSigner):
    def timestamp(self):
        return b62_encode(int(time.time()) - 7200)


@pytest.mark.parametrize("url", ENDPOINTS)
def test_token_serves_the_draft(client, article, draft_token, url):
    response = client.get(url, {"token": draft_token, "content_type": "wagtail_neuro.articlepage"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["title"] == "Draft title, not yet published"
    assert data["summary"] == "Draft summary."
    assert data["body"][0]["type"] == "heading"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # the public endpoints keep the live version
    live = client.get(f"/api/v2/pages/{article.pk}/").json()
    assert live["title"] == "Autoimmune neuropathy"


@pytest.mark.parametrize("url", ENDPOINTS)
def test_forged_token_is_refused(client, draft_token, url):
    value, signature = draft_token.rsplit(":", 1)
    for token in (f"{value}:{'A' * len(signature)}", "id=1:abc:def", "x" * 600):
        response = client.get(url, {"token": token})
        assert response.status_code == 403, token
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_expired_token_is_refused(client, article, url, settings):
    settings.WAGTAIL_NEURO_PREVIEW_TOKEN_MAX_AGE = 3600
    token = OldSigner(salt="headlesspreview.token").sign(f"id={article.pk}")
    PagePreview.objects.create(
        token=token, content_type=article.content_type, content_json=article.to_json()
    )
    response = client.get(url, {"token": token})
    assert response.status_code == 403
    body = response.json()
    assert "expired" in (body.get("message") or body.get("detail"))


@pytest.mark.parametrize("url", ENDPOINTS)
def test_missing_token_is_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
