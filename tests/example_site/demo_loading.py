"""Running the example site's ``load_demo`` from the suite, and reading what it built.

The test settings install the package, not the example site's apps, so the command is run as
an object (``pytest.ini`` puts ``example_site/`` on the path, as ``manage.py`` does)."""

from __future__ import annotations

import html
import re
from io import StringIO
from typing import Any

from demo.management.commands.load_demo import Command as LoadDemo
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from wagtail_neuro.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticleRelatedLink,
    Author,
    Category,
    ConditionAlias,
    ConditionIndexPage,
    ConditionPage,
)
from wagtail_neuro.models.clinic_hours import ClinicHoursSnippet

ARTICLE = "exploring-the-connection-between-neuropathy-and-autoimmune-diseases"
SPRING = "spring-is-around-the-corner-find-relief-from-neuropathy"
TIPS = "5-tips-to-boost-your-health-and-wellness-in-february"
DISEASES = [
    "rheumatoid-arthritis",
    "systemic-lupus-erythematosus",
    "guillain-barre-syndrome",
    "multiple-sclerosis",
    "sjogrens-syndrome",
]

EXPECTED_TREE = {
    ("blog", ArticleIndexPage),
    (f"blog/{ARTICLE}", ArticlePage),
    (f"blog/{SPRING}", ArticlePage),
    (f"blog/{TIPS}", ArticlePage),
    ("conditions", ConditionIndexPage),
    ("conditions/peripheral-neuropathy", ConditionPage),
    *((f"conditions/{slug}", ConditionPage) for slug in DISEASES),
}


def load_demo(*args: str, **options: Any) -> str:
    """``manage.py load_demo *args`` in the test database; returns what it printed."""
    out = StringIO()
    call_command(LoadDemo(), *args, stdout=out, **options)
    return out.getvalue()


def default_site_root() -> Page:
    return Site.objects.get(is_default_site=True).root_page.specific


def demo_tree(home: Page) -> set[tuple[str, type]]:
    prefix = home.url_path
    return {
        (page.url_path[len(prefix) :].strip("/"), page.specific_class)
        for page in home.get_descendants()
    }


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "hours": ClinicHoursSnippet.objects.count(),
        "authors": Author.objects.count(),
        "categories": Category.objects.count(),
        "aliases": ConditionAlias.objects.count(),
        "related links": ArticleRelatedLink.objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
    }


def normalize(text: str) -> str:
    """Runs of whitespace (no-break spaces included) as one space."""
    return " ".join(text.split())


def page_text(content: bytes) -> str:
    """The visible text of an HTML page: tags become spaces, entities are decoded, whitespace
    is normalised."""
    return normalize(html.unescape(re.sub(r"<[^>]+>", " ", content.decode())))


def symptoms_of(page: ConditionPage) -> list[str]:
    for child in page.body:
        if child.block_type == "section" and child.value["section"] == "symptoms":
            lists = [
                block for block in child.value["content"] if block.block_type == "symptom_list"
            ]
            return [item["name"] for block in lists for item in block.value["items"]]
    return []
