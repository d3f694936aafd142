"""Fixtures for the REST feed tests: the API mounted, and articles/conditions with every field."""

from __future__ import annotations

import json

import pytest
import wagtail_factories
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    AuthorFactory,
    CategoryFactory,
    ClinicHoursSnippetFactory,
    ConditionIndexPageFactory,
    ConditionPageFactory,
    site_home,
)
from tests.shared_data import build_once
from wagtail_neuro.models import ClinicHoursSnippet


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


def make_condition(conditions_index):
    page = ConditionPageFactory(parent=conditions_index, title="Lupus")
    page.also_known_as.create(name="SLE")
    page.icd10_codes.create(code="M32.9", description="Systemic lupus erythematosus")
    page.save()
    return page


def make_rich_article(blog, image, condition, clinic_hours):
    return make_article(
        blog, image, title="Autoimmune neuropathy", body=rich_body(image, condition, clinic_hours)
    )


@pytest.fixture
def condition(conditions_index):
    return make_condition(conditions_index)


@pytest.fixture
def article(blog, image, condition, clinic_hours):
    return make_rich_article(blog, image, condition, clinic_hours)


@pytest.fixture(scope="module")
def shared_tree(django_db_setup, django_db_blocker) -> dict[str, int]:
    """The ``article`` fixture's tree (home, blog, conditions, image, condition, hours, article)
    built once for a module that asks for it: see :func:`use_shared_tree`."""

    def build() -> dict[str, int]:
        home = site_home()
        blog = ArticleIndexPageFactory(parent=home)
        conditions_index = ConditionIndexPageFactory(parent=home)
        image = wagtail_factories.ImageFactory(title="Nerves", description="A nerve diagram")
        hours = ClinicHoursSnippetFactory(name="Office Hours")
        condition = make_condition(conditions_index)
        article = make_rich_article(blog, image, condition, hours)
        objects = (home, blog, conditions_index, image, condition, hours, article)
        names = ("home", "blog", "conditions_index", "image", "condition", "clinic_hours")
        return {name: obj.pk for name, obj in zip((*names, "article"), objects, strict=True)}

    yield from build_once(django_db_blocker, build)


def use_shared_tree() -> tuple:
    """Fixtures that replace ``home``, ``blog``, ``conditions_index``, ``image``, ``condition``,
    ``clinic_hours`` and ``article`` in a module with the module's :func:`shared_tree`, each
    read fresh for every test (whose changes roll back with it)::

        home, blog, conditions_index, image, condition, clinic_hours, article = use_shared_tree()
    """

    def loader(name: str, load):
        @pytest.fixture(name=name)
        def fixture(shared_tree, db):
            return load(shared_tree[name])

        return fixture

    page = lambda pk: Page.objects.get(pk=pk).specific  # noqa: E731
    return (
        loader("home", page),
        loader("blog", page),
        loader("conditions_index", page),
        loader("image", lambda pk: get_image_model().objects.get(pk=pk)),
        loader("condition", page),
        loader("clinic_hours", lambda pk: ClinicHoursSnippet.objects.get(pk=pk)),
        loader("article", page),
    )
