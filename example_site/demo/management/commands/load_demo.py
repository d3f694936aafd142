"""``manage.py load_demo``: build the example site's demo clinic (see ``demo/loader.py``).

With DEBUG on (or ``--superuser``) it also creates a demo superuser, and it ends by printing
where everything is, at the address the demo Site now answers at (``--base-url``).
"""

from __future__ import annotations

import argparse
import contextlib
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from demo.loader import DEFAULT_BASE_URL, DemoLoader, load_home_model

DEMO_USERNAME = "admin"
# Demo only: printed at the end of the command. Never load the demo superuser on a public site.
DEMO_PASSWORD = "neuro-demo"
DEMO_EMAIL = "admin@example.com"

# Where the package's endpoints are when ``wagtail_neuro.urls`` is mounted at the site root.
ENDPOINTS = [
    ("REST (v2)", "/api/v2/pages/"),
    ("REST (v3)", "/api/v3/openapi.json"),
    ("GraphQL", "/graphql/"),
    # the example site's reference frontend (example_site/frontend), also the "Frontend" preview
    ("Frontend", "/frontend/"),
]


class Command(BaseCommand):
    help = (
        "Load the demo clinic content (an article with its related posts, six condition "
        "pages, a category, office hours and, with DEBUG on, a demo superuser) and make the "
        "default site answer at --base-url. Safe to run again: it only creates what is "
        "missing and restores what differs."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--home-model",
            metavar="APP_LABEL.MODEL",
            help=(
                "Page model of your home page. When the default site still has Wagtail's empty "
                "welcome page, it is replaced with a page of this model. By default the demo "
                "is built under the default site's root page, whatever its type."
            ),
        )
        parser.add_argument(
            "--superuser",
            action=argparse.BooleanOptionalAction,
            default=None,
            help=(
                f"Create the superuser “{DEMO_USERNAME}” with a published demo password "
                "(default: only when DEBUG is on)."
            ),
        )
        parser.add_argument(
            "--base-url",
            help=(
                "Where the demo is served, e.g. http://127.0.0.1:8123: the default site's "
                "hostname and port (so html_url in the API) and the links printed at the end "
                f"(default: WAGTAILADMIN_BASE_URL, else {DEFAULT_BASE_URL})."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        home_model = load_home_model(options["home_model"])
        with_superuser = options["superuser"]
        if with_superuser is None:
            with_superuser = settings.DEBUG

        base_url = (
            options["base_url"] or getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
        ).rstrip("/") or DEFAULT_BASE_URL
        loader = DemoLoader(home_model, base_url)
        with transaction.atomic():
            pages = loader.run()
            user_created = self.load_superuser() if with_superuser else None
        if user_created:
            loader.tally["created"] += 1
        elif user_created is False:
            loader.tally["unchanged"] += 1

        tally = loader.tally
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded: {tally['created']} created, {tally['updated']} updated, "
                f"{tally['unchanged']} unchanged."
            )
        )
        if options["verbosity"] >= 1:
            self.print_links(pages, base_url, with_superuser)

    def load_superuser(self) -> bool:
        """Create the demo superuser; an existing account (and its password) is left alone."""
        user_model = get_user_model()
        if user_model._default_manager.filter(username=DEMO_USERNAME).exists():
            return False
        user_model._default_manager.create_superuser(
            username=DEMO_USERNAME, email=DEMO_EMAIL, password=DEMO_PASSWORD
        )
        return True

    def print_links(self, pages: dict[str, Any], base_url: str, with_superuser: bool) -> None:
        def absolute(url: str | None) -> str:
            url = url or ""
            return f"{base_url}{url}" if url.startswith("/") else url

        lines = [
            ("Site", absolute(pages["home"].get_url())),
            ("Article", absolute(pages["article"].get_url())),
            ("Conditions", absolute(pages["conditions"].get_url())),
        ]
        with contextlib.suppress(NoReverseMatch):
            lines.append(("Admin", absolute(reverse("wagtailadmin_home"))))
        lines += [(label, absolute(path)) for label, path in ENDPOINTS if is_mounted(path)]
        width = max(len(label) for label, _url in lines) + 1
        for label, url in lines:
            self.stdout.write(f"  {label + ':':<{width}} {url}")
        if with_superuser:
            self.stdout.write(
                f"  {'Login:':<{width}} {DEMO_USERNAME} / {DEMO_PASSWORD}  "
                "(demo only: change it, or skip it with --no-superuser, on any shared server)"
            )


def is_mounted(path: str) -> bool:
    """Whether ``path`` reaches a view other than Wagtail's page-serving catch-all."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.url_name != "wagtail_serve"
