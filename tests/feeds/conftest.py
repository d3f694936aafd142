"""A blog with articles for the feed tests: authors, categories, tags, a hero image, a medical
review, and pages that must never appear (a draft, a private article, another site's)."""

from __future__ import annotations

import datetime as dt

import pytest
import wagtail_factories
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, AuthorFactory, CategoryFactory


@pytest.fixture(autouse=True)
def package_urls(settings):
    settings.ROOT_URLCONF = "tests.structured_data.urls"


@pytest.fixture
def articles(blog):
    author = AuthorFactory(name="Care Manager", role="Care Manager")
    reviewer = AuthorFactory(name="Dr. Lee", credentials="MD", role="Neurologist")
    neuropathy = CategoryFactory(name="Neuropathy")
    wellness = CategoryFactory(name="Wellness")
    image = wagtail_factories.ImageFactory(title="Feet", file__width=1600, file__height=900)
    first = ArticlePageFactory(
        parent=blog,
        title="Exploring Neuropathy & Autoimmune Diseases",
        summary="Neuropathy <b>damages</b> the peripheral nerves & more.",
        date=dt.date(2024, 8, 19),
        author=author,
        hero_image=image,
        reviewed_by=reviewer,
        last_reviewed=dt.date(2024, 9, 1),
    )
    first.categories.set([neuropathy])
    first.tags.add("neuropathy", "autoimmune")
    first.save_revision().publish()
    second = ArticlePageFactory(parent=blog, title="Spring Relief", date=dt.date(2025, 3, 3))
    second.categories.set([wellness])
    second.tags.add("spring")
    second.save_revision().publish()
    draft = ArticlePageFactory(parent=blog, title="Draft Only", date=dt.date(2026, 1, 1))
    draft.tags.add("secret-tag")
    draft.save_revision()
    draft.unpublish()
    private = ArticlePageFactory(parent=blog, title="Members Only", date=dt.date(2026, 2, 1))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return {"first": first, "second": second}
