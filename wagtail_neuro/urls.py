"""The one ``include()`` an integrator mounts: ``path("", include("wagtail_neuro.urls"))``.

It serves the REST feeds under ``api/`` (``/api/v2/``, ``/api/v3/``) and GraphQL at ``graphql/``,
plus the article feeds under ``feeds/``, ``sitemap.xml`` and ``robots.txt``.
Mount ``wagtail_neuro.api.urls``, ``wagtail_neuro.api.graphql.urls`` or
``wagtail_neuro.discovery_urls`` alone to take just one.
"""

from django.urls import include, path

urlpatterns = [
    path("api/", include("wagtail_neuro.api.urls")),
    path("graphql/", include("wagtail_neuro.api.graphql.urls")),
    path("", include("wagtail_neuro.discovery_urls")),
]
