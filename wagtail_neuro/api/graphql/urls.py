"""``path("graphql/", include("wagtail_neuro.api.graphql.urls"))`` serves the endpoint."""

from functools import wraps
from typing import Any

from django.http import HttpRequest
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from wagtail_neuro.api.guard import api_guard
from wagtail_neuro.media_urls import with_request

from .persisted import graphql_http_cache
from .views import NeuroGraphQLView, request_too_large

app_name = "wagtail_neuro_graphql"


def refuse_large_bodies(view: Any) -> Any:
    """The body-size cap before anything (persisted queries included) reads the body."""

    @wraps(view)
    def capped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return request_too_large(request) or view(request, *args, **kwargs)

    return capped


# the throttle and the size cap first; then persisted queries and the response cache (ETag,
# 304, private answers): see .persisted; then the view's own limits (see .views)
view = graphql_http_cache(with_request(NeuroGraphQLView.as_view()))  # absolute media URLs
view = api_guard(refuse_large_bodies(view), scope="graphql", key="errors", check_query=False)
urlpatterns = [path("", csrf_exempt(view), name="graphql")]
