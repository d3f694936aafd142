"""factory_boy factories for the package's models; pages are built with wagtail-factories."""

from __future__ import annotations

import datetime as dt
import json

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Page, Site

from tests.testapp.models import HomePage
from wagtail_neuro.models import (
    ArticleIndexPage,
    ArticlePage,
    Author,
    Category,
    ClinicHoursSnippet,
    ConditionIndexPage,
    ConditionPage,
)


def paragraph_stream(*paragraphs: str) -> str:
    """Raw StreamField JSON of rich-text paragraphs, as the admin would store it."""
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs])


def condition_stream(overview: str, symptoms: list[str]) -> str:
    """A condition body with an overview section and a symptoms section."""
    return json.dumps(
        [
            {
                "type": "section",
                "value": {
                    "section": "overview",
                    "heading": "",
                    "content": [{"type": "paragraph", "value": f"<p>{overview}</p>"}],
                },
            },
            {
                "type": "section",
                "value": {
                    "section": "symptoms",
                    "heading": "",
                    "content": [
                        {
                            "type": "symptom_list",
                            "value": {
                                "heading": "Common symptoms",
                                "intro": "",
                                "items": [
                                    {
                                        "name": name,
                                        "description": "",
                                        "severity": "",
                                        "urgent": False,
                                    }
                                    for name in symptoms
                                ],
                            },
                        }
                    ],
                },
            },
        ]
    )


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    role = "Care Manager"


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Category {n}")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "Blog"
    slug = "blog"


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Article {n}")
    summary = factory.LazyAttribute(lambda page: f"Summary of {page.title}.")
    date = factory.Sequence(lambda n: dt.date(2024, 1, 1) + dt.timedelta(days=n))
    body = factory.LazyFunction(lambda: paragraph_stream("Neuropathy affects the nerves."))


class ConditionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ConditionIndexPage

    title = "Conditions"
    slug = "conditions"


class ConditionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ConditionPage

    title = factory.Sequence(lambda n: f"Condition {n}")
    summary = factory.LazyAttribute(lambda page: f"What {page.title} is.")
    body = factory.LazyAttribute(
        lambda page: condition_stream(f"{page.title} overview.", ["Numbness", "Tingling"])
    )


class ClinicHoursSnippetFactory(DjangoModelFactory):
    class Meta:
        model = ClinicHoursSnippet

    name = factory.Sequence(lambda n: f"Office Hours {n}")
    timezone = "America/New_York"
    weekly_hours = factory.LazyFunction(
        lambda: json.dumps(
            [
                {"type": "period", "value": {"weekday": day, "opens": "09:00", "closes": "17:00"}}
                for day in range(4)
            ]
        )
    )
    live = True


def site_home() -> HomePage:
    """A HomePage as the default site's root (answering as ``testserver``), replacing Wagtail's
    welcome page: the tree the ``home`` fixture gives each test, and module-wide data builds."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-page")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "testserver"
    site.save()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home
