"""``sitemap.xml`` (Wagtail's sitemap of the request's site, each page with its ``lastmod``) and
``robots.txt`` pointing crawlers at it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .visibility import visible_pages


class VisiblePagesSitemap(Sitemap):
    """Wagtail's sitemap without expired pages the unpublish job has not caught up with yet."""

    def items(self):
        return visible_pages(super().items())


def sitemap(request: HttpRequest) -> HttpResponse:
    return wagtail_sitemap(request, sitemaps={"pages": VisiblePagesSitemap})


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl everything but the admin; the sitemap's absolute URL for this host."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('wagtail_neuro_sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
