"""``path("frontend/", include("frontend.urls"))``: every path below it gets the shell."""

from django.urls import path

from .views import shell

app_name = "frontend"

urlpatterns = [
    path("", shell, name="index"),
    path("<path:path>", shell, name="page"),
]
