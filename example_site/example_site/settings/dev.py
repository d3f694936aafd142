"""Local development: DEBUG on, a fixed throwaway key, GraphiQL, a Next.js-style frontend
on :3000 allowed by CORS. Never deploy with these settings."""

import os

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, GRAPPLE, INSTALLED_APPS, env_list

DEBUG = True

# SECURITY WARNING: this key is public; production.py reads DJANGO_SECRET_KEY instead.
SECRET_KEY = "django-insecure-wagtail-neuro-example-site-dev-only"

ALLOWED_HOSTS = ["*"]

CORS_ALLOWED_ORIGINS = env_list(
    "CORS_ALLOWED_ORIGINS", "http://localhost:3000,http://127.0.0.1:3000"
)

GRAPPLE = {**GRAPPLE, "EXPOSE_GRAPHIQL": True}
# GraphiQL loads React from a CDN with an inline script: no CSP on /graphql/ in development
CONTENT_SECURITY_POLICY = {**CONTENT_SECURITY_POLICY, "EXCLUDE_URL_PREFIXES": ["/graphql/"]}
# the interactive OpenAPI page at /api/v3/docs/ (off in production)
WAGTAIL_NEURO_API_DOCS = True

# The reference frontend (example_site/frontend, a TypeScript client of the REST feed) at
# /frontend/; the admin's "Frontend" preview opens its preview route on this same server.
INSTALLED_APPS = [*INSTALLED_APPS, "frontend"]
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": os.environ.get("HEADLESS_PREVIEW_URL", "/frontend/preview")},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
