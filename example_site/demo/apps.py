from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The example site's demo content and its ``load_demo`` command.

    It lives in the example site, not in the package: an installed wagtail_neuro ships no demo
    text and creates no user."""

    name = "demo"
    label = "demo"
