"""The related-page rankings (one implementation each, batched for lists) against a plain
reading of the rule, on random tag, category, pick and visibility layouts; a list costs a fixed
number of queries."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, CategoryFactory, ConditionPageFactory
from wagtail_neuro.models import ArticlePage, ArticleRelatedLink, ConditionPage
from wagtail_neuro.models import articles as articles_module
from wagtail_neuro.visibility import is_visible

pytestmark = pytest.mark.django_db

SEEDS = range(6)


def hide(page, rng: random.Random) -> None:
    if rng.random() < 0.5:
        page.unpublish()
    else:
        PageViewRestriction.objects.create(page=page, restriction_type="login")


def expected_related_articles(page, everyone, limit: int = 3) -> list[int]:
    """The rule read plainly: visible editor picks in their order, else the newest visible
    articles sharing a tag or category (ties: the higher id first)."""
    picks = [link.article for link in page.related_article_links.order_by("sort_order")]
    if picks:
        return [p.pk for p in picks if p.pk != page.pk and is_visible(p)][:limit]
    tags, categories = set(page.tags.all()), set(page.categories.all())
    sharing = [
        other
        for other in everyone
        if other.pk != page.pk
        and is_visible(other)
        and (tags & set(other.tags.all()) or categories & set(other.categories.all()))
    ]
    sharing.sort(key=lambda other: (other.date, other.pk), reverse=True)
    return [other.pk for other in sharing[:limit]]


def expected_related_conditions(page, everyone) -> list[int]:
    """Named by the page or naming it, visible, A–Z (ties: the lower id first)."""
    named = {other.pk for other in page.related_conditions.all()}
    related = [
        other
        for other in everyone
        if other.pk != page.pk
        and is_visible(other)
        and (other.pk in named or page.pk in {c.pk for c in other.related_conditions.all()})
    ]
    return [other.pk for other in sorted(related, key=lambda other: (other.title, other.pk))]


@pytest.mark.parametrize(
    ("seed", "window"), [(seed, "default") for seed in SEEDS] + [(0, "one row"), (1, "one row")]
)
def test_related_articles_for_matches_get_related_articles(blog, seed, window, monkeypatch):
    if window == "one row":  # windows of 1, 2, 4… rows: articles split across windows
        monkeypatch.setattr(articles_module, "RELATED_WINDOW_ROWS", 0)
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
    expected = {page.pk: expected_related_articles(page, pages) for page in pages}
    assert {page.pk: [o.pk for o in page.get_related_articles()] for page in pages} == expected
    with CaptureQueriesContext(connection) as queries:
        batch = ArticlePage.related_articles_for(list(ArticlePage.objects.order_by("pk")))
    assert {pk: [o.pk for o in related] for pk, related in batch.items()} == expected
    if window == "default":
        assert len(queries) <= 12  # a fixed number, not one per article
    assert any(expected.values())  # the layout did relate some articles


def test_a_related_list_reads_the_newest_candidates_not_the_whole_blog(blog, monkeypatch):
    """Every article shares the tag: the ranking reads one small window of candidates, however
    many articles the blog holds, and still finds the newest three."""
    monkeypatch.setattr(articles_module, "RELATED_WINDOW_ROWS", 1)  # a first window of 4 rows
    for day in range(12):
        article = ArticlePageFactory(parent=blog, date=dt.date(2024, 1, 1) + dt.timedelta(day))
        article.tags.add("neuropathy")
        article.save()
    oldest = ArticlePage.objects.order_by("date", "pk").first()
    everyone = list(ArticlePage.objects.all())
    with CaptureQueriesContext(connection) as queries:
        related = [other.pk for other in oldest.get_related_articles()]
    assert related == expected_related_articles(oldest, everyone)
    candidate_reads = [q["sql"] for q in queries if 'AS "tags"' in q["sql"]]
    assert len(candidate_reads) == 1, candidate_reads
    assert candidate_reads[0].rstrip().endswith("LIMIT 4"), candidate_reads[0]


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
    expected = {page.pk: expected_related_conditions(page, pages) for page in pages}
    assert {page.pk: [o.pk for o in page.get_related_conditions()] for page in pages} == expected
    with CaptureQueriesContext(connection) as queries:
        batch = ConditionPage.related_conditions_for(list(ConditionPage.objects.order_by("pk")))
    assert {pk: [o.pk for o in related] for pk, related in batch.items()} == expected
    assert len(queries) <= 6
    assert any(expected.values())
