"""gunicorn settings for the example site in production (``make bench`` serves with them)::

    gunicorn --chdir example_site --config gunicorn.conf.py example_site.wsgi

Once a worker has loaded the site, it imports the URLconf (and with it every view and the
GraphQL schema, which Django would otherwise import on the first request) and moves everything
alive at that moment out of the garbage collector's reach (``gc.freeze()``). A full collection
then walks only what requests allocate, not the several hundred thousand long-lived objects
Django, Wagtail and the schema leave behind; see ``docs/performance.md``.
"""

from __future__ import annotations

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every URL module and view now)
    gc.collect()
    gc.freeze()
