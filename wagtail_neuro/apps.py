from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailNeuroConfig(AppConfig):
    name = "wagtail_neuro"
    label = "wagtail_neuro"
    verbose_name = _("Clinic content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Importing registers the system checks with Django's registry.
        from . import checks  # noqa: F401
        from .api.graphql.schema import register as register_graphql

        register_graphql()
        from .api.registration import register as register_rest  # v3 routes, publish webhooks

        register_rest()
