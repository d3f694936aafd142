"""Fixtures for the GraphQL tests: ``/graphql/`` mounted, a ``gql`` caller, and content."""

from __future__ import annotations

import json
from typing import Any

import pytest
import wagtail_factories

from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    CategoryFactory,
    ClinicHoursSnippetFactory,
    ConditionPageFactory,
)


@pytest.fixture(autouse=True)
def graphql_urls(settings):
    settings.ROOT_URLCONF = "tests.api.graphql.urls"


class GraphQLClient:
    """POSTs a query to ``/graphql/`` with Django's test client; returns the decoded JSON."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.last_response = None

    def __call__(
        self, query: str, variables: dict[str, Any] | None = None, status: int = 200
    ) -> dict[str, Any]:
        response = self.client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
        )
        self.last_response = response
        assert response.status_code == status, response.content
        return response.json()

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The ``data`` of a query that must succeed without errors."""
        body = self(query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]


@pytest.fixture
def gql(client) -> GraphQLClient:
    return GraphQLClient(client)


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory(title="Nerves", description="A nerve diagram")


@pytest.fixture
def clinic_hours(db):
    """Mon–Thu 09:00–17:00 in New York."""
    return ClinicHoursSnippetFactory(name="Office Hours")


def symptom_list(*names: str) -> dict[str, Any]:
    return {
        "type": "symptom_list",
        "value": {
            "heading": "Symptoms",
            "intro": "Watch for these.",
            "items": [
                {
                    "name": name,
                    "description": f"{name} in the feet.",
                    "severity": "mild",
                    "urgent": False,
                }
                for name in names
            ],
        },
    }


def article_body(image=None, conditions=(), hours=None, cta_page=None, name_links=True) -> str:
    """An article body with every kind of block; chooser blocks link to the given objects."""
    blocks: list[dict[str, Any]] = [
        {"type": "heading", "value": {"text": "What is Neuropathy?", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Neuropathy affects the <b>nerves</b>.</p>"},
        {"type": "quote", "value": {"quote": "Care matters.", "attribution": "Clinic"}},
        symptom_list("Numbness", "Tingling"),
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
                "steps": [
                    {"title": "Exam", "description": "History and exam."},
                    {"title": "Tests", "description": "Nerve conduction."},
                ],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Book",
                "text": "Come and see us.",
                "button_label": "Book appointment",
                "link_page": cta_page.pk if cta_page else None,
                "link_url": "" if cta_page else "https://example.com/book",
            },
        },
    ]
    if image is not None:
        blocks.append(
            {"type": "image", "value": {"image": image.pk, "caption": "Nerves", "alt": ""}}
        )
    if conditions:
        blocks.append(
            {
                "type": "condition_list",
                "value": {
                    "heading": "Linked conditions",
                    "items": [
                        {
                            "name": c.title if name_links else "A linked condition",
                            "description": f"About {c.title}." if name_links else "",
                            "page": c.pk,
                        }
                        for c in conditions
                    ],
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
        },
        {
            "type": "citation",
            "value": {
                "title": "Neuropathy information page",
                "url": "https://www.ninds.nih.gov/neuropathy",
                "source": "NINDS",
                "authors": "",
                "publication_date": None,
                "accessed_date": None,
                "doi": "",
                "pmid": "12345678",
            },
        },
    ]
)


def make_article(
    blog, *, image=None, author=None, tags=("neuropathy",), category="Neuropathy", **kwargs
):
    """A published article with an author, a category, tags and references."""
    author = author or AuthorFactory(name="Care Manager", credentials="RN", photo=image)
    page = ArticlePageFactory(
        parent=blog, author=author, hero_image=image, references=REFERENCES, **kwargs
    )
    if category:
        page.categories.add(CategoryFactory(name=category))
    page.tags.add(*tags)
    page.save_revision().publish()
    return page


def make_condition(index, title: str, symptoms=("Numbness", "Tingling"), **kwargs):
    from tests.factories import condition_stream

    page = ConditionPageFactory(
        parent=index,
        title=title,
        body=condition_stream(f"{title} overview.", list(symptoms)),
        **kwargs,
    )
    return page


def make_conditions(conditions_index) -> list:
    """Five linked conditions, as in the demo's autoimmune-neuropathy article."""
    names = [
        "Rheumatoid Arthritis",
        "Systemic Lupus Erythematosus",
        "Sjögren's Syndrome",
        "Guillain-Barré Syndrome",
        "Chronic Inflammatory Demyelinating Polyneuropathy",
    ]
    pages = [make_condition(conditions_index, name) for name in names]
    pages[1].also_known_as.create(name="Lupus")
    pages[1].icd10_codes.create(code="M32.9", description="Systemic lupus erythematosus")
    pages[1].save_revision().publish()
    return pages


@pytest.fixture
def conditions(conditions_index):
    return make_conditions(conditions_index)


@pytest.fixture
def article(blog, image, conditions, clinic_hours):
    return make_article(
        blog,
        image=image,
        title="Autoimmune neuropathy",
        slug="autoimmune-neuropathy",
        body=article_body(image, conditions, clinic_hours),
    )
