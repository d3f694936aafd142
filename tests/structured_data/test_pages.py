"""What each page's nodes carry beyond the demo: codes, treatments, risk factors, specialty,
reviews, scholarly citations, and a plain ``WebPage`` for other pages."""

from __future__ import annotations

import datetime as dt
import json

from tests.factories import ArticlePageFactory, AuthorFactory, ConditionPageFactory
from wagtail_neuro.models import ConditionCode
from wagtail_neuro.structured_data import page_document


def section(kind: str, block_type: str, value: dict) -> dict:
    return {
        "type": "section",
        "value": {
            "section": kind,
            "heading": "",
            "content": [{"type": block_type, "value": value}],
        },
    }


def graph_node(page, schema_type: str) -> dict:
    return next(n for n in page_document(page)["@graph"] if n["@type"] == schema_type)


def test_condition_codes_treatments_risk_factors_and_specialty(conditions_index):
    body = [
        section(
            "symptoms",
            "symptom_list",
            {
                "heading": "Symptoms",
                "intro": "",
                "items": [{"name": "Numbness"}, {"name": "Numbness"}],
            },
        ),
        section(
            "treatment",
            "steps",
            {
                "heading": "",
                "intro": "",
                "steps": [{"title": "Physical therapy", "description": "x"}],
            },
        ),
        section(
            "risk_factors",
            "key_points",
            {"heading": "", "intro": "", "items": [{"term": "Diabetes", "explanation": "x"}]},
        ),
    ]
    page = ConditionPageFactory(
        parent=conditions_index,
        title="Polyneuropathy",
        body=json.dumps(body),
        relevant_specialty="Neurologic",
    )
    ConditionCode.objects.create(page=page, code="G62.9", description="Polyneuropathy, unspecified")
    condition = graph_node(page, "MedicalWebPage")["about"]
    assert condition["code"] == [
        {
            "@type": "MedicalCode",
            "codeValue": "G62.9",
            "codingSystem": "ICD-10",
            "name": "Polyneuropathy, unspecified",
        }
    ]
    assert condition["signOrSymptom"] == [{"@type": "MedicalSignOrSymptom", "name": "Numbness"}]
    assert condition["possibleTreatment"] == [
        {"@type": "MedicalTherapy", "name": "Physical therapy"}
    ]
    assert condition["riskFactor"] == [{"@type": "MedicalRiskFactor", "name": "Diabetes"}]
    assert condition["relevantSpecialty"] == "https://schema.org/Neurologic"


def test_a_reviewed_article_is_on_a_medical_web_page_with_the_review(blog):
    reviewer = AuthorFactory(name="Dr. Lee", credentials="MD", role="Neurologist")
    article = ArticlePageFactory(
        parent=blog, reviewed_by=reviewer, last_reviewed=dt.date(2024, 9, 1)
    )
    web_page = graph_node(article, "MedicalWebPage")
    assert web_page["lastReviewed"] == "2024-09-01"
    assert web_page["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr. Lee",
        "jobTitle": "Neurologist",
        "honorificSuffix": "MD",
    }
    assert "reviewedBy" not in graph_node(article, "BlogPosting")


def test_references_with_a_doi_are_scholarly_articles(blog):
    reference = {
        "type": "citation",
        "value": {
            "title": "Peripheral neuropathy",
            "url": "",
            "source": "N Engl J Med",
            "authors": "Smith J, Doe A",
            "publication_date": "2020-05-01",
            "accessed_date": None,
            "doi": "10.1056/NEJMra1514325",
            "pmid": "12345678",
        },
    }
    article = ArticlePageFactory(parent=blog, references=json.dumps([reference]))
    (citation,) = graph_node(article, "BlogPosting")["citation"]
    assert citation == {
        "@type": "ScholarlyArticle",
        "name": "Peripheral neuropathy",
        "url": "https://doi.org/10.1056/NEJMra1514325",
        "publisher": {"@type": "Organization", "name": "N Engl J Med"},
        "author": [{"@type": "Person", "name": "Smith J"}, {"@type": "Person", "name": "Doe A"}],
        "datePublished": "2020-05-01",
        "sameAs": [
            "https://doi.org/10.1056/NEJMra1514325",
            "https://pubmed.ncbi.nlm.nih.gov/12345678/",
        ],
    }


def test_other_pages_are_web_pages(home):
    types = [node["@type"] for node in page_document(home)["@graph"]]
    assert types == ["WebPage", "BreadcrumbList"]


def test_every_document_here_uses_the_vocabulary(conditions_index, blog, vocabulary):
    from tests.structured_data.vocabulary import problems

    test_condition_codes_treatments_risk_factors_and_specialty(conditions_index)
    test_references_with_a_doi_are_scholarly_articles(blog)
    for page in conditions_index.get_parent().get_descendants(inclusive=True).specific():
        assert problems(vocabulary, vocabulary.expand(page_document(page))) == [], page.url_path
