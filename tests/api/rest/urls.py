"""The test URLconf plus the REST feeds, as a project mounts them."""

from django.urls import include, path

from tests.urls import urlpatterns as base_urlpatterns

urlpatterns = [path("api/", include("wagtail_neuro.api.urls")), *base_urlpatterns]
