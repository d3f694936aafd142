"""Queries of the abstract bases run on the page's own family of models."""

from __future__ import annotations

from wagtail.models import Page

from wagtail_neuro.models import (
    AbstractArticlePage,
    AbstractConditionPage,
    ArticleIndexPage,
    ArticlePage,
    ConditionIndexPage,
    ConditionPage,
)
from wagtail_neuro.models.inheritance import family_model, resolve_model


def test_family_is_the_topmost_concrete_model_of_the_base():
    assert family_model(ArticlePage, AbstractArticlePage) is ArticlePage
    assert family_model(ConditionPage, AbstractConditionPage) is ConditionPage
    assert family_model(Page, AbstractArticlePage) is Page  # outside the family: itself


def test_index_pages_name_the_model_they_list():
    assert resolve_model(ArticleIndexPage.article_model) is ArticlePage
    assert resolve_model(ConditionIndexPage.condition_model) is ConditionPage
    assert resolve_model(ArticlePage) is ArticlePage
