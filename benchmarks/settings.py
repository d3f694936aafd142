"""Settings of the benchmark and the two-server test: the example site's production settings
(DEBUG off, ``DATABASE_URL``, ``REDIS_URL`` when set) plus the benchmark's own URLs.

``BENCH_RESPONSE_CACHE=off`` serves every answer cold (the response cache stores nothing; ETags
and 304s still work), so one machine can measure both paths side by side; ``BENCH_FRAGMENTS=off``
also builds every page (no stored representations).
"""

import os

from example_site.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"

if os.environ.get("BENCH_RESPONSE_CACHE") == "off":
    WAGTAIL_NEURO_RESPONSE_CACHE = None

# ``BENCH_FRAGMENTS=off``: pages' stored representations are neither read nor stored, so every
# page of every answer is built (the "built" server: the cost after a change to everything)
if os.environ.get("BENCH_FRAGMENTS") == "off":
    WAGTAIL_NEURO_PAGE_FRAGMENTS = False

# the driver counts queries in-process with Django's test client
if "testserver" not in ALLOWED_HOSTS:  # noqa: F405
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405

# 100-item listings are measured
WAGTAILAPI_LIMIT_MAX = 100

# 20 full articles (body blocks, their items, tags, categories) estimate ~2,600 objects, over
# the default cost cap of 2,000 (a guard against abuse, see docs/security.md): the benchmark
# asks for the same 20 articles over GraphQL as over REST, so it allows them.
WAGTAIL_NEURO_GRAPHQL_MAX_COST = 50_000

# No collectstatic here: the admin's pages (the two-server test logs in) name static files
# without the hashed manifest that production's ManifestStaticFilesStorage needs.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# wrk is one client sending thousands of requests a second. The throttle is off (as in the demo)
# unless BENCH_THROTTLE=on: then it counts each request (one Redis round trip, its cost is the
# "throttled" row) but never refuses.
if os.environ.get("BENCH_THROTTLE") == "on":
    WAGTAIL_NEURO_THROTTLE_RATES = {"rest": "100000000/minute", "graphql": "100000000/minute"}
else:
    WAGTAIL_NEURO_THROTTLE_RATES = {}
