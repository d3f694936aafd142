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
    # The public origin of media (a CDN, or the CMS), e.g. "https://cdn.example.com": put in
    # front of every image, rendition and document URL the APIs send, rich text included.
    # None: the origin of the request being answered (see wagtail_neuro.media_urls)
    "MEDIA_BASE_URL": None,
    # Page URLs in the APIs are frontend routes ("/blog/x/"); True sends them absolute, from
    # the page's Site (html_url in REST v2 is always absolute, as Wagtail sends it)
    "ABSOLUTE_PAGE_URLS": False,
    # GraphQL (/graphql/): limits that keep abusive queries cheap to refuse
    "GRAPHQL_MAX_DEPTH": 10,
    "GRAPHQL_MAX_ALIASES": 20,
    "GRAPHQL_MAX_FIELDS": 500,
    "GRAPHQL_MAX_TOKENS": 5000,
    # Estimated objects an operation may return: list sizes multiplied through nesting
    "GRAPHQL_MAX_COST": 2000,
    # The size assumed for a list field without a ``limit`` argument (blocks, tags …)
    "GRAPHQL_COST_LIST_SIZE": 5,
    # Bytes of a GraphQL request body (or GET query string), refused before parsing
    "GRAPHQL_MAX_BODY_SIZE": 100_000,
    # Introspection and "Did you mean …?" suggestions: None follows DEBUG
    "GRAPHQL_INTROSPECTION": None,
    "GRAPHQL_SUGGESTIONS": None,
    # Filter specs grapple's ``rendition(…)``/``srcSet`` may render; None: the specs of
    # IMAGE_RENDITIONS plus width-<n> (and |format-webp/avif) for n in GRAPHQL_SRCSET_WIDTHS
    "GRAPHQL_IMAGE_FILTERS": None,
    "GRAPHQL_SRCSET_WIDTHS": [320, 640, 960, 1280, 1600, 1920],
    "GRAPHQL_MAX_SRCSET_SIZES": 6,
    # GraphiQL is served when DEBUG is on or this is True
    "GRAPHQL_GRAPHIQL": False,
    "GRAPHQL_DEFAULT_LIMIT": 20,
    "GRAPHQL_MAX_LIMIT": 100,
    # Fields any ``order`` argument may name (with an optional leading "-")
    "GRAPHQL_ORDER_FIELDS": [
        "id",
        "title",
        "slug",
        "date",
        "name",
        "first_published_at",
        "last_published_at",
    ],
    # Anonymous API rate limits: scope ("rest", "graphql") -> "<requests>/<second|minute|hour|day>";
    # a scope without a rate is not limited. Counted per client address in THROTTLE_CACHE,
    # which is REMOTE_ADDR unless THROTTLE_TRUSTED_PROXIES proxies append to X-Forwarded-For
    "THROTTLE_RATES": {},
    "THROTTLE_TRUSTED_PROXIES": 0,
    "THROTTLE_CACHE": "default",
    # Headless preview tokens older than this many seconds are refused
    "PREVIEW_TOKEN_MAX_AGE": 3600,
    # /api/v3/docs/ (the interactive OpenAPI page) answers 404 unless this is True;
    # /api/v3/openapi.json is always served (frontends generate their types from it)
    "API_DOCS": False,
    # CSP directives that replace the site's CONTENT_SECURITY_POLICY on the Wagtail and Django
    # admins' URLs, with wagtail_neuro.csp.NeuroCSPMiddleware (the admins inline styles/scripts)
    "ADMIN_CSP": {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "frame-src": ["'self'", "https:"],
        "font-src": ["'self'", "data:"],
        # Wagtail's dashboard asks releases.wagtail.org for the latest version
        "connect-src": ["'self'", "https://releases.wagtail.org"],
    },
    # REST API: Cache-Control max-age (seconds) of public GET responses; 0 = always revalidate
    "API_CACHE_MAX_AGE": 300,
    # Server-side response cache of public GET answers (REST and GraphQL): the alias in CACHES
    # (None stores nothing; ETags and 304s still work), and how long (seconds) an entry is kept.
    # Entries never go stale: their key holds the content version every publish advances.
    "RESPONSE_CACHE": "default",
    "RESPONSE_CACHE_TIMEOUT": 60 * 60 * 24,
    # Store each live page's costly API fields (body, JSON-LD, SEO …) when an answer first
    # builds them, and read them back while no change has touched the page (see
    # wagtail_neuro.fragments): listings read N stored fragments instead of rebuilding N pages
    "PAGE_FRAGMENTS": True,
    # GraphQL automatic persisted queries (Apollo's extensions.persistedQuery protocol)
    "GRAPHQL_PERSISTED_QUERIES": True,
    # Publish webhooks: URLs told about publish/unpublish/move, the HMAC-SHA256 secret, and
    # the timeout (seconds) and number of attempts per delivery
    "WEBHOOK_URLS": [],
    "WEBHOOK_SECRET": "",
    "WEBHOOK_TIMEOUT": 5,
    "WEBHOOK_RETRIES": 3,
    # Structured data: the schema.org type of articles, "BlogPosting" or "MedicalScholarlyArticle"
    "ARTICLE_SCHEMA_TYPE": "BlogPosting",
    # Clinical review: months from the last review to the next one due, and how many days ahead
    # the report, the dashboard panel and the reminder emails warn of a review falling due
    "REVIEW_INTERVAL_MONTHS": 12,
    "REVIEW_DUE_SOON_DAYS": 30,
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

    @property
    def MEDIA_BASE_URL(self) -> str | None:
        return self._get("MEDIA_BASE_URL")

    @property
    def ABSOLUTE_PAGE_URLS(self) -> bool:
        return self._get("ABSOLUTE_PAGE_URLS")

    @property
    def GRAPHQL_MAX_DEPTH(self) -> int:
        return self._get("GRAPHQL_MAX_DEPTH")

    @property
    def GRAPHQL_MAX_ALIASES(self) -> int:
        return self._get("GRAPHQL_MAX_ALIASES")

    @property
    def GRAPHQL_MAX_FIELDS(self) -> int:
        return self._get("GRAPHQL_MAX_FIELDS")

    @property
    def GRAPHQL_MAX_TOKENS(self) -> int:
        return self._get("GRAPHQL_MAX_TOKENS")

    @property
    def GRAPHQL_MAX_COST(self) -> int:
        return self._get("GRAPHQL_MAX_COST")

    @property
    def GRAPHQL_COST_LIST_SIZE(self) -> int:
        return self._get("GRAPHQL_COST_LIST_SIZE")

    @property
    def GRAPHQL_MAX_BODY_SIZE(self) -> int:
        return self._get("GRAPHQL_MAX_BODY_SIZE")

    @property
    def GRAPHQL_INTROSPECTION(self) -> bool:
        value = self._get("GRAPHQL_INTROSPECTION")
        return bool(django_settings.DEBUG if value is None else value)

    @property
    def GRAPHQL_SUGGESTIONS(self) -> bool:
        value = self._get("GRAPHQL_SUGGESTIONS")
        return bool(django_settings.DEBUG if value is None else value)

    @property
    def GRAPHQL_IMAGE_FILTERS(self) -> list[str] | None:
        return self._get("GRAPHQL_IMAGE_FILTERS")

    @property
    def GRAPHQL_SRCSET_WIDTHS(self) -> list[int]:
        return self._get("GRAPHQL_SRCSET_WIDTHS")

    @property
    def GRAPHQL_MAX_SRCSET_SIZES(self) -> int:
        return self._get("GRAPHQL_MAX_SRCSET_SIZES")

    @property
    def THROTTLE_RATES(self) -> dict[str, str]:
        return self._get("THROTTLE_RATES")

    @property
    def THROTTLE_TRUSTED_PROXIES(self) -> int:
        return self._get("THROTTLE_TRUSTED_PROXIES")

    @property
    def THROTTLE_CACHE(self) -> str:
        return self._get("THROTTLE_CACHE")

    @property
    def GRAPHQL_GRAPHIQL(self) -> bool:
        return self._get("GRAPHQL_GRAPHIQL")

    @property
    def GRAPHQL_DEFAULT_LIMIT(self) -> int:
        return self._get("GRAPHQL_DEFAULT_LIMIT")

    @property
    def GRAPHQL_MAX_LIMIT(self) -> int:
        return self._get("GRAPHQL_MAX_LIMIT")

    @property
    def GRAPHQL_ORDER_FIELDS(self) -> list[str]:
        return self._get("GRAPHQL_ORDER_FIELDS")

    @property
    def PREVIEW_TOKEN_MAX_AGE(self) -> int:
        return self._get("PREVIEW_TOKEN_MAX_AGE")

    @property
    def API_CACHE_MAX_AGE(self) -> int:
        return self._get("API_CACHE_MAX_AGE")

    @property
    def RESPONSE_CACHE(self) -> str | None:
        return self._get("RESPONSE_CACHE")

    @property
    def RESPONSE_CACHE_TIMEOUT(self) -> int:
        return self._get("RESPONSE_CACHE_TIMEOUT")

    @property
    def PAGE_FRAGMENTS(self) -> bool:
        return bool(self._get("PAGE_FRAGMENTS"))

    @property
    def GRAPHQL_PERSISTED_QUERIES(self) -> bool:
        return self._get("GRAPHQL_PERSISTED_QUERIES")

    @property
    def WEBHOOK_URLS(self) -> list[str]:
        return self._get("WEBHOOK_URLS")

    @property
    def WEBHOOK_SECRET(self) -> str:
        return self._get("WEBHOOK_SECRET")

    @property
    def WEBHOOK_TIMEOUT(self) -> float:
        return self._get("WEBHOOK_TIMEOUT")

    @property
    def WEBHOOK_RETRIES(self) -> int:
        return self._get("WEBHOOK_RETRIES")

    @property
    def ARTICLE_SCHEMA_TYPE(self) -> str:
        return self._get("ARTICLE_SCHEMA_TYPE")

    @property
    def REVIEW_INTERVAL_MONTHS(self) -> int:
        return self._get("REVIEW_INTERVAL_MONTHS")

    @property
    def REVIEW_DUE_SOON_DAYS(self) -> int:
        return self._get("REVIEW_DUE_SOON_DAYS")

    @property
    def API_DOCS(self) -> bool:
        return self._get("API_DOCS")

    @property
    def ADMIN_CSP(self) -> dict[str, list[str]]:
        return self._get("ADMIN_CSP")


neuro_settings = NeuroSettings()
