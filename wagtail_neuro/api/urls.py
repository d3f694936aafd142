"""``path("api/", include("wagtail_neuro.api.urls"))``: API v2 at ``v2/`` and Wagtail's API v3
(with the package's routes, see :mod:`.v3`) at ``v3/``, OpenAPI at ``v3/openapi.json``.

Every view is wrapped by :func:`.caching.cache_headers` (``ETag``, ``Cache-Control``, 304).
"""

from django.urls import URLPattern, include, path
from wagtail.api.v3.urls import api

from .caching import cached_urlpatterns
from .openapi import openapi_json
from .v2 import api_router
from .v3 import register

register()  # done by AppConfig.ready() already; harmless twice

v2_patterns, v2_app_name, v2_namespace = api_router.urls
v3_patterns, v3_app_name, v3_namespace = api.urls
# the same URL and name, answered with a valid OpenAPI 3.1 document (see .openapi)
v3_patterns = [
    URLPattern(pattern.pattern, openapi_json, pattern.default_args, pattern.name)
    if getattr(pattern, "name", None) == "openapi-json"
    else pattern
    for pattern in v3_patterns
]

urlpatterns = [
    path("v2/", include((cached_urlpatterns(v2_patterns), v2_app_name), namespace=v2_namespace)),
    path("v3/", include((cached_urlpatterns(v3_patterns), v3_app_name), namespace=v3_namespace)),
]
