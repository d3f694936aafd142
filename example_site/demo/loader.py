"""The demo clinic site, built from a real clinic blog post (``content.py``).

Home (the default site's root page) → Blog → the article and its two related posts;
Home → Conditions → six condition pages; the "Office Hours" snippet; the author "Care Manager";
the category "Neuropathy". Everything is published through revisions, as an editor would.
The default Site answers at the demo's address (``http://127.0.0.1:8000`` unless told
otherwise), so ``html_url`` in the API and page URLs point at the server ``make demo`` runs.

Idempotent: each object is looked up by slug, created when missing, updated (with a new
revision) only when it differs from the demo data, and otherwise left alone, so running the
loader twice changes nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from django.apps import apps
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from wagtail.blocks import StreamValue
from wagtail.models import Page, Site

from wagtail_neuro.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticleRelatedLink,
    Author,
    Category,
    ConditionAlias,
    ConditionIndexPage,
    ConditionPage,
    ConditionRelatedLink,
)
from wagtail_neuro.models.clinic_hours import ClinicHoursSnippet
from wagtail_neuro.models.clinic_settings import ClinicSettings, ClinicSpecialty

from . import content as demo

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def site_address(base_url: str) -> tuple[str, int]:
    """The (hostname, port) a Wagtail Site needs to answer at ``base_url``."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CommandError(
            f"--base-url: {base_url!r} is not an http(s) URL such as {DEFAULT_BASE_URL}."
        )
    try:
        port = parts.port
    except ValueError as error:
        raise CommandError(f"--base-url: {error}") from None
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def strip_ids(value: Any) -> Any:
    """Stream data without the block ids Wagtail generates, for comparing content."""
    if isinstance(value, dict):
        return {key: strip_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [strip_ids(item) for item in value]
    return value


class DemoLoader:
    """Creates or updates each demo object and counts what it did."""

    def __init__(
        self, home_model: type[Page] | None = None, base_url: str = DEFAULT_BASE_URL
    ) -> None:
        self.home_model = home_model
        self.hostname, self.port = site_address(base_url)
        self.tally: Counter[str] = Counter()
        self.conditions: dict[str, ConditionPage] = {}
        self.articles: dict[str, ArticlePage] = {}

    # ------------------------------------------------------------------ the demo

    def run(self) -> dict[str, Any]:
        hours = self.load_office_hours()
        author = self.load_author()
        home = self.load_home()
        self.load_clinic(hours)
        conditions_index = self.sync_page(
            home,
            ConditionIndexPage,
            demo.CONDITIONS["slug"],
            fields={"title": demo.CONDITIONS["title"], "intro": demo.CONDITIONS["intro"]},
        )
        for data in demo.CONDITION_PAGES:
            self.conditions[data["slug"]] = self.load_condition(conditions_index, data)
        blog = self.sync_page(
            home,
            ArticleIndexPage,
            demo.BLOG["slug"],
            fields={"title": demo.BLOG["title"], "intro": demo.BLOG["intro"]},
        )
        authors = {author.slug: author}
        categories = {category.slug: category for category in self.load_categories()}
        for data in [*demo.RELATED_ARTICLES, demo.ARTICLE]:
            self.articles[data["slug"]] = self.load_article(blog, data, authors, categories)
        return {
            "home": home,
            "blog": blog,
            "conditions": conditions_index,
            "article": self.articles[demo.ARTICLE_SLUG],
            "hours": hours,
        }

    def load_office_hours(self) -> ClinicHoursSnippet:
        data = demo.OFFICE_HOURS
        fields = {"name": data["name"], "timezone": data["timezone"], "notes": data["notes"]}
        streams = {"weekly_hours": data["weekly_hours"], "exceptions": data["exceptions"]}
        snippet = ClinicHoursSnippet.objects.filter(slug=data["slug"]).first()
        if snippet is None:
            snippet = ClinicHoursSnippet(slug=data["slug"], live=False, **fields)
            self.assign_streams(snippet, streams)
            snippet.save()
            snippet.save_revision().publish()
            self.tally["created"] += 1
        elif self.differs(snippet, fields, streams) or not snippet.live:
            for name, value in fields.items():
                setattr(snippet, name, value)
            self.assign_streams(snippet, streams)
            snippet.save_revision().publish()
            self.tally["updated"] += 1
        else:
            self.tally["unchanged"] += 1
        return snippet

    def load_clinic(self, hours: ClinicHoursSnippet) -> ClinicSettings:
        """The default site's clinic settings: contact details, specialties, opening hours."""
        data = dict(demo.CLINIC)
        specialties = data.pop("specialties")
        fields = {**data, "opening_hours": hours}
        site = Site.objects.get(is_default_site=True)
        clinic = ClinicSettings.objects.filter(site=site).first()
        if clinic is None:
            clinic = ClinicSettings(site=site)
            self.tally["created"] += 1
        elif (
            any(getattr(clinic, name) != value for name, value in fields.items())
            or [row.specialty for row in clinic.specialties.all()] != specialties
        ):
            self.tally["updated"] += 1
        else:
            self.tally["unchanged"] += 1
            return clinic
        for name, value in fields.items():
            setattr(clinic, name, value)
        clinic.specialties = [ClinicSpecialty(specialty=name) for name in specialties]
        clinic.save()
        return clinic

    def load_author(self) -> Author:
        data = demo.AUTHOR
        author, created = Author.objects.get_or_create(
            slug=data["slug"], defaults={"name": data["name"], "role": data["role"]}
        )
        if created:
            self.tally["created"] += 1
        elif (author.name, author.role) != (data["name"], data["role"]):
            author.name, author.role = data["name"], data["role"]
            author.save()
            self.tally["updated"] += 1
        else:
            self.tally["unchanged"] += 1
        return author

    def load_categories(self) -> list[Category]:
        categories = []
        for data in demo.CATEGORIES:
            fields = {"name": data["name"], "description": data["description"]}
            category = Category.objects.filter(slug=data["slug"]).first()
            if category is None:
                category = Category.objects.create(slug=data["slug"], **fields)
                self.tally["created"] += 1
            elif any(getattr(category, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(category, name, value)
                category.save()
                self.tally["updated"] += 1
            else:
                self.tally["unchanged"] += 1
            categories.append(category)
        return categories

    def load_home(self) -> Page:
        """The default site's root page; Wagtail's untouched welcome page is replaced with a
        ``home_model`` page when one is asked for. Without any site, one is created."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            home = self.new_home(Page.get_first_root_node())
            Site.objects.create(
                hostname=self.hostname,
                port=self.port,
                site_name=demo.CLINIC_NAME,
                root_page=home,
                is_default_site=True,
            )
            self.tally["created"] += 1
            return home

        home = site.root_page.specific
        if self.home_model is not None and not isinstance(home, self.home_model):
            if not is_welcome_page(home):
                raise CommandError(
                    f"The default site's root page “{home.title}” is a "
                    f"{type(home).__name__}, not a {self.home_model.__name__}, and it is not "
                    "Wagtail's empty welcome page, so load_demo will not replace it. Leave out "
                    "--home-model to build the demo under it."
                )
            welcome = home
            home = self.new_home(welcome.get_parent(), slug=f"{welcome.slug}-{welcome.pk}")
            site.root_page = home
            site.save()
            slug = welcome.slug
            welcome.delete()
            home.refresh_from_db()
            home.slug = slug
            home.save_revision().publish()
            home.refresh_from_db()  # publishing saved a copy; reload the new url_path
            self.tally["created"] += 1

        self.sync_site(site)
        return home

    def sync_site(self, site: Site) -> None:
        """The default site answers at the demo's address and carries the clinic's name."""
        changes = {}
        if (site.hostname, site.port) != (self.hostname, self.port):
            taken = Site.objects.filter(hostname=self.hostname, port=self.port).exclude(pk=site.pk)
            if taken.exists():
                raise CommandError(
                    f"Another site already answers at {self.hostname}:{self.port}; give "
                    "load_demo another --base-url (or make demo another PORT)."
                )
            changes.update(hostname=self.hostname, port=self.port)
        if not site.site_name:
            changes["site_name"] = demo.CLINIC_NAME
        if changes:
            for name, value in changes.items():
                setattr(site, name, value)
            site.save(update_fields=list(changes))
            self.tally["updated"] += 1

    def new_home(self, parent: Page, slug: str = "home") -> Page:
        model = self.home_model or Page
        home = parent.add_child(instance=model(title="Home", slug=slug, live=False))
        home.save_revision().publish()
        return home

    def load_condition(self, index: Page, data: dict[str, Any]) -> ConditionPage:
        return self.sync_page(
            index,
            ConditionPage,
            data["slug"],
            fields={
                "title": data["title"],
                "summary": data["summary"],
                "search_description": data["summary"],
            },
            streams={"body": data["body"], "references": data["references"]},
            children={
                "also_known_as": [ConditionAlias(name=name) for name in data["aliases"]],
                "related_condition_links": [
                    ConditionRelatedLink(condition=self.conditions[slug])
                    for slug in data["related"]
                ],
            },
        )

    def load_article(
        self,
        blog: Page,
        data: dict[str, Any],
        authors: dict[str, Author],
        categories: dict[str, Category],
    ) -> ArticlePage:
        return self.sync_page(
            blog,
            ArticlePage,
            data["slug"],
            fields={
                "title": data["title"],
                "summary": data["summary"],
                "search_description": data["summary"],
                "date": data["date"],
                "author": authors.get(data["author"]) if data["author"] else None,
            },
            streams={"body": data["body"], "references": data["references"]},
            many_to_many={"categories": [categories[slug] for slug in data["categories"]]},
            children={
                "related_article_links": [
                    ArticleRelatedLink(article=self.articles[slug]) for slug in data["related"]
                ],
            },
        )

    # ------------------------------------------------------------------ create or update

    def sync_page(
        self,
        parent: Page,
        model: type[Page],
        slug: str,
        *,
        fields: dict[str, Any],
        streams: dict[str, list] | None = None,
        many_to_many: dict[str, list] | None = None,
        children: dict[str, list] | None = None,
    ) -> Any:
        """The child of ``parent`` with ``slug``: created, updated or left as it is."""
        streams, many_to_many, children = streams or {}, many_to_many or {}, children or {}
        existing = parent.get_children().filter(slug=slug).first()
        if existing is None:
            page = model(slug=slug, live=False)
            self.assign(page, fields, streams, many_to_many, children)
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.tally["created"] += 1
            return page

        page = existing.specific
        if not isinstance(page, model):
            raise CommandError(
                f"{existing.url_path} is a {type(page).__name__}, not a {model.__name__}; "
                "move or rename it and run load_demo again."
            )
        if (
            self.differs(page, fields, streams, many_to_many, children)
            or not page.live
            or page.has_unpublished_changes
        ):
            self.assign(page, fields, streams, many_to_many, children)
            page.save_revision().publish()
            self.tally["updated"] += 1
        else:
            self.tally["unchanged"] += 1
        return page

    def assign(
        self,
        obj: models.Model,
        fields: dict[str, Any],
        streams: dict[str, list],
        many_to_many: dict[str, list],
        children: dict[str, list],
    ) -> None:
        for name, value in fields.items():
            setattr(obj, name, value)
        self.assign_streams(obj, streams)
        for name, value in [*many_to_many.items(), *children.items()]:
            setattr(obj, name, value)

    def assign_streams(self, obj: models.Model, streams: dict[str, list]) -> None:
        for name, raw in streams.items():
            setattr(obj, name, self.stream_value(obj, name, raw))

    def stream_value(self, obj: models.Model, name: str, raw: list) -> StreamValue:
        data = json.dumps(self.resolve_pages(raw), cls=DjangoJSONEncoder)
        return obj._meta.get_field(name).to_python(data)

    def resolve_pages(self, value: Any) -> Any:
        """Replace ``{"condition": slug}`` with the id of that condition page (or ``None``)."""
        if isinstance(value, dict):
            if set(value) == {"condition"}:
                page = self.conditions.get(value["condition"])
                return page.pk if page else None
            return {key: self.resolve_pages(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.resolve_pages(item) for item in value]
        return value

    def differs(
        self,
        obj: models.Model,
        fields: dict[str, Any],
        streams: dict[str, list],
        many_to_many: dict[str, list] | None = None,
        children: dict[str, list] | None = None,
    ) -> bool:
        for name, value in fields.items():
            if getattr(obj, name) != value:
                return True
        for name, raw in streams.items():
            block = obj._meta.get_field(name).stream_block
            wanted = stream_data(block, self.stream_value(obj, name, raw))
            if stream_data(block, getattr(obj, name)) != wanted:
                return True
        for name, wanted in (many_to_many or {}).items():
            current = {related.pk for related in getattr(obj, name).all()}
            if current != {related.pk for related in wanted}:
                return True
        for name, wanted in (children or {}).items():
            current = [child_key(child) for child in getattr(obj, name).all()]
            if current != [child_key(child) for child in wanted]:
                return True
        return False


def stream_data(block: Any, value: StreamValue) -> list:
    """A stream as plain data without ids, each block prepared by its own ``get_prep_value``
    (so "09:00" and "09:00:00", or old- and new-style list values, compare equal)."""
    for _child in value:  # lazy values hand back their raw data unless each child is loaded
        pass
    return strip_ids(block.get_prep_value(value))


def child_key(child: models.Model) -> tuple:
    """What makes two inline children the same for the demo: their own field values."""
    return tuple(
        getattr(child, field.attname)
        for field in child._meta.concrete_fields
        if not (field.primary_key or field.name in ("page", "sort_order"))
    )


def is_welcome_page(page: Page) -> bool:
    """Wagtail's "Welcome to your new Wagtail site!" page, still empty: safe to replace."""
    return type(page) is Page and page.depth == 2 and not page.get_children().exists()


def load_home_model(label: str | None) -> type[Page] | None:
    if not label:
        return None
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise CommandError(f"--home-model: {error}") from None
    if not issubclass(model, Page):
        raise CommandError(f"--home-model: {label} is not a Wagtail page model.")
    return model
