"""Rich-text links to hidden pages keep their text but lose their URL, everywhere."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.rich_text import expand_db_html

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def link_to(page) -> str:
    return f'<p>See <a linktype="page" id="{page.pk}">the article</a>.</p>'


def test_link_to_a_visible_page_gets_its_url(blog):
    page = ArticlePageFactory(parent=blog, slug="visible")
    assert f'<a href="{page.url}">the article</a>' in expand_db_html(link_to(page))


@pytest.mark.parametrize("hide", ["unpublish", "restrict"])
def test_link_to_a_hidden_page_keeps_only_its_text(blog, hide):
    page = ArticlePageFactory(parent=blog, slug="hidden-article")
    if hide == "unpublish":
        page.unpublish()
    else:
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    html = expand_db_html(link_to(page))
    assert "<a>the article</a>" in html
    assert "hidden-article" not in html


def count_queries(html: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        expand_db_html(html)
    return len(queries)


def test_link_lookups_do_not_grow_with_the_number_of_links(blog):
    pages = [ArticlePageFactory(parent=blog) for _ in range(5)]
    expand_db_html(link_to(pages[0]))  # warm the site-root cache
    one = count_queries(link_to(pages[0]))
    five = count_queries("".join(link_to(page) for page in pages))
    assert one == five
