"""Feeds, ``sitemap.xml`` and ``robots.txt``: how readers and crawlers find the content.

Included by :mod:`wagtail_neuro.urls` at the site root; mount it alone with
``path("", include("wagtail_neuro.discovery_urls"))`` to take just these. Needs
``django.contrib.sitemaps`` in ``INSTALLED_APPS`` (for the sitemap template).
"""

from django.urls import path

from .feeds import ArticleFeed, AtomArticleFeed, JsonArticleFeed
from .sitemaps import robots_txt, sitemap

FEEDS = {"rss": ArticleFeed(), "atom": AtomArticleFeed(), "json": JsonArticleFeed()}

urlpatterns = [
    path("sitemap.xml", sitemap, name="wagtail_neuro_sitemap"),
    path("robots.txt", robots_txt, name="wagtail_neuro_robots_txt"),
]
for name, feed in FEEDS.items():
    urlpatterns += [
        path(f"feeds/articles/{name}/", feed, name=f"wagtail_neuro_feed_{name}"),
        path(
            f"feeds/categories/<slug:slug>/{name}/",
            feed,
            {"kind": "categories"},
            name=f"wagtail_neuro_category_feed_{name}",
        ),
        path(
            f"feeds/tags/<slug:slug>/{name}/",
            feed,
            {"kind": "tags"},
            name=f"wagtail_neuro_tag_feed_{name}",
        ),
    ]
