"""WSGI entry point: ``gunicorn example_site.wsgi`` (production settings by default)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.production")

application = get_wsgi_application()
