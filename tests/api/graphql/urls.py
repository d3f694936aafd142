"""The test URLconf plus ``/graphql/``, as a project mounts it."""

from django.urls import include, path

from tests.urls import urlpatterns as base_urlpatterns

urlpatterns = [path("graphql/", include("wagtail_neuro.api.graphql.urls")), *base_urlpatterns]
