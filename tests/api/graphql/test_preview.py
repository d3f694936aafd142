"""Draft preview: ``page(token: …)`` with a wagtail-headless-preview token."""

from __future__ import annotations

import time

import pytest
from django.core.signing import TimestampSigner, b62_encode

from tests.factories import paragraph_stream

from .conftest import make_article

pytestmark = pytest.mark.django_db

PREVIEW = """
query ($token: String) {
  page(token: $token) {
    title
    ... on ArticlePage { summary body { ... on ParagraphBlock { value } } }
  }
}
"""


@pytest.fixture
def draft(blog):
    page = make_article(blog, title="Published title", summary="Published summary.")
    page.title = "Draft title"
    page.summary = "Draft summary."
    page.body = paragraph_stream("Draft body.")
    page.save_revision()
    return page


def test_a_preview_token_shows_the_draft(gql, draft):
    token = draft.create_page_preview().token
    data = gql.data(PREVIEW, {"token": token})["page"]
    assert data == {
        "title": "Draft title",
        "summary": "Draft summary.",
        "body": [{"value": "<p>Draft body.</p>"}],
    }
    # the public queries still answer with the published content
    public = gql.data(f'{{ article(id: "{draft.pk}") {{ title summary }} }}')["article"]
    assert public == {"title": "Published title", "summary": "Published summary."}


def test_a_forged_token_is_refused(gql, draft):
    token = draft.create_page_preview().token
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    body = gql(PREVIEW, {"token": forged})
    assert body["data"] == {"page": None}
    assert body["errors"][0]["message"] == "Invalid or expired preview token."
    unsigned = gql(PREVIEW, {"token": f"id={draft.pk}"})
    assert unsigned["errors"][0]["message"] == "Invalid or expired preview token."


def test_an_expired_token_is_refused(gql, draft, monkeypatch, settings):
    settings.WAGTAIL_NEURO_PREVIEW_TOKEN_MAX_AGE = 3600
    two_hours_ago = b62_encode(int(time.time()) - 7200)
    monkeypatch.setattr(TimestampSigner, "timestamp", lambda self: two_hours_ago)
    token = draft.create_page_preview().token
    monkeypatch.undo()
    body = gql(PREVIEW, {"token": token})
    assert body["data"] == {"page": None}
    assert body["errors"][0]["message"] == "Invalid or expired preview token."  # one answer for all


def test_a_signed_token_without_a_stored_preview_is_refused(gql, draft):
    token = TimestampSigner(salt="headlesspreview.token").sign(f"id={draft.pk}")
    assert (
        gql(PREVIEW, {"token": token})["errors"][0]["message"]
        == "Invalid or expired preview token."
    )
