"""The content version kept in process memory, invalidated by Redis itself.

Every cached answer needs the content version. Reading it from Redis costs a network round trip
per request, which on a busy machine costs more than sending the answer (the other process must
be scheduled to reply). A copy in process memory with a lifetime would be stale after a publish
on another server. Instead each process asks Redis to tell it when the key changes
(`client-side caching <https://redis.io/docs/latest/develop/reference/client-side-caching/>`_,
broadcasting mode): one extra connection per process runs ``CLIENT TRACKING on REDIRECT <its own
id> BCAST PREFIX <the version key>`` and subscribes to ``__redis__:invalidate``. From then on
any write to the key (a bump's copy after its commit, an ``add`` by a reader, expiry, eviction)
makes Redis push a message to that connection **before it answers the writer**.

So a request checks the connection with a zero-timeout ``poll`` (a few microseconds, no round
trip): nothing arrived means the copy is as current as a ``GET`` would be; something arrived
(or the connection broke) drops the copy and the version is read from Redis again. A copy is
only kept when nothing arrived while it was being read. If the connection cannot be made (an
old Redis, ACLs without ``CLIENT``), every read goes to Redis as before, and the next attempt
is made after :data:`RETRY_SECONDS`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import threading
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache

__all__ = ["RETRY_SECONDS", "VersionWatch", "watch_for"]

logger = logging.getLogger(__name__)

#: After a failed or broken watch connection, how long reads go to Redis before a new attempt.
RETRY_SECONDS = 5.0
CHANNEL = "__redis__:invalidate"


class VersionWatch:
    """A process-local copy of one Redis key, dropped whenever Redis says the key changed."""

    def __init__(self, cache: RedisCache, key: str) -> None:
        self.pid = os.getpid()
        self.key = cache.make_and_validate_key(key)
        self.backend = cache._cache
        self.lock = threading.Lock()
        self.connection: Any = None
        self.poller: Any = None
        self.retry_at = 0.0
        self.generation = 0  # advanced by every message (or break) on the watch connection
        self.value: Any = None

    # -- the connection -------------------------------------------------------------------

    def _connect(self) -> None:
        pool = self.backend._get_connection_pool(True)
        options = {
            name: value
            for name, value in pool.connection_kwargs.items()
            if not name.startswith("maint_notifications") and name != "parser_class"
        }
        # RESP2: the subscription's messages arrive as plain replies on this socket
        connection = pool.connection_class(**{**options, "protocol": 2})
        connection.connect()
        connection.send_command("CLIENT", "ID")
        own_id = connection.read_response()
        connection.send_command(
            "CLIENT", "TRACKING", "ON", "REDIRECT", own_id, "BCAST", "PREFIX", self.key
        )
        connection.read_response()
        connection.send_command("SUBSCRIBE", CHANNEL)
        connection.read_response()
        poller = select.poll()
        poller.register(connection._sock, select.POLLIN)
        self.connection, self.poller = connection, poller

    def _close(self) -> None:
        connection, self.connection, self.poller = self.connection, None, None
        self.value = None
        self.generation += 1
        self.retry_at = time.monotonic() + RETRY_SECONDS
        if connection is not None:
            with contextlib.suppress(Exception):  # already broken
                connection.disconnect()

    def _drain(self) -> bool:
        """Read whatever Redis pushed; whether the watch is (still) connected."""
        if self.connection is None:
            if time.monotonic() < self.retry_at:
                return False
            try:
                self._connect()
            except Exception:
                logger.warning("Cannot watch the content version in Redis", exc_info=True)
                self._close()
                return False
            self.generation += 1  # anything read before the watch started is unwatched
            self.value = None
        try:
            sock = self.connection._sock
            pending = getattr(sock, "pending", None)  # TLS may hold decrypted bytes
            while self.poller.poll(0) or (pending is not None and pending()):
                data = sock.recv(65536)
                if not data:  # closed by the server
                    raise ConnectionError("the watch connection was closed")
                self.value = None
                self.generation += 1
        except Exception:  # closed, reset, or disconnected: stop trusting the copy
            self._close()
            return False
        return True

    # -- the copy ------------------------------------------------------------------------

    def get(self) -> tuple[Any, int]:
        """``(the copy or None, a token for :meth:`put`)``."""
        with self.lock:
            if not self._drain():
                return None, -1
            return self.value, self.generation

    def put(self, value: Any, token: int) -> None:
        """Keep ``value``, read after :meth:`get` returned ``token``, unless the key changed
        (or the watch broke) meanwhile."""
        with self.lock:
            if token >= 0 and self._drain() and self.generation == token:
                self.value = value


_watches: dict[tuple[Any, ...], VersionWatch] = {}
_watches_lock = threading.Lock()


def watch_for(cache: Any, key: str) -> VersionWatch | None:
    """The process's watch of ``key`` in ``cache`` (a Redis cache), else ``None``."""
    if not isinstance(cache, RedisCache):
        return None
    name = (tuple(cache._servers), cache.make_and_validate_key(key))
    watch = _watches.get(name)
    if watch is None or watch.pid != os.getpid():  # a forked worker opens its own
        with _watches_lock:
            watch = _watches.get(name)
            if watch is None or watch.pid != os.getpid():
                watch = _watches[name] = VersionWatch(cache, key)
    return watch
