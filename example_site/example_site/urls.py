"""The example site's URLs: the Wagtail admin, the package's APIs, then the page tree."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # /api/v2/, /api/v3/ and /graphql/
    path("", include("wagtail_neuro.urls")),
]

if apps.is_installed("frontend"):  # dev.py: the reference frontend and "Frontend" preview
    urlpatterns.append(path("frontend/", include("frontend.urls")))

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns
    from django.views.static import serve

    urlpatterns += staticfiles_urlpatterns()
    # images only: documents are served by /documents/ (Wagtail's serve view checks privacy)
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?!documents/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [
    # Wagtail serves every other path from the page tree; keep this last.
    path("", include(wagtail_urls)),
]
