"""The example site's URLs plus what the benchmark compares them with.

* ``/bench/static/``: **P**, the ceiling of this stack: the exact bytes of the package's listing
  (read once from ``BENCH_STATIC_BODY``), answered by a Django view through the same middleware;
* ``/bench/wagtail/v2/``: **E3**, stock Wagtail API v2 (its own ``PagesAPIViewSet``) over the
  same models, the peer the package is measured against.
"""

import os
from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from example_site.urls import urlpatterns as site_urlpatterns

stock_router = WagtailAPIRouter("stock_wagtailapi")
stock_router.register_endpoint("pages", PagesAPIViewSet)


@cache
def _static_body() -> bytes:
    name = os.environ.get("BENCH_STATIC_BODY", "")
    return Path(name).read_bytes() if name else b"{}"


def static_body(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_static_body(), content_type="application/json")


urlpatterns = [
    path("bench/static/", static_body),
    path("bench/wagtail/v2/", stock_router.urls),
    *site_urlpatterns,
]
