"""gunicorn settings for the example site in production (``make bench`` serves with them)::

    gunicorn --chdir example_site --config example_site/gunicorn.conf.py example_site.wsgi

Workers are ``gthread`` with one thread: each answers one request at a time, as a ``sync``
worker does, but from a thread of its own. Measured on the benchmark's GraphQL listing (E7),
the same answer took about 63 ms in a ``sync`` worker, whose main thread runs the application,
against 32 ms from a thread, in the same process and with the same data (the REST listing moved
from 30 to 28 ms); the cause in the main thread was not found. Raise ``threads`` for a site whose
answers wait on the database more than they compute.

A worker takes a connection only when its thread is free (``worker_connections = threads``), and
closes it after the answer (``keepalive = 0``; gunicorn refuses kept-alive connections with no
spare connection slot anyway). A ``gthread`` worker otherwise accepts every connection it can
and queues it behind the request it is running, and a kept-alive connection stays with the
worker that accepted it: measured with wrk (8 kept-alive connections, two workers, the detail of
an article), runs of 3 s gave 104, 52, 101, 51 and 101 req/s, the slow runs being those where one
worker held every connection while the other waited idle. With these settings the kernel's
queue of new connections goes to whichever worker is free, as with ``sync`` workers, and the
same runs gave 88 to 93 req/s. Put a proxy in front (nginx, a load balancer) for keep-alive
with clients, TLS and slow clients; its connections to gunicorn are one request each.

Once a worker has loaded the site, it imports the URLconf (and with it every view and the
GraphQL schema, which Django would otherwise import on the first request) and moves everything
alive at that moment out of the garbage collector's reach (``gc.freeze()``). A full collection
then walks only what requests allocate, not the several hundred thousand long-lived objects
Django, Wagtail and the schema leave behind; see ``docs/performance.md``.
"""

from __future__ import annotations

import gc
from typing import Any

worker_class = "gthread"
threads = 1
worker_connections = threads
keepalive = 0


def post_worker_init(worker: Any) -> None:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every URL module and view now)
    gc.collect()
    gc.freeze()
