"""Everything the package mounts (``wagtail_neuro.urls``: REST v2/v3 and GraphQL), as a project
mounts it."""

from django.urls import include, path

from tests.urls import urlpatterns as base_urlpatterns

urlpatterns = [path("", include("wagtail_neuro.urls")), *base_urlpatterns]
