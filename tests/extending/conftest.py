"""The agency's site: its blog (``ClinicArticleIndexPage``) with one article whose body uses a
package block and the agency's own ``faq`` block, served by everything the package mounts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.extending.models import ClinicArticleIndexPage, ClinicArticlePage

FAQ = {"question": "Is acupuncture safe?", "answer": "<p>Yes, with a licensed practitioner.</p>"}


@pytest.fixture(autouse=True)
def package_urls(settings):
    settings.ROOT_URLCONF = "tests.api.urls"


@pytest.fixture
def clinic_blog(home):
    return home.add_child(instance=ClinicArticleIndexPage(title="Clinic blog", slug="clinic-blog"))


@pytest.fixture
def clinic_article(clinic_blog):
    article = ClinicArticlePage(
        title="Acupuncture questions",
        slug="acupuncture-questions",
        summary="What patients ask before a first visit.",
        body=json.dumps(
            [
                {
                    "type": "heading",
                    "id": "4c1f0b61-2b7e-4a53-9a55-6a8f5bd1a001",
                    "value": {"text": "Before your visit", "level": "h2"},
                },
                {"type": "faq", "id": "4c1f0b61-2b7e-4a53-9a55-6a8f5bd1a002", "value": FAQ},
            ]
        ),
    )
    clinic_blog.add_child(instance=article)
    article.save_revision().publish()
    return article


def gql(client, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]
