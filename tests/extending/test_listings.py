"""The card listings and GraphQL ``articles`` cover every subclass of the abstract base.

These depend on the query layer (issue 8, "one query layer"): the REST ``/api/v3/articles/``
cards and GraphQL ``articles`` list the agency's ``ClinicArticlePage`` beside the package's
``ArticlePage``."""

from __future__ import annotations

import pytest

from tests.extending.conftest import gql
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def package_article(blog):
    return ArticlePageFactory(parent=blog, title="Neuropathy basics", slug="neuropathy-basics")


def test_v3_article_cards_include_the_agency_page(client, clinic_article, package_article):
    response = client.get("/api/v3/articles/")
    assert response.status_code == 200, response.content
    titles = {card["title"] for card in response.json()["items"]}
    assert titles == {"Acupuncture questions", "Neuropathy basics"}


def test_graphql_articles_include_the_agency_page(client, clinic_article, package_article):
    data = gql(client, "{ articles { __typename title } }")
    assert {(a["__typename"], a["title"]) for a in data["articles"]} == {
        ("ClinicArticlePage", "Acupuncture questions"),
        ("ArticlePage", "Neuropathy basics"),
    }
