"""Every ``WAGTAIL_NEURO_*`` setting, with its default, in one place.

Properties read ``django.conf.settings`` on every access, so ``override_settings``
works in tests and nothing is frozen at import time (the django-cors-headers model).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings

PREFIX = "WAGTAIL_NEURO_"

DEFAULTS: dict[str, Any] = {
    # Listings
    "ARTICLES_PER_PAGE": 12,
    "RELATED_ARTICLES_COUNT": 3,
    # Shown for articles with no category, as the source blog does
    "UNCATEGORIZED_LABEL": "Uncategorized",
    # Reading time
    "WORDS_PER_MINUTE": 200,
    # References: "ama", "apa", or the dotted path of a callable(dict) -> str
    "CITATION_STYLE": "ama",
    # Clinic hours summaries: "12h" ("9 AM–5 PM") or "24h" ("09:00–17:00")
    "HOURS_TIME_FORMAT": "12h",
    # Image renditions exposed by the blocks and the APIs: name -> Wagtail filter spec
    "IMAGE_RENDITIONS": {
        "thumbnail": "fill-400x300",
        "medium": "max-800x600",
        "large": "width-1600",
    },
}


class NeuroSettings:
    """Typed, live access to the package settings: ``from wagtail_neuro.conf import neuro_settings``."""

    def _get(self, name: str) -> Any:
        return getattr(django_settings, PREFIX + name, DEFAULTS[name])

    @property
    def ARTICLES_PER_PAGE(self) -> int:
        return self._get("ARTICLES_PER_PAGE")

    @property
    def RELATED_ARTICLES_COUNT(self) -> int:
        return self._get("RELATED_ARTICLES_COUNT")

    @property
    def UNCATEGORIZED_LABEL(self) -> str:
        return self._get("UNCATEGORIZED_LABEL")

    @property
    def WORDS_PER_MINUTE(self) -> int:
        return self._get("WORDS_PER_MINUTE")

    @property
    def CITATION_STYLE(self) -> str:
        return self._get("CITATION_STYLE")

    @property
    def HOURS_TIME_FORMAT(self) -> str:
        return self._get("HOURS_TIME_FORMAT")

    @property
    def IMAGE_RENDITIONS(self) -> dict[str, str]:
        return self._get("IMAGE_RENDITIONS")


neuro_settings = NeuroSettings()
