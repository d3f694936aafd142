from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """Holds the site's own HomePage, as an integrator's project would."""

    name = "tests.testapp"
    label = "testapp"
    default_auto_field = "django.db.models.BigAutoField"
