"""An agency's own article model (``tests.extending``) flows through the feeds and gets the
article's structured data without any registration."""

from __future__ import annotations

import datetime as dt

import feedparser

from tests.extending.models import ClinicArticleIndexPage, ClinicArticlePage
from tests.factories import paragraph_stream
from wagtail_neuro.structured_data import page_document


def test_agency_articles_are_in_the_feeds_and_are_blog_postings(home, client):
    blog = home.add_child(instance=ClinicArticleIndexPage(title="Clinic blog", slug="clinic-blog"))
    article = blog.add_child(
        instance=ClinicArticlePage(
            title="Acupuncture questions",
            slug="acupuncture-questions",
            summary="What patients ask before a first visit.",
            date=dt.date(2025, 1, 6),
            body=paragraph_stream("Before your visit."),
        )
    )
    article.save_revision().publish()
    parsed = feedparser.parse(client.get("/feeds/articles/rss/").content)
    assert not parsed.bozo
    assert [entry.title for entry in parsed.entries] == ["Acupuncture questions"]
    types = [node["@type"] for node in page_document(article)["@graph"]]
    assert types[:2] == ["WebPage", "BlogPosting"]
