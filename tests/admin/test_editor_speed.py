"""What made the article editor slow, kept out (docs/editors.md, "Editor speed").

Wagtail's ``AdminDateInput`` builds a jQuery calendar of about 250 elements per date field when
the editor loads; the article editor had seven (the byline date, the review dates and two per
citation), 1,757 of its 6,569 elements. The package's date fields and citation dates are the
browser's own ``<input type="date">`` instead."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.admin.form_data import citation
from wagtail_neuro.models import ArticlePage

pytestmark = pytest.mark.django_db

#: This article's edit view answered in 39 queries when measured (the demo article's in 50; 4
#: of them the content-version bump that Wagtail's editing-session save sets off).
EDIT_VIEW_MAX_QUERIES = 39


@pytest.fixture
def article(blog) -> ArticlePage:
    from tests.factories import ArticlePageFactory

    article = ArticlePageFactory(parent=blog, last_reviewed=dt.date(2024, 8, 1))
    article.references = [
        (
            "citation",
            {
                **citation(title="Neuropathy", url="https://example.com/n"),
                "publication_date": dt.date(2024, 1, 2),
                "accessed_date": None,
            },
        ),
        ("citation", citation(title="Lupus", url="https://example.com/l")),
    ]
    article.save_revision().publish()
    return article


def edit(client, page) -> str:
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    return response.content.decode()


def test_the_article_editor_builds_no_jquery_date_pickers(admin_client, article):
    html = edit(admin_client, article)
    assert "initDateChooser(" not in html  # byline and review dates
    assert "wagtail.widgets.AdminDateInput" not in html  # citation dates in the block definitions
    for name in ("date", "last_reviewed", "next_review_due"):
        assert f'type="date" name="{name}"' in html
    assert 'value="2024-08-01"' in html  # ISO, as the native input reads it


def test_native_dates_post_and_save_as_before(admin_client, article):
    from tests.admin.test_create_pages import article_fields, form_data

    data = form_data(article_fields(slug=article.slug, date="2024-09-30", last_reviewed=""))
    data["action-publish"] = "action-publish"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(article.pk,)), data)
    assert response.status_code == 302, response.context["form"].errors
    assert ArticlePage.objects.get(pk=article.pk).date == dt.date(2024, 9, 30)


def test_the_article_edit_view_query_count_stays_bounded(
    admin_client, article, django_assert_max_num_queries
):
    edit(admin_client, article)  # per-process caches (site root paths, locales) filled first
    with django_assert_max_num_queries(EDIT_VIEW_MAX_QUERIES):
        edit(admin_client, article)
