"""The one ``include()`` an integrator mounts: ``path("", include("wagtail_neuro.urls"))``.

It serves the REST feeds under ``api/`` (``/api/v2/``, ``/api/v3/``) and GraphQL at ``graphql/``.
Mount ``wagtail_neuro.api.urls`` or ``wagtail_neuro.api.graphql.urls`` alone to take just one.
"""

from django.urls import include, path

urlpatterns = [
    path("api/", include("wagtail_neuro.api.urls")),
    path("graphql/", include("wagtail_neuro.api.graphql.urls")),
]
