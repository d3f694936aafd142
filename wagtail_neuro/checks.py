"""System checks for the ``WAGTAIL_NEURO_*`` settings, with stable ids (``wagtail_neuro.E001`` …)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.utils.module_loading import import_string

from .conf import neuro_settings

BUILTIN_CITATION_STYLES = ("ama", "apa")


def _positive_int(name: str, value: Any, check_id: str) -> list[Error]:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return [
            Error(
                f"WAGTAIL_NEURO_{name} must be a positive integer, got {value!r}.",
                id=check_id,
            )
        ]
    return []


@register()
def check_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors: list[Error] = []
    errors += _positive_int(
        "ARTICLES_PER_PAGE", neuro_settings.ARTICLES_PER_PAGE, "wagtail_neuro.E001"
    )
    errors += _positive_int(
        "RELATED_ARTICLES_COUNT", neuro_settings.RELATED_ARTICLES_COUNT, "wagtail_neuro.E002"
    )
    errors += _positive_int(
        "WORDS_PER_MINUTE", neuro_settings.WORDS_PER_MINUTE, "wagtail_neuro.E003"
    )

    style = neuro_settings.CITATION_STYLE
    if not isinstance(style, str) or (
        style not in BUILTIN_CITATION_STYLES and not _importable(style)
    ):
        errors.append(
            Error(
                f"WAGTAIL_NEURO_CITATION_STYLE must be one of {', '.join(BUILTIN_CITATION_STYLES)} "
                f"or the dotted path of a callable, got {style!r}.",
                id="wagtail_neuro.E004",
            )
        )

    if neuro_settings.HOURS_TIME_FORMAT not in ("12h", "24h"):
        errors.append(
            Error(
                "WAGTAIL_NEURO_HOURS_TIME_FORMAT must be '12h' or '24h', "
                f"got {neuro_settings.HOURS_TIME_FORMAT!r}.",
                id="wagtail_neuro.E005",
            )
        )

    renditions = neuro_settings.IMAGE_RENDITIONS
    if not isinstance(renditions, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in renditions.items()
    ):
        errors.append(
            Error(
                "WAGTAIL_NEURO_IMAGE_RENDITIONS must map rendition names to Wagtail filter specs, "
                'e.g. {"thumbnail": "fill-400x300"}.',
                id="wagtail_neuro.E006",
            )
        )
    errors += check_graphql_settings()
    errors += check_rest_settings()
    errors += check_structured_data_settings()
    return errors


def check_structured_data_settings() -> list[Error]:
    """The article schema.org type and the clinical review interval (``wagtail_neuro.E120`` …)."""
    from .structured_data.vocabulary import ARTICLE_SCHEMA_TYPES

    errors: list[Error] = []
    if neuro_settings.ARTICLE_SCHEMA_TYPE not in ARTICLE_SCHEMA_TYPES:
        errors.append(
            Error(
                f"WAGTAIL_NEURO_ARTICLE_SCHEMA_TYPE must be one of {', '.join(ARTICLE_SCHEMA_TYPES)}, "
                f"got {neuro_settings.ARTICLE_SCHEMA_TYPE!r}.",
                id="wagtail_neuro.E120",
            )
        )
    errors += _positive_int(
        "REVIEW_INTERVAL_MONTHS", neuro_settings.REVIEW_INTERVAL_MONTHS, "wagtail_neuro.E121"
    )
    due_soon = neuro_settings.REVIEW_DUE_SOON_DAYS
    if isinstance(due_soon, bool) or not isinstance(due_soon, int) or due_soon < 0:
        errors.append(
            Error(
                f"WAGTAIL_NEURO_REVIEW_DUE_SOON_DAYS must be a whole number of days (0 or more), "
                f"got {due_soon!r}.",
                id="wagtail_neuro.E122",
            )
        )
    return errors


def check_graphql_settings() -> list[Error]:
    """The GraphQL limits (``wagtail_neuro.E040`` …) and the preview token age."""
    errors: list[Error] = []
    for offset, name in enumerate(
        (
            "GRAPHQL_MAX_DEPTH",
            "GRAPHQL_MAX_ALIASES",
            "GRAPHQL_MAX_FIELDS",
            "GRAPHQL_MAX_TOKENS",
            "GRAPHQL_DEFAULT_LIMIT",
            "GRAPHQL_MAX_LIMIT",
            "PREVIEW_TOKEN_MAX_AGE",
        )
    ):
        errors += _positive_int(name, getattr(neuro_settings, name), f"wagtail_neuro.E04{offset}")
    default_limit, max_limit = (
        neuro_settings.GRAPHQL_DEFAULT_LIMIT,
        neuro_settings.GRAPHQL_MAX_LIMIT,
    )
    limits_valid = all(
        isinstance(value, int) and not isinstance(value, bool)
        for value in (default_limit, max_limit)
    )
    if limits_valid and default_limit > max_limit:
        errors.append(
            Error(
                "WAGTAIL_NEURO_GRAPHQL_DEFAULT_LIMIT must not exceed WAGTAIL_NEURO_GRAPHQL_MAX_LIMIT.",
                id="wagtail_neuro.E047",
            )
        )
    fields = neuro_settings.GRAPHQL_ORDER_FIELDS
    if isinstance(fields, str) or not all(
        isinstance(f, str) and f.isidentifier() and "__" not in f for f in fields
    ):
        errors.append(
            Error(
                "WAGTAIL_NEURO_GRAPHQL_ORDER_FIELDS must be a list of field names without "
                f"lookups (no '__'), got {fields!r}.",
                id="wagtail_neuro.E048",
            )
        )
    return errors


@register()
def check_graphql_app_order(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """``wagtail_neuro.E049``: grapple was ready before ``wagtail.snippets`` and typed no
    snippets (see :func:`wagtail_neuro.api.graphql.schema.untyped_snippets`)."""
    from .api.graphql.schema import untyped_snippets

    missing = untyped_snippets()
    if not missing:
        return []
    names = ", ".join(sorted(model.__name__ for model in missing))
    return [
        Error(
            f"grapple has no snippet type for {names}: the GraphQL `snippets` query would answer "
            "[] and these models would lose their SnippetInterface.",
            hint="List 'grapple' (and 'graphene_django') after 'wagtail.snippets' in "
            "INSTALLED_APPS.",
            id="wagtail_neuro.E049",
        )
    ]


def check_rest_settings() -> list[Error]:
    """API caching and publish webhooks (``wagtail_neuro.E050`` …)."""
    errors: list[Error] = []
    max_age = neuro_settings.API_CACHE_MAX_AGE
    if isinstance(max_age, bool) or not isinstance(max_age, int) or max_age < 0:
        errors.append(
            Error(
                f"WAGTAIL_NEURO_API_CACHE_MAX_AGE must be a whole number of seconds (0 or more), "
                f"got {max_age!r}.",
                id="wagtail_neuro.E050",
            )
        )
    urls = neuro_settings.WEBHOOK_URLS
    if isinstance(urls, str) or not isinstance(urls, list | tuple):
        errors.append(
            Error(
                f"WAGTAIL_NEURO_WEBHOOK_URLS must be a list of URLs, got {urls!r}.",
                id="wagtail_neuro.E051",
            )
        )
        urls = []
    for url in urls:
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
            errors.append(
                Error(
                    f"WAGTAIL_NEURO_WEBHOOK_URLS: {url!r} is not an http(s) URL.",
                    id="wagtail_neuro.E051",
                )
            )
    secret = neuro_settings.WEBHOOK_SECRET
    if not isinstance(secret, str):
        errors.append(
            Error("WAGTAIL_NEURO_WEBHOOK_SECRET must be a string.", id="wagtail_neuro.E052")
        )
    elif urls and not secret:
        errors.append(
            Error(
                "WAGTAIL_NEURO_WEBHOOK_SECRET is empty: receivers cannot tell your deliveries "
                "from forged ones.",
                hint="Set it to a long random string and check the X-Wagtail-Neuro-Signature "
                "header in the receiver.",
                id="wagtail_neuro.E052",
            )
        )
    timeout = neuro_settings.WEBHOOK_TIMEOUT
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        errors.append(
            Error(
                f"WAGTAIL_NEURO_WEBHOOK_TIMEOUT must be a positive number of seconds, "
                f"got {timeout!r}.",
                id="wagtail_neuro.E053",
            )
        )
    errors += _positive_int("WEBHOOK_RETRIES", neuro_settings.WEBHOOK_RETRIES, "wagtail_neuro.E054")
    errors += check_response_cache_settings()
    return errors


def check_response_cache_settings() -> list[Error]:
    """The response cache and persisted queries (``wagtail_neuro.E055`` …)."""
    errors: list[Error] = []
    alias = neuro_settings.RESPONSE_CACHE
    if alias is not None and alias not in getattr(settings, "CACHES", {"default": {}}):
        errors.append(
            Error(
                f"WAGTAIL_NEURO_RESPONSE_CACHE names {alias!r}, which is not in CACHES.",
                hint="Name a cache alias from CACHES, or None to store no answers.",
                id="wagtail_neuro.E055",
            )
        )
    errors += _positive_int(
        "RESPONSE_CACHE_TIMEOUT", neuro_settings.RESPONSE_CACHE_TIMEOUT, "wagtail_neuro.E056"
    )
    if not isinstance(neuro_settings.GRAPHQL_PERSISTED_QUERIES, bool):
        errors.append(
            Error(
                "WAGTAIL_NEURO_GRAPHQL_PERSISTED_QUERIES must be True or False.",
                id="wagtail_neuro.E057",
            )
        )
    return errors


def _importable(path: str) -> bool:
    try:
        return callable(import_string(path))
    except ImportError:
        return False


@register(Tags.security)
def check_production_defaults(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Output safety and private files (``wagtail_neuro.E060`` …)."""
    messages: list[CheckMessage] = []
    if not isinstance(neuro_settings.API_DOCS, bool):
        messages.append(
            Error(
                f"WAGTAIL_NEURO_API_DOCS must be True or False, got {neuro_settings.API_DOCS!r}.",
                id="wagtail_neuro.E060",
            )
        )
    admin_csp = neuro_settings.ADMIN_CSP
    if not isinstance(admin_csp, dict) or not all(
        isinstance(directive, str)
        and (
            sources is None
            or (isinstance(sources, list | tuple) and all(isinstance(s, str) for s in sources))
        )
        for directive, sources in admin_csp.items()
    ):
        messages.append(
            Error(
                "WAGTAIL_NEURO_ADMIN_CSP must map CSP directives to lists of sources (or None to "
                """drop one), e.g. {"style-src": ["'self'", "'unsafe-inline'"]}.""",
                id="wagtail_neuro.E061",
            )
        )
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) == "direct":
        messages.append(
            Warning(
                'WAGTAILDOCS_SERVE_METHOD = "direct" links documents straight to MEDIA_URL, so '
                "documents in private collections can be downloaded by anyone with the link.",
                hint='Use "serve_view" and keep MEDIA_ROOT/documents/ off the public web server.',
                id="wagtail_neuro.W060",
            )
        )
    return messages


@register(Tags.security)
def check_api_protection(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """GraphQL cost and input limits and API throttling (``wagtail_neuro.E070`` …)."""
    from .throttling import parse_rate

    errors: list[CheckMessage] = []
    for name, check_id in (
        ("GRAPHQL_MAX_COST", "E070"),
        ("GRAPHQL_COST_LIST_SIZE", "E071"),
        ("GRAPHQL_MAX_BODY_SIZE", "E072"),
        ("GRAPHQL_MAX_SRCSET_SIZES", "E073"),
    ):
        errors += _positive_int(name, getattr(neuro_settings, name), f"wagtail_neuro.{check_id}")
    for name in ("GRAPHQL_INTROSPECTION", "GRAPHQL_SUGGESTIONS"):
        value = getattr(settings, f"WAGTAIL_NEURO_{name}", None)
        if value is not None and not isinstance(value, bool):
            errors.append(
                Error(
                    f"WAGTAIL_NEURO_{name} must be True, False or None (follow DEBUG), "
                    f"got {value!r}.",
                    id="wagtail_neuro.E074",
                )
            )
    filters = neuro_settings.GRAPHQL_IMAGE_FILTERS
    if filters is not None and (
        isinstance(filters, str) or not all(isinstance(spec, str) for spec in filters)
    ):
        errors.append(
            Error(
                "WAGTAIL_NEURO_GRAPHQL_IMAGE_FILTERS must be None or a list of Wagtail filter "
                f'specs, e.g. ["width-640", "fill-400x300"], got {filters!r}.',
                id="wagtail_neuro.E075",
            )
        )
    widths = neuro_settings.GRAPHQL_SRCSET_WIDTHS
    if isinstance(widths, str) or not all(
        isinstance(width, int) and not isinstance(width, bool) and width > 0 for width in widths
    ):
        errors.append(
            Error(
                f"WAGTAIL_NEURO_GRAPHQL_SRCSET_WIDTHS must be a list of widths in pixels, "
                f"got {widths!r}.",
                id="wagtail_neuro.E076",
            )
        )
    rates = neuro_settings.THROTTLE_RATES
    for scope, rate in rates.items() if isinstance(rates, dict) else [("", rates)]:
        try:
            if not isinstance(rates, dict):
                raise ValueError(f"expected a dict of scope -> rate, got {rates!r}")
            if scope not in ("rest", "graphql"):
                raise ValueError(f"unknown scope {scope!r}; use 'rest' or 'graphql'")
            if rate:
                parse_rate(rate)
        except ValueError as error:
            errors.append(
                Error(
                    f"WAGTAIL_NEURO_THROTTLE_RATES: {error}",
                    hint='e.g. {"rest": "300/minute", "graphql": "120/minute"}',
                    id="wagtail_neuro.E077",
                )
            )
    proxies = neuro_settings.THROTTLE_TRUSTED_PROXIES
    if isinstance(proxies, bool) or not isinstance(proxies, int) or proxies < 0:
        errors.append(
            Error(
                "WAGTAIL_NEURO_THROTTLE_TRUSTED_PROXIES must be the number of proxies in front of "
                f"the site (0 or more), got {proxies!r}.",
                id="wagtail_neuro.E078",
            )
        )
    if neuro_settings.THROTTLE_CACHE not in settings.CACHES:
        errors.append(
            Error(
                f"WAGTAIL_NEURO_THROTTLE_CACHE names {neuro_settings.THROTTLE_CACHE!r}, which is "
                "not in CACHES.",
                id="wagtail_neuro.E079",
            )
        )
    return errors


def _origin_problem(value: Any) -> str | None:
    """Why ``value`` is not an ``http(s)://host[/path]`` origin, if it is not."""
    if not isinstance(value, str):
        return f"must be a string, got {value!r}"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"must be an http(s) URL such as 'https://cdn.example.com', got {value!r}"
    if parts.query or parts.fragment:
        return f"must not have a query or fragment, got {value!r}"
    return None


@register()
def check_public_urls(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The public origin of media (``wagtail_neuro.E080``)."""
    media_base = neuro_settings.MEDIA_BASE_URL
    if media_base is not None and (problem := _origin_problem(media_base)):
        return [Error(f"WAGTAIL_NEURO_MEDIA_BASE_URL {problem}.", id="wagtail_neuro.E080")]
    return []


@register(Tags.security, deploy=True)
def check_public_origins_in_production(
    app_configs: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    """``check --deploy`` (``wagtail_neuro.W080``): with DEBUG off and neither
    ``WAGTAILAPI_BASE_URL`` nor ``WAGTAIL_NEURO_MEDIA_BASE_URL`` set, every absolute URL the
    APIs send (``detail_url``, images, documents) is built from the ``Host`` of each request,
    which behind a proxy or CDN may be an internal name unless the proxy headers are trusted."""
    if settings.DEBUG:
        return []
    if getattr(settings, "WAGTAILAPI_BASE_URL", None) or neuro_settings.MEDIA_BASE_URL:
        return []
    return [
        Warning(
            "Neither WAGTAILAPI_BASE_URL nor WAGTAIL_NEURO_MEDIA_BASE_URL is set: API links "
            "and media URLs are built from each request's Host header.",
            hint="Set WAGTAILAPI_BASE_URL to the public origin of the API (e.g. "
            "'https://cms.example.com') and WAGTAIL_NEURO_MEDIA_BASE_URL to where media is "
            "served (the CMS or a CDN); or make sure the proxy's Host/X-Forwarded-Host reach "
            "Django (USE_X_FORWARDED_HOST).",
            id="wagtail_neuro.W080",
        )
    ]
