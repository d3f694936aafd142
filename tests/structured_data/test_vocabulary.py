"""Every JSON-LD document of the demo, expanded with pyld against schema.org's context (no
network), uses only schema.org types and properties, on types that have them, with enumeration
values that exist, and still carries the demo's values once expanded."""

from __future__ import annotations

import pytest
from wagtail.models import Page

from tests.structured_data.vocabulary import (
    EXPANDED,
    NetworkRefused,
    of_type,
    problems,
    values,
)
from wagtail_neuro.structured_data import page_document
from wagtail_neuro.structured_data.vocabulary import (
    ARTICLE_SCHEMA_TYPES,
    MEDICAL_SPECIALTIES,
)

ARTICLE = "exploring-the-connection-between-neuropathy-and-autoimmune-diseases"


def demo_documents(home: Page) -> dict[str, dict]:
    return {page.url_path: page_document(page) for page in home.get_descendants(inclusive=True)}


def test_every_demo_document_uses_only_the_vocabulary(demo_site, vocabulary):
    documents = demo_documents(demo_site)
    assert len(documents) >= 12
    for path, document in documents.items():
        expanded = vocabulary.expand(document)
        assert expanded, path
        assert problems(vocabulary, expanded) == [], path


def test_expansion_never_touches_the_network(vocabulary):
    with pytest.raises(Exception) as raised:
        vocabulary.expand({"@context": "https://example.com/context.jsonld", "name": "x"})
    assert isinstance(raised.value, NetworkRefused) or "example.com" in str(raised.value)


def test_the_checker_finds_unknown_terms_and_misplaced_properties(vocabulary):
    """The check above could fail: a made-up property, a property on the wrong type and a
    value outside its enumeration are all reported."""
    document = {
        "@context": "https://schema.org",
        "@type": "MedicalCondition",
        "name": "X",
        "madeUpProperty": "y",
        "isAcceptingNewPatients": True,
        "relevantSpecialty": "https://schema.org/Wizardry",
    }
    found = problems(vocabulary, vocabulary.expand(document))
    assert any("madeUpProperty" in problem for problem in found)
    assert any("isAcceptingNewPatients" in problem for problem in found)
    assert any("Wizardry" in problem for problem in found)


def test_expanded_documents_carry_the_demo_values(demo_site, vocabulary):
    condition_page = Page.objects.get(slug="peripheral-neuropathy").specific
    expanded = vocabulary.expand(page_document(condition_page))
    (condition,) = of_type(expanded, "MedicalCondition")
    symptoms = [values(item, "name")[0] for item in values(condition, "signOrSymptom")]
    assert symptoms == ["Numbness", "Tingling", "Pain", "Weakness"]

    expanded = vocabulary.expand(page_document(Page.objects.get(slug=ARTICLE).specific))
    (article,) = of_type(expanded, "BlogPosting")
    (author,) = values(article, "author")
    assert values(author, "name") == ["Care Manager"]
    assert values(article, "datePublished") == ["2024-08-19"]
    assert len(values(article, "citation")) == 2

    (clinic,) = of_type(expanded, "MedicalClinic")
    hours = values(clinic, "openingHoursSpecification")
    assert sorted(values(h, "dayOfWeek")[0] for h in hours) == sorted(
        f"https://schema.org/{day}" for day in ("Monday", "Tuesday", "Wednesday", "Thursday")
    )
    assert {(values(h, "opens")[0], values(h, "closes")[0]) for h in hours} == {
        ("09:00:00", "17:00:00")
    }
    assert EXPANDED + "MedicalClinic" in clinic["@type"]


def test_the_packages_enumeration_values_exist(vocabulary):
    members = vocabulary.members("schema:MedicalSpecialty")
    assert {f"schema:{name}" for name in MEDICAL_SPECIALTIES} == members
    for name in ARTICLE_SCHEMA_TYPES:
        assert f"schema:{name}" in vocabulary.classes
        assert "schema:Article" in vocabulary.supertypes(f"schema:{name}")
