"""Production: DEBUG off, secrets and hosts from the environment, HTTPS-only cookies.

Required environment variables (the site refuses to start without them):

* ``DJANGO_SECRET_KEY`` — a long random string.
* ``DJANGO_ALLOWED_HOSTS`` — comma-separated host names, e.g. ``cms.example.com``.

Recommended: ``WAGTAILAPI_BASE_URL`` (the public origin of the API, e.g.
``https://cms.example.com``: ``detail_url`` and redirects) and ``MEDIA_BASE_URL`` (where images
and documents are public: the CMS or a CDN in front of it); without them both are taken from
each request's host, and ``check --deploy`` warns (``wagtail_neuro.W080``).

Optional: ``DATABASE_URL``, ``REDIS_URL`` (a cache shared by every server), ``CORS_ALLOWED_ORIGINS``, ``CSRF_TRUSTED_ORIGINS``,
``WAGTAILADMIN_BASE_URL``, ``SECURE_SSL_REDIRECT`` (default on), ``SECURE_HSTS_SECONDS``
(default one year), ``SECURE_HSTS_INCLUDE_SUBDOMAINS`` and ``SECURE_HSTS_PRELOAD`` (``1`` to
opt in). Run ``manage.py collectstatic`` and serve ``STATIC_ROOT`` and the images under
``MEDIA_ROOT`` (``images/``, ``original_images/``) from the web server, but never
``MEDIA_ROOT/documents/``: documents are streamed by Wagtail's serve view
(``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), which refuses documents in private collections.
With nginx, for example::

    location /media/documents/ { deny all; }
    location /media/ { alias /srv/site/media/; }
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, MIDDLEWARE, STORAGES, env_list

DEBUG = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set the DJANGO_SECRET_KEY environment variable: production settings refuse to start "
        'without a secret key (generate one with `python -c "from django.core.management.'
        'utils import get_random_secret_key; print(get_random_secret_key())"`).'
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Set DJANGO_ALLOWED_HOSTS to the comma-separated host names this site answers to, "
        "e.g. DJANGO_ALLOWED_HOSTS=cms.example.com."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Public origins of the API's links and of media (see the module doc); unset: from the request.
# (base.py's development default, WAGTAILADMIN_BASE_URL or 127.0.0.1:8000, is not kept here.)
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL") or None
WAGTAIL_NEURO_MEDIA_BASE_URL = os.environ.get("MEDIA_BASE_URL") or None

# Behind a proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") not in ("0", "false", "False")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
# Opt in when every subdomain serves HTTPS (preloading is hard to undo).
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD") == "1"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# How many proxies (load balancer, CDN) stand in front of the app and append the address they
# saw to X-Forwarded-For: the client address for throttling and login lockouts is the one the
# outermost of them recorded, so a client cannot pick its own. Set 0 when nothing is in front.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

# Anonymous REST and GraphQL traffic rate-limited per client address (wagtail_neuro.throttling).
# The counters live in the default cache: set REDIS_URL so every app server shares them.
WAGTAIL_NEURO_THROTTLE_RATES = {
    "rest": os.environ.get("THROTTLE_REST_RATE", "300/minute"),
    "graphql": os.environ.get("THROTTLE_GRAPHQL_RATE", "120/minute"),
}
WAGTAIL_NEURO_THROTTLE_TRUSTED_PROXIES = TRUSTED_PROXY_COUNT

# Admin login brute force: django-axes locks a username from an address out after
# AXES_FAILURE_LIMIT failed logins, for AXES_COOLOFF_TIME hours (a 429 page); `manage.py
# axes_reset` (or the admin's "Access attempts") lifts a lockout early.
INSTALLED_APPS = [*INSTALLED_APPS, "axes"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before checking it
    "django.contrib.auth.backends.ModelBackend",
]
MIDDLEWARE = [*MIDDLEWARE, "axes.middleware.AxesMiddleware"]  # last, as axes requires
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# the client address as the rate limits see it (TRUSTED_PROXY_COUNT applies)
AXES_CLIENT_IP_CALLABLE = "wagtail_neuro.throttling.client_ip"

# Webhooks, frontend-cache purges and Wagtail's own background work are tasks stored in the
# database (django-tasks-db): a web process that crashes after a publish loses no delivery.
# Run the worker beside the web servers: `python manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Hashed file names, so browsers never keep stale CSS after an upgrade.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
