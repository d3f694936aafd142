from django.apps import AppConfig


class FrontendConfig(AppConfig):
    """Serves the built bundle (``static/frontend/app.js``) and its HTML shell."""

    name = "frontend"
    label = "frontend"
    verbose_name = "Reference frontend"
