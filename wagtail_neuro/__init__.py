"""wagtail_neuro: a headless CMS for medical clinics, built on Wagtail."""

__version__ = "0.1.0"
