"""Two cache operations on the hot path, in one network round trip each on Redis.

Every cached answer reads the content version and counts the request against the throttle.
Through Django's ``RedisCache`` API that costs four round trips (``get``; ``add``, then
``incr``, which itself asks ``exists`` first), and each call builds a new ``redis.Redis``
client (copying ~100 response callbacks): about 1 ms per request on a busy machine, twice what
sending 300 KB of bytes costs. Here:

* :func:`fast_get` is ``cache.get`` through one ``redis.Redis`` per cache object;
* :func:`count_in_window` is ``SET key 0 EX timeout NX`` + ``INCR key`` in one pipeline (the
  first request of a window creates the counter with its expiry, every request increments it);
  stored like Django's own integers, so ``cache.get``/``cache.set`` still read and write it.

Any other backend (local memory, Memcached, a custom one) gets the plain Django calls.

:class:`TolerantRedisCache` is Django's ``RedisCache`` for which a Redis that does not answer is
an empty cache that keeps nothing: reads miss, writes are dropped, and the process leaves that
Redis alone for :data:`OUTAGE_BACKOFF` seconds before trying again (so an outage costs one
failed connection per process every few seconds, not one per request). Every user of the cache
gets that, Wagtail's renditions included; :func:`fast_get` and :func:`count_in_window` follow
the cache they are given.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.core.cache import BaseCache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

__all__ = [
    "OUTAGE_BACKOFF",
    "TolerantRedisCache",
    "count_in_window",
    "fast_get",
    "on_recovery",
    "tolerate",
]

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Seconds a process leaves a Redis that did not answer alone before it tries again.
OUTAGE_BACKOFF = 5.0

_down_until: dict[str, float] = {}
_down_lock = threading.Lock()
_recovery_hooks: list[Callable[[str], None]] = []


def on_recovery(hook: Callable[[str], None]) -> Callable[[str], None]:
    """Call ``hook(location)`` when a Redis this process found away answers again, before the
    call that found it back returns: to replace what writes dropped during the outage left
    stale there (a decorator)."""
    _recovery_hooks.append(hook)
    return hook


def _unavailable() -> tuple[type[Exception], ...]:
    """What Redis raises when it does not answer (refused, reset, timed out, still loading).
    Not its other errors (a wrong command, a full memory): those are bugs to see."""
    from redis.exceptions import ConnectionError, TimeoutError

    return (ConnectionError, TimeoutError)


def tolerate(location: str, miss: T, operation: Callable[[], T]) -> T:
    """``operation()``, or ``miss`` when the Redis at ``location`` does not answer now or did
    not within :data:`OUTAGE_BACKOFF` seconds. Logs once when it stops answering and once when
    it answers again, after the :func:`on_recovery` hooks ran (the operation is then run
    again, so it reads what they refreshed)."""
    until = _down_until.get(location)
    if until is not None and time.monotonic() < until:
        return miss
    try:
        result = operation()
    except _unavailable() as error:
        with _down_lock:
            first = location not in _down_until
            _down_until[location] = time.monotonic() + OUTAGE_BACKOFF
        if first:
            logger.error(
                "Redis at %s does not answer (%s): serving without the cache, trying again "
                "every %g s",
                location,
                error,
                OUTAGE_BACKOFF,
            )
        return miss
    if until is not None:
        with _down_lock:
            recovered = _down_until.pop(location, None) is not None
        if recovered:
            logger.warning("Redis at %s answers again", location)
            for hook in _recovery_hooks:
                try:
                    hook(location)
                except Exception:
                    logger.exception("Recovery hook %r failed for %s", hook, location)
            return tolerate(location, miss, operation)
    return result


def _location(servers: list[str]) -> str:
    """The servers without credentials, for logs and the back-off."""
    shown = []
    for server in servers:
        parts = urlsplit(server)
        shown.append(
            f"{parts.hostname}:{parts.port or 6379}{parts.path}" if parts.hostname else server
        )
    return ",".join(shown)


def _answering(name: str, miss: Any) -> Callable[..., Any]:
    """``RedisCache.<name>``, answering ``miss`` (an immutable value) while Redis does not."""

    def method(self: TolerantRedisCache, *args: Any, **kwargs: Any) -> Any:
        parent = getattr(super(TolerantRedisCache, self), name)
        return tolerate(self.location, miss, lambda: parent(*args, **kwargs))

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"``RedisCache.{name}``; ``{miss!r}`` while Redis does not answer."
    return method


class TolerantRedisCache(RedisCache):
    """Django's ``RedisCache``; while Redis does not answer, an empty cache that keeps nothing.

    ``CACHES = {"default": {"BACKEND": "wagtail_neuro.cache.backend.TolerantRedisCache",
    "LOCATION": "redis://…", "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout":
    1}}}``: answers are built from the database while Redis is away (slower, never an error),
    and nothing stored meanwhile can be stale, since nothing is stored. Set the timeouts: a
    Redis host that drops packets otherwise holds each call for the operating system's TCP
    timeout.
    """

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.location = _location(self._servers)

    add = _answering("add", False)  # nothing was added
    set = _answering("set", None)
    touch = _answering("touch", False)
    delete = _answering("delete", False)
    has_key = _answering("has_key", False)
    delete_many = _answering("delete_many", None)
    clear = _answering("clear", False)

    def get(self, key, default=None, version=None):
        parent = super().get
        return tolerate(self.location, default, lambda: parent(key, default, version))

    def get_many(self, keys, version=None):
        parent = super().get_many
        return tolerate(self.location, {}, lambda: parent(keys, version))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        parent = super().set_many  # the keys it could not store: all of them
        return tolerate(self.location, list(data), lambda: parent(data, timeout, version))

    def incr(self, key, delta=1, version=None):
        parent = super().incr
        missing = object()
        result = tolerate(self.location, missing, lambda: parent(key, delta, version))
        if result is missing:  # as Django says of a key it does not have
            raise ValueError(f"Key '{key}' not found.")
        return result


def _guarded(cache: BaseCache, miss: T, operation: Callable[[], T]) -> T:
    """``operation()`` as ``cache`` would run it: tolerated when ``cache`` tolerates."""
    if isinstance(cache, TolerantRedisCache):
        return tolerate(cache.location, miss, operation)
    return operation()


def _redis(cache: BaseCache) -> Any | None:
    """One ``redis.Redis`` client on the cache's write pool, kept on the cache object (Django
    keeps one cache object per thread, so the client is never shared between threads)."""
    if not isinstance(cache, RedisCache):
        return None
    client = cache.__dict__.get("_neuro_client")
    if client is None:
        backend = cache._cache
        client = backend._client(connection_pool=backend._get_connection_pool(True))
        cache.__dict__["_neuro_client"] = client
    return client


def fast_get(cache: BaseCache, key: str, default: Any = None) -> Any:
    """``cache.get(key, default)``."""
    client = _redis(cache)
    if client is None:
        return cache.get(key, default)
    value = _guarded(cache, None, lambda: client.get(cache.make_and_validate_key(key)))
    return default if value is None else cache._cache._serializer.loads(value)


def count_in_window(cache: BaseCache, key: str, timeout: int, delta: int = 1) -> int:
    """Add ``delta`` to the counter ``key`` (created, expiring after ``timeout`` seconds, by
    the first call) and return the new count; atomic wherever ``cache.incr`` is.

    A :class:`TolerantRedisCache` that does not answer counts nothing (0): the throttle lets
    requests through while its counters are away rather than refuse everyone."""
    client = _redis(cache)
    if client is not None:
        name = cache.make_and_validate_key(key)
        pipeline = client.pipeline(transaction=False)
        pipeline.set(name, 0, ex=timeout, nx=True)
        pipeline.incrby(name, delta)
        return int(_guarded(cache, [None, 0], pipeline.execute)[1])
    if cache.add(key, delta, timeout=timeout):
        return delta
    try:
        return cache.incr(key, delta)
    except ValueError:  # expired between add and incr
        cache.set(key, delta, timeout=timeout)
        return delta
