"""Per-page SEO: title, description, canonical URL, Open Graph and Twitter tags with fallbacks,
in the page's <head> and as ``seo`` in REST and GraphQL; sitemap.xml with lastmod; robots.txt."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest
import wagtail_factories
from wagtail.models import PageViewRestriction, Site

from tests.factories import ArticlePageFactory, AuthorFactory, CategoryFactory, ConditionPageFactory
from wagtail_neuro.models import ClinicSettings
from wagtail_neuro.seo import page_seo

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def package_urls(settings):
    settings.ROOT_URLCONF = "tests.structured_data.urls"


@pytest.fixture
def article(blog):
    page = ArticlePageFactory(
        parent=blog,
        title="Exploring Neuropathy",
        summary="Neuropathy damages the peripheral nerves.",
        date=dt.date(2024, 8, 19),
        author=AuthorFactory(name="Care Manager"),
        hero_image=wagtail_factories.ImageFactory(title="Feet", file__width=1600, file__height=900),
    )
    page.categories.set([CategoryFactory(name="Neuropathy")])
    page.tags.add("autoimmune")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def tags(seo: dict, kind: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in seo[kind]:
        found.setdefault(tag["key"], []).append(tag["content"])
    return found


def test_fallbacks_title_summary_own_url_hero_image(article):
    seo = page_seo(article)
    assert seo["title"] == "Exploring Neuropathy"
    assert seo["description"] == "Neuropathy damages the peripheral nerves."
    assert seo["canonical_url"] == "http://testserver/blog/exploring-neuropathy/"
    assert seo["image"]["url"].startswith("http://testserver/")
    assert (seo["image"]["width"], seo["image"]["height"]) == (1200, 630)
    og = tags(seo, "open_graph")
    assert og["og:type"] == ["article"]
    assert og["og:url"] == [seo["canonical_url"]]
    assert og["og:image"] == [seo["image"]["url"]]
    assert og["article:published_time"] == ["2024-08-19"]
    assert og["article:author"] == ["Care Manager"]
    assert og["article:section"] == ["Neuropathy"]
    assert og["article:tag"] == ["autoimmune"]
    twitter = tags(seo, "twitter")
    assert twitter["twitter:card"] == ["summary_large_image"]
    assert twitter["twitter:title"] == ["Exploring Neuropathy"]


def test_editor_values_win(article):
    image = wagtail_factories.ImageFactory(title="Share me", file__width=1200, file__height=630)
    article.seo_title = "Neuropathy and autoimmune disease"
    article.search_description = "How autoimmune diseases damage nerves."
    article.canonical_url = "https://original.example.com/post"
    article.social_image = image
    article.save_revision().publish()
    seo = page_seo(article)
    assert seo["title"] == "Neuropathy and autoimmune disease"
    assert seo["description"] == "How autoimmune diseases damage nerves."
    assert seo["canonical_url"] == "https://original.example.com/post"
    assert seo["image"]["alt"] == "Share me"


def test_without_any_image_the_card_is_a_summary(conditions_index):
    page = ConditionPageFactory(parent=conditions_index)
    seo = page_seo(page)
    assert seo["image"] is None
    assert tags(seo, "twitter")["twitter:card"] == ["summary"]
    assert tags(seo, "open_graph")["og:type"] == ["website"]


def test_the_clinic_logo_is_the_last_image_fallback(conditions_index):
    logo = wagtail_factories.ImageFactory(title="Logo")
    ClinicSettings.objects.create(
        site=Site.objects.get(is_default_site=True), name="Blue Ridge", logo=logo
    )
    seo = page_seo(ConditionPageFactory(parent=conditions_index))
    assert seo["image"]["alt"] == "Logo"
    assert tags(seo, "open_graph")["og:site_name"] == ["Blue Ridge"]


def test_head_has_the_tags_escaped(article, client):
    article.search_description = 'Nerves "&" <more>'
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert '<meta name="description" content="Nerves &quot;&amp;&quot; &lt;more&gt;">' in html
    assert '<link rel="canonical" href="http://testserver/blog/exploring-neuropathy/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_rest_and_graphql_send_the_same_seo(article, client):
    rest = client.get(f"/api/v2/pages/{article.pk}/").json()["seo"]
    article.refresh_from_db()
    expected = json.loads(json.dumps(page_seo(article)))
    assert rest == expected
    query = """query ($id: ID) { page(id: $id) { ... on ArticlePage { seo {
        title description canonicalUrl image { url width height alt }
        openGraph { key content } twitter { key content } } } } }"""
    data = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": {"id": article.pk}}),
        content_type="application/json",
    ).json()
    seo = data["data"]["page"]["seo"]
    assert seo["canonicalUrl"] == expected["canonical_url"]
    assert seo["openGraph"] == expected["open_graph"]
    assert seo["image"] == expected["image"]


def test_sitemap_lists_visible_pages_with_lastmod(article, blog, client):
    draft = ArticlePageFactory(parent=blog, title="Draft")
    draft.unpublish()
    private = ArticlePageFactory(parent=blog, title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = {
        url.find("s:loc", SITEMAP_NS).text: url.find("s:lastmod", SITEMAP_NS)
        for url in root.findall("s:url", SITEMAP_NS)
    }
    assert "http://testserver/blog/exploring-neuropathy/" in urls
    assert urls["http://testserver/blog/exploring-neuropathy/"].text == (
        article.last_published_at.date().isoformat()
    )
    assert not any("draft" in loc or "private" in loc for loc in urls)


def test_a_page_canonical_elsewhere_is_left_out_of_the_sitemap(article, client):
    article.canonical_url = "https://original.example.com/post"
    article.save_revision().publish()
    assert b"exploring-neuropathy" not in client.get("/sitemap.xml").content


def test_robots_txt_points_to_the_sitemap(home, client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
