"""The REST feed fixtures (the API mounted, an article with every field) for the cache tests."""

from tests.api.rest.conftest import (  # noqa: F401
    api_urls,
    article,
    clinic_hours,
    condition,
    image,
)
