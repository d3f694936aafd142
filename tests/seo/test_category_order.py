"""Categories come out A–Z, case aside, like tags: in JSON-LD (``articleSection``) and in the
Open Graph tags (``article:section``), for a published page and for the page a preview builds
from its revision. The database orders ``Category`` by its collation (SQLite: ``Zebra`` before
``apple``; PostgreSQL: as its locale says) and a revision keeps the order the editor ticked."""

from __future__ import annotations

import pytest

from tests.factories import ArticlePageFactory, CategoryFactory
from wagtail_neuro.seo import page_seo
from wagtail_neuro.structured_data import page_document

TICKED = ["wellness", "Zebra", "apple", "Brain"]
A_TO_Z = ["apple", "Brain", "wellness", "Zebra"]


@pytest.fixture(autouse=True)
def package_urls(settings):
    settings.ROOT_URLCONF = "tests.structured_data.urls"


@pytest.fixture
def article(blog):
    page = ArticlePageFactory(parent=blog, title="Four topics")
    page.categories.set([CategoryFactory(name=name) for name in TICKED])
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def article_section(page) -> list[str]:
    (node,) = [node for node in page_document(page)["@graph"] if "articleSection" in node]
    return node["articleSection"]


def open_graph_sections(page) -> list[str]:
    return [
        tag["content"] for tag in page_seo(page)["open_graph"] if tag["key"] == "article:section"
    ]


def test_published_page_lists_categories_a_to_z(article):
    assert article_section(article) == A_TO_Z
    assert open_graph_sections(article) == A_TO_Z


def test_a_preview_lists_them_a_to_z_too(article):
    """A preview renders the page built from the editor's form: the categories in the order
    they were ticked, not the database's."""
    preview = article.get_latest_revision_as_object()
    by_name = {category.name: category for category in article.categories.all()}
    preview.categories.set([by_name[name] for name in TICKED])
    assert article_section(preview) == A_TO_Z
    assert open_graph_sections(preview) == A_TO_Z
