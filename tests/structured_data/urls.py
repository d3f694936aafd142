"""The test URLconf with the package's one include (APIs, feeds, sitemap) mounted at the root."""

from django.urls import include, path

from tests.urls import urlpatterns as base_urlpatterns

urlpatterns = [path("", include("wagtail_neuro.urls")), *base_urlpatterns]
