"""One rule for search terms and filter text (``wagtail_neuro.api.inputs``): the listings, the
filters, the REST guard and GraphQL refuse the same terms with the same message."""

from __future__ import annotations

import pytest

from tests.factories import ArticlePageFactory
from wagtail_neuro.api.inputs import MAX_SEARCH_LENGTH, text_problem
from wagtail_neuro.filters import MAX_TEXT, ArticleFilterSet, FilterError
from wagtail_neuro.listings import article_listing, condition_listing
from wagtail_neuro.models import ArticlePage

pytestmark = pytest.mark.django_db

REFUSED = [
    pytest.param("x" * (MAX_SEARCH_LENGTH + 1), id="too-long"),
    pytest.param("a\x00b", id="nul"),
    # the REST guard refuses every C0 control, not only NUL: the listings must agree
    pytest.param("a\x01b", id="other-control"),
    pytest.param("a\x1fb", id="unit-separator"),
]


@pytest.mark.parametrize("term", REFUSED)
@pytest.mark.parametrize("listing", [article_listing, condition_listing])
def test_the_listings_refuse_what_the_input_rule_refuses(listing, term):
    with pytest.raises(FilterError) as refused:
        list(listing({}, search=term))
    assert str(refused.value) == text_problem("search", term)


def test_a_term_of_the_longest_allowed_length_is_searched(blog):
    ArticlePageFactory(parent=blog, title="Neuropathy basics")
    assert list(article_listing({}, search="x" * MAX_SEARCH_LENGTH)) == []
    assert [page.title for page in article_listing({}, search="Neuropathy")] == [
        "Neuropathy basics"
    ]


def test_filter_text_shares_the_bound():
    assert MAX_TEXT == MAX_SEARCH_LENGTH
    ArticleFilterSet.apply(ArticlePage.objects.all(), {"tags": "t" * MAX_SEARCH_LENGTH})
    with pytest.raises(FilterError, match="tags"):
        ArticleFilterSet.apply(ArticlePage.objects.all(), {"tags": "t" * (MAX_SEARCH_LENGTH + 1)})
