"""Local development: DEBUG on, a fixed throwaway key, GraphiQL, a Next.js-style frontend
on :3000 allowed by CORS. Never deploy with these settings."""

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, GRAPPLE, env_list

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

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
