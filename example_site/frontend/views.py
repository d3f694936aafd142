"""The HTML shell every ``/frontend/…`` path answers with; the bundle does the rest in the
browser, from the REST feed only (it never reads the database)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe


@require_safe
@xframe_options_sameorigin  # the admin shows /frontend/preview/ in its preview iframe
def shell(request: HttpRequest, path: str = "") -> HttpResponse:
    response = render(
        request,
        "frontend/index.html",
        {"api_root": "/api/v3", "site_name": settings.WAGTAIL_SITE_NAME},
    )
    if path.startswith("preview"):
        # a draft is for the editor's eyes only: never stored by a shared cache
        response["Cache-Control"] = "private, no-store"
    return response
