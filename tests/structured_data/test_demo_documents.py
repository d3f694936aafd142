"""The issue's "done when", against the demo content: what the condition page, the article and
the clinic emit."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from wagtail_neuro.models import ArticlePage, ConditionPage
from wagtail_neuro.structured_data import page_document

ARTICLE = "exploring-the-connection-between-neuropathy-and-autoimmune-diseases"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday"]


def node(document: dict[str, Any], schema_type: str) -> dict[str, Any]:
    found = [item for item in document["@graph"] if item["@type"] == schema_type]
    assert len(found) == 1, [item["@type"] for item in document["@graph"]]
    return found[0]


def test_condition_page_is_a_medical_web_page_about_its_condition(demo_site):
    page = ConditionPage.objects.get(slug="peripheral-neuropathy")
    document = page_document(page)
    assert document["@context"] == "https://schema.org"
    web_page = node(document, "MedicalWebPage")
    condition = web_page["about"]
    assert condition["@type"] == "MedicalCondition"
    assert condition["name"] == "Peripheral Neuropathy"
    assert condition["alternateName"] == ["Neuropathy"]
    assert [s["name"] for s in condition["signOrSymptom"]] == [
        "Numbness",
        "Tingling",
        "Pain",
        "Weakness",
    ]
    assert {s["@type"] for s in condition["signOrSymptom"]} == {"MedicalSignOrSymptom"}
    # the five autoimmune diseases name it, so it links back to each
    assert len(web_page["relatedLink"]) == 5
    assert all(url.startswith("http") for url in web_page["relatedLink"])
    assert [c["publisher"]["name"] for c in web_page["citation"]] == [
        "Mayo Clinic",
        "National Institute of Neurological Disorders and Stroke",
    ]


def test_article_is_a_blog_posting_by_the_care_manager_with_two_citations(demo_site):
    document = page_document(ArticlePage.objects.get(slug=ARTICLE))
    article = node(document, "BlogPosting")
    assert article["headline"] == (
        "Exploring the Connection Between Neuropathy and Autoimmune Diseases"
    )
    assert article["author"] == {
        "@type": "Person",
        "name": "Care Manager",
        "jobTitle": "Care Manager",
    }
    assert article["datePublished"] == "2024-08-19"
    citations = article["citation"]
    assert len(citations) == 2
    assert [c["publisher"]["name"] for c in citations] == [
        "Mayo Clinic",
        "National Institute of Neurological Disorders and Stroke",
    ]
    assert "mayoclinic.org" in citations[0]["url"]
    assert "ninds.nih.gov" in citations[1]["url"]
    # the condition list links the five autoimmune diseases' pages
    assert {c["name"] for c in article["about"]} >= {"Rheumatoid Arthritis", "Multiple Sclerosis"}
    web_page = node(document, "WebPage")
    assert web_page["mainEntity"] == {"@id": article["@id"]}


@override_settings(WAGTAIL_NEURO_ARTICLE_SCHEMA_TYPE="MedicalScholarlyArticle")
def test_article_type_is_a_setting(demo_site):
    document = page_document(ArticlePage.objects.get(slug=ARTICLE))
    assert node(document, "MedicalScholarlyArticle")["author"]["name"] == "Care Manager"


def test_the_clinic_opens_monday_to_thursday_nine_to_five(demo_site):
    document = page_document(ConditionPage.objects.get(slug="peripheral-neuropathy"))
    clinic = node(document, "MedicalClinic")
    assert clinic["name"] == "Blue Ridge Acupuncture & Integrative Health"
    hours = clinic["openingHoursSpecification"]
    assert [(h["dayOfWeek"], h["opens"], h["closes"]) for h in hours] == [
        (f"https://schema.org/{day}", "09:00:00", "17:00:00") for day in WEEKDAYS
    ]
    assert clinic["isAcceptingNewPatients"] is True
    # pages name the clinic as their publisher
    assert node(document, "MedicalWebPage")["publisher"] == {"@id": clinic["@id"]}


@pytest.mark.parametrize("slug", ["peripheral-neuropathy", ARTICLE, "blog", "conditions"])
def test_every_page_has_a_breadcrumb_trail_from_home(demo_site, slug):
    from wagtail.models import Page

    page = Page.objects.get(slug=slug).specific
    trail = node(page_document(page), "BreadcrumbList")["itemListElement"]
    assert [item["position"] for item in trail] == list(range(1, len(trail) + 1))
    assert trail[0]["name"] == demo_site.title
    assert trail[-1]["name"] == page.title
    assert trail[-1]["item"] == page.get_full_url()
