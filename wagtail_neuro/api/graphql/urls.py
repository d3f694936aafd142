"""``path("graphql/", include("wagtail_neuro.api.graphql.urls"))`` serves the endpoint."""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from .views import NeuroGraphQLView

app_name = "wagtail_neuro_graphql"

urlpatterns = [path("", csrf_exempt(NeuroGraphQLView.as_view()), name="graphql")]
