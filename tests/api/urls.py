"""The test URLconf plus everything ``wagtail_neuro.urls`` serves (REST and GraphQL)."""

from django.urls import include, path

from tests.urls import urlpatterns as base_urlpatterns

urlpatterns = [path("", include("wagtail_neuro.urls")), *base_urlpatterns]
