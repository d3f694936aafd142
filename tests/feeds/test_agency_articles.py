"""An agency's own article model (``tests.extending``) flows through the feeds and gets the
article's structured data without any registration."""

from __future__ import annotations

import datetime as dt

import feedparser

from tests.extending.models import ClinicArticleIndexPage, ClinicArticlePage
from tests.factories import ArticlePageFactory, CategoryFactory, paragraph_stream
from wagtail_neuro.listings import article_listing
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


def test_feeds_list_every_article_type_as_the_listings_do(home, blog, client):
    """One listing (``wagtail_neuro.listings.article_listing``) feeds the syndication feeds too:
    the agency's and the package's articles interleave newest first, and a category or tag feed
    narrows both the way the listing's ``category``/``tags`` filters do."""
    wellness = CategoryFactory(name="Wellness")
    clinic_blog = home.add_child(
        instance=ClinicArticleIndexPage(title="Clinic blog", slug="clinic-blog")
    )

    def agency(title: str, date: dt.date) -> ClinicArticlePage:
        article = clinic_blog.add_child(
            instance=ClinicArticlePage(
                title=title, summary=title, date=date, body=paragraph_stream(title)
            )
        )
        article.save_revision().publish()
        return article

    newest = agency("Acupuncture questions", dt.date(2025, 1, 6))
    agency("Massage and migraine", dt.date(2024, 12, 1))
    package = ArticlePageFactory(parent=blog, title="Sleep and nerves", date=dt.date(2025, 1, 1))
    for article in (newest, package):
        article.categories.set([wellness])
        article.tags.add("sleep")
        article.save_revision().publish()
    draft = agency("Not yet", dt.date(2025, 2, 1))
    draft.unpublish()

    def titles(url: str) -> list[str]:
        parsed = feedparser.parse(client.get(url).content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        return [entry.title for entry in parsed.entries]

    everything = ["Acupuncture questions", "Sleep and nerves", "Massage and migraine"]
    assert titles("/feeds/articles/rss/") == everything
    assert [page.title for page in article_listing({})] == everything
    narrowed = ["Acupuncture questions", "Sleep and nerves"]
    for url, data in [
        (f"/feeds/categories/{wellness.slug}/rss/", {"category": wellness.slug}),
        ("/feeds/tags/sleep/atom/", {"tags": "sleep"}),
    ]:
        assert titles(url) == narrowed
        assert [page.title for page in article_listing(data)] == narrowed
    json_feed = client.get("/feeds/articles/json/").json()
    assert [item["tags"] for item in json_feed["items"][:2]] == [["Wellness", "sleep"]] * 2
