"""RSS 2.0, Atom and JSON Feed of articles: site-wide, per category and per tag; they parse
with feedparser without a bozo flag, and the JSON Feed validates against JSON Feed 1.1."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import jsonschema
import pytest

SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text())
FORMATS = ["rss", "atom", "json"]


def fetch(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response


def parse(client, url: str):
    parsed = feedparser.parse(fetch(client, url).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_xml_feeds_parse_cleanly_with_every_item_field(articles, client, kind):
    parsed = parse(client, f"/feeds/articles/{kind}/")
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")
    assert [entry.title for entry in parsed.entries] == [
        "Spring Relief",
        "Exploring Neuropathy & Autoimmune Diseases",
    ]
    entry = parsed.entries[1]
    assert entry.link == "http://testserver/blog/exploring-neuropathy-autoimmune-diseases/"
    assert entry.summary.startswith("Neuropathy <b>damages</b> the peripheral nerves & more.")
    assert "Medically reviewed by Dr. Lee, MD" in entry.summary
    assert "Next review due September 1, 2025" in entry.summary
    assert entry.author == "Care Manager"
    assert {tag.term for tag in entry.tags} == {"Neuropathy", "neuropathy", "autoimmune"}
    assert entry.published_parsed[:3] == (2024, 8, 19)
    (enclosure,) = entry.enclosures
    assert enclosure.href.startswith("http://testserver/")
    assert enclosure.type.startswith("image/")
    assert int(enclosure.length) > 0


def test_json_feed_validates_against_json_feed_1_1(articles, client):
    response = fetch(client, "/feeds/articles/json/")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = response.json()
    jsonschema.validate(feed, SCHEMA, format_checker=jsonschema.FormatChecker())
    first = feed["items"][1]
    assert first["title"] == "Exploring Neuropathy & Autoimmune Diseases"
    assert first["url"].startswith("http://testserver/")
    assert first["summary"] == "Neuropathy <b>damages</b> the peripheral nerves & more."
    assert first["authors"] == [{"name": "Care Manager"}]
    assert first["date_published"].startswith("2024-08-19T00:00:00")
    assert first["attachments"][0]["mime_type"].startswith("image/")
    assert first["image"] == first["attachments"][0]["url"]
    assert first["_medical_review"] == {
        "reviewed_by": {"name": "Dr. Lee", "credentials": "MD"},
        "last_reviewed": "2024-09-01",
        "next_review_due": "2025-09-01",
    }


def test_the_schema_refuses_what_json_feed_refuses(articles, client):
    """The validation above could fail: the schema rejects a feed missing required members."""
    feed = fetch(client, "/feeds/articles/json/").json()
    del feed["items"][0]["id"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(feed, SCHEMA)


@pytest.mark.parametrize("kind", FORMATS)
def test_category_feed_lists_only_that_category(articles, client, kind):
    url = f"/feeds/categories/wellness/{kind}/"
    if kind == "json":
        titles = [item["title"] for item in fetch(client, url).json()["items"]]
    else:
        titles = [entry.title for entry in parse(client, url).entries]
    assert titles == ["Spring Relief"]


@pytest.mark.parametrize("kind", FORMATS)
def test_tag_feed_lists_only_that_tag(articles, client, kind):
    url = f"/feeds/tags/autoimmune/{kind}/"
    if kind == "json":
        titles = [item["title"] for item in fetch(client, url).json()["items"]]
    else:
        titles = [entry.title for entry in parse(client, url).entries]
    assert titles == ["Exploring Neuropathy & Autoimmune Diseases"]


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/categories/no-such-category/rss/",
        "/feeds/tags/no-such-tag/atom/",
        # a tag only a draft uses would announce the draft
        "/feeds/tags/secret-tag/json/",
    ],
)
def test_unknown_topics_are_not_found(articles, client, url):
    assert client.get(url).status_code == 404


def test_drafts_and_private_articles_never_appear(articles, client):
    body = fetch(client, "/feeds/articles/rss/").content.decode()
    assert "Draft Only" not in body and "Members Only" not in body


def test_feeds_of_an_empty_blog_are_valid(blog, client):
    assert parse(client, "/feeds/articles/atom/").entries == []
    feed = fetch(client, "/feeds/articles/json/").json()
    jsonschema.validate(feed, SCHEMA)
    assert feed["items"] == []
