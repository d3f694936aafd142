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
        from .api.openapi import register_stream_schemas

        # StreamFields typed from their own blocks in Wagtail's v3 schemas, which Wagtail builds
        # when its v3 registry is first imported (a later app's ready() may import it)
        register_stream_schemas()
        from .api.graphql.schema import register as register_graphql

        register_graphql()
        # publish webhooks and purges; the REST v3 routes are added by the URLs the host mounts
        from .invalidation import connect as connect_invalidation

        connect_invalidation()
        from .cache import connect as connect_content_version  # the response cache's key

        connect_content_version()
        # grapple's media URLs by the package's rule: before grapple builds its schema, which
        # binds resolvers once (the REST ones are installed by the URLs the host mounts)
        from .media_urls import install_grapple_media_urls

        install_grapple_media_urls()
        from .embeds import connect as connect_embeds  # embeds fetched when a page is saved

        connect_embeds()
