"""Only the package's v2 router mounted (no v3): what a project with its own API layout has."""

from django.urls import path

from tests.urls import urlpatterns as base_urlpatterns
from wagtail_neuro.api.v2 import api_router

urlpatterns = [path("api/v2/", api_router.urls), *base_urlpatterns]
