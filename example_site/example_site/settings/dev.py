"""Local development: DEBUG on, a fixed throwaway key, GraphiQL, a Next.js-style frontend
on :3000 allowed by CORS. Never deploy with these settings."""

from .base import *  # noqa: F403
from .base import GRAPPLE, env_list

DEBUG = True

# SECURITY WARNING: this key is public; production.py reads DJANGO_SECRET_KEY instead.
SECRET_KEY = "django-insecure-wagtail-neuro-example-site-dev-only"

ALLOWED_HOSTS = ["*"]

CORS_ALLOWED_ORIGINS = env_list(
    "CORS_ALLOWED_ORIGINS", "http://localhost:3000,http://127.0.0.1:3000"
)

GRAPPLE = {**GRAPPLE, "EXPOSE_GRAPHIQL": True}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
