"""The README's ``urls.py``: everything the package mounts, before Wagtail's page route."""

from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [path("", include("wagtail_neuro.urls")), path("", include(wagtail_urls))]
