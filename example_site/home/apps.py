from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site's own app: its home page, as an agency's project would have."""

    name = "home"
    label = "home"
    default_auto_field = "django.db.models.BigAutoField"
