"""A listing's pages read their sites, clinic settings and breadcrumbs from one batch
(:func:`wagtail_neuro.structured_data.listing.prime_listing`) and say exactly what a page read
alone says; nothing outlives the request, so an edited setting shows on the next one."""

from __future__ import annotations

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    CategoryFactory,
    ConditionPageFactory,
)
from tests.structured_data.test_clinic import clinic, hours  # noqa: F401 (fixtures)
from wagtail_neuro.api.prefetch import prefetch_pages
from wagtail_neuro.models import ArticlePage, ConditionPage
from wagtail_neuro.structured_data import page_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home, blog, conditions_index, clinic):  # noqa: F811
    """Articles under an open and under a private blog, a draft article, and conditions, with
    the clinic's logo, hero and sharing images."""
    logo = wagtail_factories.ImageFactory(title="Logo")
    clinic.logo = logo
    clinic.save()
    hero = wagtail_factories.ImageFactory(title="Hero", description="A hero")
    private_blog = ArticleIndexPageFactory(parent=home, title="Members", slug="members")
    PageViewRestriction.objects.create(page=private_blog, restriction_type="login")
    for parent in (blog, blog, private_blog):
        article = ArticlePageFactory(parent=parent, hero_image=hero, summary="About")
        article.categories.add(CategoryFactory())
        article.tags.add("nerves", "Pain")
        article.save_revision().publish()
    ArticlePageFactory(parent=blog, live=False, social_image=hero)
    condition = ConditionPageFactory(parent=conditions_index, title="Neuropathy")
    condition.also_known_as.create(name="Nerve damage")
    condition.icd10_codes.create(code="G62.9", description="Polyneuropathy")
    condition.save_revision().publish()
    ConditionPageFactory(parent=conditions_index, title="Sciatica")


def documents(pages: list[Page]) -> list[tuple]:
    return [(page.pk, page.jsonld, page.seo) for page in pages]


def fresh() -> list[Page]:
    return [*ArticlePage.objects.order_by("pk"), *ConditionPage.objects.order_by("pk")]


def test_a_listing_says_what_each_page_says_alone(pages):
    alone = documents(fresh())
    listed = documents(prefetch_pages(fresh()))
    for (pk, doc, seo), (_, doc2, seo2) in zip(alone, listed, strict=True):
        assert doc == doc2, pk
        assert seo == seo2, pk
    crumbs = {
        item["name"] for _, doc, _ in alone for item in doc["@graph"][-2].get("itemListElement", [])
    }
    assert "Members" not in crumbs  # a private ancestor is left out of the trail
    assert any(item["@type"] == "MedicalClinic" for _, doc, _ in alone for item in doc["@graph"])


def test_a_listing_costs_the_same_queries_for_two_pages_and_for_six(pages):
    def cost(articles: int, conditions: int) -> int:
        listed = prefetch_pages(
            [
                *ArticlePage.objects.order_by("pk")[:articles],
                *ConditionPage.objects.order_by("pk")[:conditions],
            ]
        )
        with CaptureQueriesContext(connection) as queries:
            documents(listed)
        return len(queries)

    cost(4, 2)  # renditions are made on the first reading
    assert cost(1, 1) == cost(4, 2)


def test_an_edited_clinic_shows_in_the_next_listing(pages, clinic):  # noqa: F811
    first = prefetch_pages(fresh())[0]
    assert first.seo["open_graph"][4] == {"key": "og:site_name", "content": "Blue Ridge Clinic"}
    clinic.name = "Smoky Clinic"
    clinic.save()
    again = prefetch_pages(fresh())[0]
    assert again.seo["open_graph"][4] == {"key": "og:site_name", "content": "Smoky Clinic"}
    assert page_document(again)["@graph"][-1]["name"] == "Smoky Clinic"
