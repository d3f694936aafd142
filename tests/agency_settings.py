"""An agency's project as the README sets it up: the package's apps only, in the README's
order, and ``GRAPPLE["APPS"]`` naming the package alone.

``docs/api/schema.graphql`` is the schema these settings serve (the test suite's own settings
add a test app and an agency's page types, which are not the package's contract), and
``tests/api/graphql/test_schema_snapshot.py`` checks it in a process started with them::

    DJANGO_SETTINGS_MODULE=tests.agency_settings python -m django export_graphql_schema
"""

from tests.settings import *  # noqa: F403

INSTALLED_APPS = [
    "wagtail_neuro",
    "wagtail.api.v2",
    "wagtail_headless_preview",
    "corsheaders",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # after wagtail.snippets: grapple types the snippets registered when it is ready
    # (wagtail_neuro.E049 refuses the other order)
    "grapple",
    "graphene_django",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
ROOT_URLCONF = "tests.agency_urls"
GRAPPLE = {"APPS": {"wagtail_neuro": ""}, "EXPOSE_GRAPHIQL": False}
WAGTAIL_NEURO_GRAPHQL_INTROSPECTION = True  # the snapshot test asks the served schema
