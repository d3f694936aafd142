"""The batch forms of the related-page rankings (used by GraphQL lists) give exactly what the
single-page methods give, on random tag, category, pick and visibility layouts."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, CategoryFactory, ConditionPageFactory
from wagtail_neuro.models import ArticlePage, ArticleRelatedLink, ConditionPage

pytestmark = pytest.mark.django_db

SEEDS = range(6)


def hide(page, rng: random.Random) -> None:
    if rng.random() < 0.5:
        page.unpublish()
    else:
        PageViewRestriction.objects.create(page=page, restriction_type="login")


@pytest.mark.parametrize("seed", SEEDS)
def test_related_articles_for_matches_get_related_articles(blog, seed):
    rng = random.Random(seed)
    categories = [CategoryFactory(name=f"Topic {seed}-{n}") for n in range(3)]
    articles = []
    for _ in range(12):
        article = ArticlePageFactory(
            parent=blog, date=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(5))
        )
        article.tags.add(*rng.sample(["neuropathy", "lupus", "wellness", "diet"], rng.randrange(3)))
        article.categories.add(*rng.sample(categories, rng.randrange(2)))
        article.save()
        articles.append(article)
    for article in rng.sample(articles, 3):  # editor picks, sometimes of itself or a hidden page
        for order, other in enumerate(rng.sample(articles, 2)):
            ArticleRelatedLink.objects.create(page=article, article=other, sort_order=order)
    for article in rng.sample(articles, 3):
        hide(article, rng)

    pages = list(ArticlePage.objects.order_by("pk"))
    expected = {page.pk: [o.pk for o in page.get_related_articles()] for page in pages}
    with CaptureQueriesContext(connection) as queries:
        batch = ArticlePage.related_articles_for(list(ArticlePage.objects.order_by("pk")))
    assert {pk: [o.pk for o in related] for pk, related in batch.items()} == expected
    assert len(queries) <= 12  # a fixed number, not one per article
    assert any(expected.values())  # the layout did relate some articles


@pytest.mark.parametrize("seed", SEEDS)
def test_related_conditions_for_matches_get_related_conditions(conditions_index, seed):
    rng = random.Random(seed)
    conditions = [
        ConditionPageFactory(
            parent=conditions_index, title=rng.choice(["Lupus", "MS", "RA"]), slug=f"c-{n}"
        )
        for n in range(8)
    ]
    for condition in conditions:
        others = [other for other in conditions if other is not condition]
        condition.related_conditions.add(*rng.sample(others, rng.randrange(3)))
        condition.save()
    for condition in rng.sample(conditions, 2):
        hide(condition, rng)

    pages = list(ConditionPage.objects.order_by("pk"))
    expected = {page.pk: [o.pk for o in page.get_related_conditions()] for page in pages}
    with CaptureQueriesContext(connection) as queries:
        batch = ConditionPage.related_conditions_for(list(ConditionPage.objects.order_by("pk")))
    assert {pk: [o.pk for o in related] for pk, related in batch.items()} == expected
    assert len(queries) <= 6
    assert any(expected.values())
