from django.apps import AppConfig


class ClinicSiteConfig(AppConfig):
    """An agency's own app (label ``clinicsite``), installed beside ``wagtail_neuro``."""

    name = "tests.extending"
    label = "clinicsite"
    default_auto_field = "django.db.models.BigAutoField"
