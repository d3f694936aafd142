"""Template context for the site's header and footer."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def clinic(request: HttpRequest) -> dict[str, Any]:
    """The clinic's name and booking link, set in settings so a deployment can change them."""
    return {
        "CLINIC_NAME": settings.CLINIC_NAME,
        "BOOK_APPOINTMENT_URL": settings.BOOK_APPOINTMENT_URL,
    }
