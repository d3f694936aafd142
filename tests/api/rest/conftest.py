"""Fixtures for the REST feed tests: the API mounted, and articles/conditions with every field."""

from __future__ import annotations

import json

import pytest
import wagtail_factories
from wagtail.models import ReferenceIndex

from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    CategoryFactory,
    ClinicHoursSnippetFactory,
    ConditionPageFactory,
)


@pytest.fixture(autouse=True)
def api_urls(settings):
    settings.ROOT_URLCONF = "tests.api.rest.urls"


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory(title="Nerves", description="A nerve diagram")


@pytest.fixture
def clinic_hours(db):
    return ClinicHoursSnippetFactory(name="Office Hours")


def rich_body(image, condition=None, hours=None) -> str:
    """An article body using every kind of block, with links to ``condition``."""
    blocks = [
        {"type": "heading", "value": {"text": "What is Neuropathy?", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Neuropathy affects the nerves.</p>"},
        {"type": "image", "value": {"image": image.pk, "caption": "Nerves", "alt": ""}},
        {"type": "quote", "value": {"quote": "Care matters.", "attribution": "Clinic"}},
        {
            "type": "symptom_list",
            "value": {
                "heading": "Symptoms",
                "intro": "",
                "items": [
                    {"name": "Numbness", "description": "", "severity": "mild", "urgent": False}
                ],
            },
        },
        {
            "type": "key_points",
            "value": {
                "heading": "Key points",
                "intro": "",
                "items": [{"term": "Immune", "explanation": "Attacks nerves."}],
            },
        },
        {
            "type": "steps",
            "value": {
                "heading": "Diagnosis",
                "intro": "",
                "steps": [{"title": "Exam", "description": "History and exam."}],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Book",
                "text": "",
                "button_label": "Book appointment",
                "link_page": None,
                "link_url": "https://example.com/book",
            },
        },
    ]
    if condition is not None:
        blocks.append(
            {
                "type": "condition_list",
                "value": {
                    "heading": "Related",
                    "items": [{"name": condition.title, "description": "x", "page": condition.pk}],
                },
            }
        )
    if hours is not None:
        blocks.append(
            {"type": "clinic_hours", "value": {"heading": "Hours", "clinic_hours": hours.pk}}
        )
    return json.dumps(blocks)


REFERENCES = json.dumps(
    [
        {
            "type": "citation",
            "value": {
                "title": "Peripheral neuropathy",
                "url": "https://www.mayoclinic.org/neuropathy",
                "source": "Mayo Clinic",
                "authors": "Smith J, Doe A",
                "publication_date": "2023-05-01",
                "accessed_date": None,
                "doi": "10.1056/NEJMra1514325",
                "pmid": "",
            },
        }
    ]
)


def make_article(blog, image, **kwargs):
    author = kwargs.pop("author", None) or AuthorFactory(
        name="Care Manager", credentials="RN", photo=image
    )
    category = CategoryFactory(name="Neuropathy")
    page = ArticlePageFactory(
        parent=blog,
        author=author,
        hero_image=image,
        references=REFERENCES,
        **kwargs,
    )
    page.categories.add(category)
    page.tags.add("neuropathy", "autoimmune")
    page.save_revision().publish()
    ReferenceIndex.create_or_update_for_object(page)
    return page


@pytest.fixture
def condition(conditions_index):
    page = ConditionPageFactory(parent=conditions_index, title="Lupus")
    page.also_known_as.create(name="SLE")
    page.icd10_codes.create(code="M32.9", description="Systemic lupus erythematosus")
    page.save()
    return page


@pytest.fixture
def article(blog, image, condition, clinic_hours):
    return make_article(
        blog, image, title="Autoimmune neuropathy", body=rich_body(image, condition, clinic_hours)
    )


@pytest.fixture(autouse=True)
def clear_caches():
    """Renditions are cached by image id, which the database reuses between tests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
