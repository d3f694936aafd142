"""Anonymous REST and GraphQL traffic is rate-limited per client address, in the cache.

Each test runs with a per-process cache (locmem) and with the real Redis at
``127.0.0.1:6379/3`` (skipped when Redis is not running), which is what lets several app servers
share one counter.
"""

from __future__ import annotations

import json
import uuid

import pytest
from django.core.cache import caches

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/3"

ROUTES = [
    ("/api/v2/pages/", "message"),
    ("/api/v3/articles/", "detail"),
    ("/graphql/?query={__typename}", "errors"),
]


def redis_available() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except Exception:
        return False
    return True


@pytest.fixture(params=["locmem", "redis"])
def throttle_cache(request, settings):
    """``CACHES["throttle"]`` on the backend under test, with a unique key prefix."""
    if request.param == "redis":
        if not redis_available():
            pytest.skip("Redis is not running at 127.0.0.1:6379")
        backend = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    else:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    backend["KEY_PREFIX"] = f"throttle-test-{uuid.uuid4().hex}"
    settings.CACHES = {**settings.CACHES, "throttle": backend}
    settings.WAGTAIL_NEURO_THROTTLE_CACHE = "throttle"
    settings.ROOT_URLCONF = "tests.security.hostile_urls"
    yield caches["throttle"]
    caches["throttle"].clear() if request.param == "locmem" else None


def limited(settings, rate: str = "3/minute") -> None:
    settings.WAGTAIL_NEURO_THROTTLE_RATES = {"rest": rate, "graphql": rate}


def test_off_by_default(client, home, throttle_cache):
    for _ in range(30):
        assert client.get("/api/v2/pages/").status_code == 200


@pytest.mark.parametrize(("url", "key"), ROUTES)
def test_over_the_rate_is_a_429_with_retry_after(client, home, settings, throttle_cache, url, key):
    limited(settings)
    for _ in range(3):
        assert client.get(url).status_code == 200
    response = client.get(url)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    body = response.json()
    message = body["errors"][0]["message"] if key == "errors" else body[key]
    assert message.startswith("Too many requests: try again in ")
    # another client address has its own allowance
    assert client.get(url, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_rest_and_graphql_are_counted_apart(client, home, settings, throttle_cache):
    settings.WAGTAIL_NEURO_THROTTLE_RATES = {"rest": "2/minute"}
    for _ in range(2):
        assert client.get("/api/v2/pages/").status_code == 200
    assert client.get("/api/v3/pages/").status_code == 429
    for _ in range(5):  # no rate for graphql
        assert client.get("/graphql/", {"query": "{ __typename }"}).status_code == 200


def test_a_spoofed_forwarded_for_changes_nothing_without_trusted_proxies(
    client, home, settings, throttle_cache
):
    limited(settings)
    for n in range(3):
        assert (
            client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code == 200
        )
    assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="198.51.100.77").status_code == 429


def test_behind_a_trusted_proxy_the_client_is_what_the_proxy_saw(
    client, home, settings, throttle_cache
):
    """One proxy (REMOTE_ADDR 10.0.0.1) appends the address it saw; whatever the client wrote
    in front of it is ignored."""
    limited(settings)
    settings.WAGTAIL_NEURO_THROTTLE_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for n in range(3):
        forwarded = f"198.51.100.{n}, 192.0.2.10"  # spoofed entry, then the real client
        assert (
            client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR=forwarded, **proxy).status_code == 200
        )
    blocked = client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.10", **proxy)
    assert blocked.status_code == 429
    # another real client behind the same proxy is not affected
    other = client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="192.0.2.11", **proxy)
    assert other.status_code == 200


def test_ipv6_clients_are_counted_per_64(client, home, settings, throttle_cache):
    limited(settings)
    for n in range(3):
        assert client.get("/api/v2/pages/", REMOTE_ADDR=f"2001:db8:1:2::{n + 1}").status_code == 200
    assert client.get("/api/v2/pages/", REMOTE_ADDR="2001:db8:1:2:ffff::9").status_code == 429
    assert client.get("/api/v2/pages/", REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


def test_signed_in_users_are_not_throttled(admin_client, home, settings, throttle_cache):
    limited(settings, "1/minute")
    for _ in range(5):
        assert admin_client.get("/api/v2/pages/").status_code == 200


def test_the_counter_lives_in_the_shared_cache(client, home, settings, throttle_cache):
    """Another app server sharing the cache sees the same count: requests counted there (here
    written straight into the cache) use up this client's allowance."""
    limited(settings, "5/hour")
    assert client.get("/api/v2/pages/").status_code == 200
    keys = [key for key in throttle_keys(throttle_cache) if ":rest:127.0.0.1:" in key]
    assert len(keys) == 1, keys
    assert throttle_cache.get(keys[0]) == 1
    throttle_cache.incr(keys[0], 4)  # four requests served by another server
    response = client.get("/api/v2/pages/")
    assert response.status_code == 429
    assert json.loads(response.content)["message"].startswith("Too many requests")


def throttle_keys(cache) -> list[str]:
    """The throttle's keys, read from the backend itself (locmem or Redis)."""
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # locmem
        return [key.split(":", 2)[2] for key in cache._cache]
    client = cache._cache.get_client()
    prefix = cache.key_prefix
    return [
        key.decode().split(":", 2)[2]
        for key in client.keys(f"{prefix}:*")
        if key.decode().startswith(prefix)
    ]
