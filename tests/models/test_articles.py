"""ArticlePage and ArticleIndexPage behaviour: listings, related posts, reading time, validation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    CategoryFactory,
    paragraph_stream,
)
from wagtail_neuro.models import ArticlePage, ArticleRelatedLink

pytestmark = pytest.mark.django_db


def test_index_lists_live_public_articles_newest_first(blog, rf):
    old = ArticlePageFactory(parent=blog, date=dt.date(2024, 2, 1))
    new = ArticlePageFactory(parent=blog, date=dt.date(2024, 8, 19))
    draft = ArticlePageFactory(parent=blog, date=dt.date(2024, 9, 1))
    draft.unpublish()
    private = ArticlePageFactory(parent=blog, date=dt.date(2024, 9, 2))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    expired = ArticlePageFactory(parent=blog, expire_at=timezone.now() - dt.timedelta(days=1))

    listed = list(blog.get_articles())
    assert listed == [new, old]
    assert draft not in listed and private not in listed and expired not in listed


def test_index_filters_by_tag_and_category(blog, rf):
    neuropathy = CategoryFactory(name="Neuropathy")
    tagged = ArticlePageFactory(parent=blog)
    tagged.tags.add("autoimmune")
    tagged.save()
    in_category = ArticlePageFactory(parent=blog)
    in_category.categories.add(neuropathy)
    in_category.save()

    by_tag = blog.get_context(rf.get("/blog/", {"tag": "autoimmune"}))["articles"]
    assert list(by_tag) == [tagged]
    by_category = blog.get_context(rf.get("/blog/", {"category": "neuropathy"}))["articles"]
    assert list(by_category) == [in_category]
    unknown = blog.get_context(rf.get("/blog/", {"tag": "no-such-tag"}))["articles"]
    assert list(unknown) == []


@override_settings(WAGTAIL_NEURO_ARTICLES_PER_PAGE=2)
def test_index_paginates_and_tolerates_bad_page_numbers(blog, client, rf):
    for _ in range(5):
        ArticlePageFactory(parent=blog)
    context = blog.get_context(rf.get(blog.url))
    assert context["articles"].paginator.num_pages == 3
    for bad in ("0", "999", "abc", "-1"):
        response = client.get(blog.url, {"page": bad})
        assert response.status_code == 200


def test_index_page_renders_cards_with_summary(blog, client):
    ArticlePageFactory(parent=blog, title="Spring is Around the Corner", summary="As the seasons…")
    response = client.get(blog.url)
    assert response.status_code == 200
    assert b"Spring is Around the Corner" in response.content
    assert "As the seasons…".encode() in response.content


def test_editor_picks_come_first_and_in_order(blog):
    article = ArticlePageFactory(parent=blog)
    first, second = ArticlePageFactory(parent=blog), ArticlePageFactory(parent=blog)
    ArticleRelatedLink.objects.create(page=article, article=second, sort_order=0)
    ArticleRelatedLink.objects.create(page=article, article=first, sort_order=1)
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.get_related_articles() == [second, first]


def test_unpublished_pick_is_dropped(blog):
    article = ArticlePageFactory(parent=blog)
    gone = ArticlePageFactory(parent=blog)
    ArticleRelatedLink.objects.create(page=article, article=gone, sort_order=0)
    gone.unpublish()
    assert ArticlePage.objects.get(pk=article.pk).get_related_articles() == []


def test_automatic_related_share_a_tag_or_category_newest_first(blog):
    category = CategoryFactory(name="Wellness")
    article = ArticlePageFactory(parent=blog)
    article.tags.add("neuropathy")
    article.categories.add(category)
    article.save()
    older = ArticlePageFactory(parent=blog, date=dt.date(2023, 1, 1))
    older.tags.add("neuropathy")
    older.save()
    newer = ArticlePageFactory(parent=blog, date=dt.date(2025, 2, 1))
    newer.categories.add(category)
    newer.save()
    ArticlePageFactory(parent=blog)  # shares nothing

    assert article.get_related_articles() == [newer, older]
    assert article.get_related_articles(limit=1) == [newer]


def test_no_tags_or_categories_means_no_automatic_related(blog):
    article = ArticlePageFactory(parent=blog)
    ArticlePageFactory(parent=blog)
    assert article.get_related_articles() == []


@override_settings(WAGTAIL_NEURO_WORDS_PER_MINUTE=10)
def test_reading_time_follows_the_body_words(blog):
    article = ArticlePageFactory(parent=blog, body=paragraph_stream(" ".join(["word"] * 25)))
    article.full_clean()
    assert article.reading_time == 3  # 25 words at 10 a minute, rounded up


def test_reading_time_is_at_least_one_minute(blog):
    article = ArticlePageFactory(parent=blog, body=paragraph_stream("Short."))
    article.full_clean()
    assert article.reading_time == 1


def test_uncategorized_label(blog):
    article = ArticlePageFactory(parent=blog)
    assert article.category_labels == ["Uncategorized"]
    with override_settings(WAGTAIL_NEURO_UNCATEGORIZED_LABEL="General"):
        assert article.category_labels == ["General"]
    article.categories.add(CategoryFactory(name="Neuropathy"))
    assert article.category_labels == ["Neuropathy"]


@pytest.mark.parametrize(
    ("reviewed_by", "last_reviewed", "field"),
    [
        (True, None, "last_reviewed"),
        (True, dt.date.today() + dt.timedelta(days=2), "last_reviewed"),
    ],
)
def test_medical_review_needs_a_date_in_the_past(blog, reviewed_by, last_reviewed, field):
    article = ArticlePageFactory(parent=blog)
    article.reviewed_by = AuthorFactory() if reviewed_by else None
    article.last_reviewed = last_reviewed
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert field in excinfo.value.message_dict


def test_article_page_renders_byline_and_related(blog, client):
    author = AuthorFactory(name="Care Manager", credentials="")
    article = ArticlePageFactory(parent=blog, author=author, date=dt.date(2024, 8, 19))
    related = ArticlePageFactory(parent=blog, title="5 Tips To Boost Your Health")
    ArticleRelatedLink.objects.create(page=article, article=related, sort_order=0)
    response = client.get(article.url)
    html = response.content.decode()
    assert "By: Care Manager" in html
    assert "August 19, 2024" in html
    assert "In: Uncategorized" in html
    assert "5 Tips To Boost Your Health" in html


def test_article_can_only_live_under_an_article_index(home):
    from wagtail_neuro.models import ArticlePage as Model

    assert not Model.can_create_at(home)


def test_deleting_the_reviewer_does_not_block_publishing_or_unpublishing(blog):
    """A review date without a reviewer (the Author was deleted) is refused in the admin form,
    not by the model: scheduled publishing and unpublishing must keep working."""
    from django.core.management import call_command
    from django.utils import timezone

    reviewer = AuthorFactory(name="Dr Reviewer")
    scheduled = ArticlePageFactory(parent=blog, slug="scheduled", live=False)
    scheduled.reviewed_by, scheduled.last_reviewed = reviewer, dt.date(2024, 1, 1)
    scheduled.save_revision(approved_go_live_at=timezone.now() - dt.timedelta(minutes=5))
    other = ArticlePageFactory(parent=blog, slug="other", live=False)
    other.save_revision(approved_go_live_at=timezone.now() - dt.timedelta(minutes=4))
    live = ArticlePageFactory(
        parent=blog, slug="live", reviewed_by=reviewer, last_reviewed=dt.date(2024, 1, 1)
    )

    reviewer.delete()
    call_command("publish_scheduled")

    scheduled.refresh_from_db()
    other.refresh_from_db()
    assert scheduled.live and other.live
    assert scheduled.reviewed_by is None
    live.refresh_from_db()
    live.unpublish()
    live.refresh_from_db()
    assert not live.live
