"""The test project's URLs plus what the example site adds for editors: the REST feed and the
reference frontend (``example_site/frontend``, importable as ``frontend``: pytest.ini puts ``example_site`` on the path), so "Frontend" preview works as in the demo."""

from django.urls import include, path

from tests.urls import urlpatterns as base_urlpatterns

urlpatterns = [
    path("api/", include("wagtail_neuro.api.urls")),
    path("frontend/", include("frontend.urls")),
    *base_urlpatterns,
]
