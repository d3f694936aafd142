"""Article feeds on Django's syndication framework: RSS 2.0, Atom 1.0 and JSON Feed 1.1.

One :class:`ArticleFeed` describes the items (title, full summary, author, categories and tags,
the hero image as enclosure, the medical review); the three formats only change the writer
(``feed_type``). Each serves the request's site, whole or narrowed to a category or a tag, and
only live, public articles of every ``AbstractArticlePage`` model (agency subclasses included):
the items are :func:`~.listings.article_listing`'s, like every other feed's.
"""

from __future__ import annotations

import json
import mimetypes
from collections import defaultdict
from datetime import datetime, time
from typing import Any
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed, rfc3339_date
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .listings import article_listing
from .models.articles import AbstractArticlePage
from .models.taxonomy import Category
from .review.status import review_line
from .visibility import visible_tags

#: How many of the newest articles a feed lists.
FEED_LENGTH = 20


class JsonFeed(SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) from the syndication framework's
    feed and items."""

    content_type = "application/feed+json; charset=utf-8"
    version = "https://jsonfeed.org/version/1.1"

    def write(self, outfile: Any, encoding: str) -> None:
        outfile.write(json.dumps(self.document(), ensure_ascii=False).encode(encoding))

    def document(self) -> dict[str, Any]:
        feed = self.feed
        document: dict[str, Any] = {
            "version": self.version,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed.get("language") or None,
            "items": [self.item_document(item) for item in self.items],
        }
        return {key: value for key, value in document.items() if value not in (None, "")}

    def item_document(self, item: dict[str, Any]) -> dict[str, Any]:
        extra = item.get("json_feed", {})
        document: dict[str, Any] = {
            "id": item["unique_id"] or item["link"],
            "url": item["link"],
            "title": item["title"],
            "content_text": item["description"],
            "summary": extra.get("summary"),
            "image": extra.get("image"),
            "date_published": rfc3339_date(item["pubdate"]) if item["pubdate"] else None,
            "date_modified": rfc3339_date(item["updateddate"]) if item["updateddate"] else None,
            "authors": [{"name": item["author_name"]}] if item["author_name"] else None,
            "tags": list(item["categories"]) or None,
            "attachments": [
                {
                    "url": enclosure.url,
                    "mime_type": enclosure.mime_type,
                    "size_in_bytes": int(enclosure.length),
                }
                for enclosure in item["enclosures"]
            ]
            or None,
            "_medical_review": extra.get("medical_review"),
        }
        return {key: value for key, value in document.items() if value not in (None, "")}


class ArticleFeed(Feed):
    """The newest articles of the request's site; ``kind``/``slug`` narrow it to a category or
    a tag. RSS 2.0 here; :class:`AtomArticleFeed` and :class:`JsonArticleFeed` change only the
    writer."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, kind: str = "", slug: str = "") -> dict[str, Any]:
        site = Site.find_for_request(request)
        if site is None:
            raise Http404(_("No site answers at this address."))
        topic: Any = None
        if kind == "categories":
            topic = Category.objects.filter(slug=slug).first()
        elif kind == "tags":
            topic = visible_tags().filter(slug=slug).first()
        if kind and topic is None:
            raise Http404(_("There is no such category or tag."))
        return {"site": site, "kind": kind, "topic": topic, "request": request}

    # ---- the feed

    def title(self, obj: dict[str, Any]) -> str:
        name = obj["site"].site_name or obj["site"].hostname
        if obj["topic"] is not None:
            return f"{name}: {obj['topic'].name}"
        return name

    def link(self, obj: dict[str, Any]) -> str:
        return obj["site"].root_url + "/"

    def feed_url(self, obj: dict[str, Any]) -> str:
        return obj["request"].build_absolute_uri()

    def description(self, obj: dict[str, Any]) -> str:
        if obj["topic"] is not None:
            return _("The newest articles about %(topic)s.") % {"topic": obj["topic"].name}
        return _("The newest articles.")

    def items(self, obj: dict[str, Any]) -> list[AbstractArticlePage]:
        """The site's newest articles of every article page type, as the listings give them
        (:func:`~.listings.article_listing`: the same visibility, filters and order as the v3
        cards, GraphQL ``articles`` and the HTML index), narrowed by the category or tag."""
        site_pages = Page.objects.descendant_of(obj["site"].root_page, inclusive=True)
        articles = list(article_listing(self.topic_filter(obj), within=site_pages)[:FEED_LENGTH])
        # each page type on its own: an agency's model has its own tag through-model
        by_model: dict[type, list[AbstractArticlePage]] = defaultdict(list)
        for article in articles:
            by_model[type(article)].append(article)
        for pages in by_model.values():
            prefetch_related_objects(pages, "author", "hero_image", "categories", "tags")
        return articles

    def topic_filter(self, obj: dict[str, Any]) -> dict[str, str]:
        """The :class:`~.filters.ArticleFilterSet` parameters of a category or tag feed."""
        if obj["kind"] == "categories":
            return {"category": obj["topic"].slug}
        if obj["kind"] == "tags":
            return {"tags": obj["topic"].slug}
        return {}

    # ---- each article

    def item_title(self, item: AbstractArticlePage) -> str:
        return item.title

    def item_description(self, item: AbstractArticlePage) -> str:
        """The full summary, then the medical review line when the article was reviewed."""
        review = review_line(item)
        return f"{item.summary}\n\n{review}" if review else item.summary

    def item_link(self, item: AbstractArticlePage) -> str:
        return item.get_full_url()

    def item_guid(self, item: AbstractArticlePage) -> str:
        return item.get_full_url()

    def item_pubdate(self, item: AbstractArticlePage) -> datetime:
        return timezone.make_aware(datetime.combine(item.date, time()))

    def item_updateddate(self, item: AbstractArticlePage) -> datetime | None:
        return item.last_published_at

    def item_author_name(self, item: AbstractArticlePage) -> str | None:
        return item.author.name if item.author else None

    def item_categories(self, item: AbstractArticlePage) -> list[str]:
        names = [category.name for category in item.categories.all()]
        return names + [tag.name for tag in item.tags.all() if tag.name not in names]

    def item_enclosures(self, item: AbstractArticlePage) -> list[Any]:
        from django.utils.feedgenerator import Enclosure

        image = item.hero_image
        if image is None or not image.file:
            return []
        mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
        url = urljoin(item.get_site().root_url + "/", image.file.url)
        return [Enclosure(url, str(image.get_file_size() or 0), mime_type)]

    def item_extra_kwargs(self, item: AbstractArticlePage) -> dict[str, Any]:
        """What only the JSON Feed writes: the summary, the hero image and the review."""
        enclosures = self.item_enclosures(item)
        return {
            "json_feed": {
                "summary": item.summary,
                "image": enclosures[0].url if enclosures else None,
                "medical_review": review_data(item),
            }
        }


def review_data(page: Page) -> dict[str, Any] | None:
    if not getattr(page, "reviewed_by", None) or not getattr(page, "last_reviewed", None):
        return None
    reviewer = page.reviewed_by
    return {
        "reviewed_by": {"name": reviewer.name, "credentials": reviewer.credentials},
        "last_reviewed": page.last_reviewed.isoformat(),
        "next_review_due": page.next_review_due.isoformat() if page.next_review_due else None,
    }


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description


class JsonArticleFeed(ArticleFeed):
    feed_type = JsonFeed
