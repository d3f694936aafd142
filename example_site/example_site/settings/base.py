"""Settings shared by every environment of the example site.

``dev`` (the default in ``manage.py``) and ``production`` add what differs. Values that change
between deployments are read from the environment.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

PROJECT_DIR = Path(__file__).resolve().parent.parent  # example_site/example_site
BASE_DIR = PROJECT_DIR.parent  # example_site


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    # the site's own apps: its HomePage, and the demo content with its load_demo command
    "home",
    "demo",
    # the package and what it builds on
    "wagtail_neuro",
    "wagtail.api.v2",
    # Swagger UI for /api/v3/docs/ from this site's static files, not a CDN (CSP allows it)
    "ninja",
    "wagtail_headless_preview",
    "corsheaders",
    # the durable task queue production.py uses for webhooks and purges (manage.py db_worker)
    "django_tasks_db",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",  # the package's ClinicSettings (Settings → Clinic)
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # after wagtail.snippets, or grapple types no snippets (system check wagtail_neuro.E049)
    "grapple",
    "graphene_django",
    "modelcluster",
    "taggit",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # sitemap.xml (wagtail_neuro.discovery_urls)
]

MIDDLEWARE = [
    # CORS first, so even error responses carry the headers a frontend needs
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy: CONTENT_SECURITY_POLICY below, WAGTAIL_NEURO_ADMIN_CSP on /admin/
    "wagtail_neuro.csp.NeuroCSPMiddleware",
    # stored API answers, before sessions, CSRF, auth and the URLconf (docs/performance.md)
    "wagtail_neuro.cache.middleware.ResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "example_site.urls"
WSGI_APPLICATION = "example_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # example_site/templates/wagtail_neuro/base.html wraps the package's pages in the
        # clinic's header and footer
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.clinic",
            ],
        },
    },
]

# SQLite beside manage.py unless DATABASE_URL says otherwise, e.g.
# DATABASE_URL=postgres://user:password@localhost:5432/neuro
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}

# One cache for every server (image renditions, site roots) when
# REDIS_URL is set, e.g. REDIS_URL=redis://127.0.0.1:6379/0; each process's memory otherwise.
# TolerantRedisCache is Django's RedisCache for which a Redis that does not answer is an empty
# cache: answers are built from the database meanwhile (slower, never an error). The timeouts
# bound what a Redis host that drops packets costs (once per process every few seconds).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "wagtail_neuro.cache.backend.TolerantRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "wagtail-neuro"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# The clinic is in North Carolina; its office hours use the same zone.
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static-collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models can exceed Django's default of 1000 fields in the page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# ---------------------------------------------------------------- Wagtail

WAGTAIL_SITE_NAME = "Blue Ridge Acupuncture & Integrative Health"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# absolute URLs in API v2 responses (html_url, image renditions)
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Documents are always streamed by Wagtail's serve view, which checks collection privacy; the
# web server must never serve MEDIA_ROOT/documents/ itself (see production.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# ---------------------------------------------------------------- Content-Security-Policy

# The public site's policy (django-csp 4). Scripts only from this origin or with the request's
# nonce (`<script nonce="{{ request.csp_nonce }}">`, e.g. inline JSON-LD); no inline styles
# except the style attributes of Wagtail's responsive embeds; frames only from the video hosts
# the embeds use. The admin gets WAGTAIL_NEURO_ADMIN_CSP instead (wagtail_neuro.csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", *env_list("CSP_IMG_SRC")],
        "media-src": [SELF, *env_list("CSP_MEDIA_SRC")],
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            *env_list("CSP_FRAME_SRC"),
        ],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# ---------------------------------------------------------------- headless

GRAPHENE = {"SCHEMA": "grapple.schema.schema"}
GRAPPLE = {"APPS": {"wagtail_neuro": "", "home": ""}, "EXPOSE_GRAPHIQL": False}

# Where the admin's preview button sends editors: the frontend's preview route. Without a
# URL the admin previews with the page templates (never a dead link); dev.py points it at the
# reference frontend on this same server.
HEADLESS_PREVIEW_URL = os.environ.get("HEADLESS_PREVIEW_URL", "")
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": HEADLESS_PREVIEW_URL} if HEADLESS_PREVIEW_URL else {},
}

# Frontends allowed to call the REST and GraphQL APIs from a browser.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/(api|graphql)/.*$"

# ---------------------------------------------------------------- the clinic (site templates)

CLINIC_NAME = WAGTAIL_SITE_NAME
# The footer's "Book appointment" button.
BOOK_APPOINTMENT_URL = os.environ.get("BOOK_APPOINTMENT_URL", "https://example.com/book")
