"""Rate limits for anonymous API traffic, shared by every app server through Django's cache.

``WAGTAIL_NEURO_THROTTLE_RATES`` maps a scope (``"rest"`` for ``/api/v2/`` and ``/api/v3/``,
``"graphql"`` for ``/graphql/``) to a rate such as ``"300/minute"``; a scope without a rate is
not limited (the default: no limits, as in the demo). Counting is a fixed window per client
address in the cache named by ``WAGTAIL_NEURO_THROTTLE_CACHE`` (one round trip on Redis, see
:func:`wagtail_neuro.cache.backend.count_in_window`; atomic on Redis and Memcached), so several
app servers behind one load balancer share a counter. Use a shared cache (Redis) in production; a per-process cache (locmem) multiplies the
limit by the number of workers.

The client address is ``REMOTE_ADDR`` unless ``WAGTAIL_NEURO_THROTTLE_TRUSTED_PROXIES`` says how
many proxies (load balancer, CDN) stand in front of the app: then it is the address the
outermost trusted proxy appended to ``X-Forwarded-For``, so entries a client writes into that
header itself change nothing. IPv6 clients are counted per ``/64`` (one subscriber's prefix).
Requests of a signed-in user (a session) are not counted.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.http import HttpRequest

from wagtail_neuro.cache.backend import count_in_window
from wagtail_neuro.conf import neuro_settings

__all__ = ["PERIODS", "Rate", "client_address", "client_ip", "parse_rate", "retry_after"]

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


@dataclass(frozen=True)
class Rate:
    requests: int
    period: int  # seconds


def parse_rate(rate: str) -> Rate:
    """``"300/minute"`` → ``Rate(300, 60)``; raises ``ValueError`` for anything else."""
    count, _slash, period = str(rate).partition("/")
    if not count.strip().isdecimal() or int(count) < 1 or period.strip() not in PERIODS:
        raise ValueError(
            f"{rate!r} is not a rate; use '<requests>/<{'|'.join(PERIODS)}>', e.g. '300/minute'."
        )
    return Rate(int(count), PERIODS[period.strip()])


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address: ``REMOTE_ADDR``, or behind ``THROTTLE_TRUSTED_PROXIES`` proxies
    the ``X-Forwarded-For`` entry the outermost of them appended. Also the example site's
    ``AXES_CLIENT_IP_CALLABLE``, so login lockouts and rate limits agree on who the client is."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = neuro_settings.THROTTLE_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            address = forwarded[-min(proxies, len(forwarded))]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The address to count a request against: :func:`client_ip`, IPv6 by its ``/64``."""
    ip = client_ip(request)
    if ip is None:
        return "unknown"
    if ":" in ip:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return ip


class _BatchedCounts:
    """Requests counted in this process and added to the shared counter in batches.

    For answers served from the response cache (:mod:`wagtail_neuro.cache.middleware`), where
    one round trip to the shared counter would cost more than the answer. A window's count is
    the shared count last seen plus what this process has not added yet; it is added (one
    round trip) on the window's first request, every :data:`BATCH` requests, and on every
    request once the count is within :data:`BATCH` of the rate. So one process refuses at
    exactly the rate, and N processes together let through at most N × ``BATCH`` extra.
    """

    BATCH = 10

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.window = -1
        self.counts: dict[str, tuple[int, int]] = {}  # key -> (shared seen, not yet added)

    def count(self, key: str, window: int, rate: Rate) -> int:
        with self.lock:
            if window != self.window:
                self.window, self.counts = window, {}
            shared, pending = self.counts.get(key, (0, 0))
            pending += 1
            due = (
                shared == 0
                or pending >= self.BATCH
                or shared + pending > rate.requests - self.BATCH
            )
            if not due:
                self.counts[key] = (shared, pending)
                return shared + pending
            self.counts[key] = (shared, 0)
        cache = caches[neuro_settings.THROTTLE_CACHE]
        shared = count_in_window(cache, key, rate.period + 1, pending)
        with self.lock:
            if self.window == window:
                _seen, pending = self.counts.get(key, (0, 0))
                self.counts[key] = (shared, pending)
        return shared


_batched = _BatchedCounts()


def retry_after(request: HttpRequest, scope: str, *, batched: bool = False) -> int | None:
    """Count ``request`` against ``scope``; the seconds until the client may retry when it is
    over the limit, else ``None``. ``batched`` counts in process memory first (see
    :class:`_BatchedCounts`): for answers cheaper than a round trip."""
    configured = neuro_settings.THROTTLE_RATES.get(scope)
    if not configured:
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return None
    rate = parse_rate(configured)
    now = time.time()
    window = int(now // rate.period)
    key = f"wagtail_neuro:throttle:{scope}:{client_address(request)}:{window}"
    if batched:
        count = _batched.count(key, window, rate)
    else:
        count = count_in_window(caches[neuro_settings.THROTTLE_CACHE], key, rate.period + 1)
    if count <= rate.requests:
        return None
    return max(1, math.ceil((window + 1) * rate.period - now))
