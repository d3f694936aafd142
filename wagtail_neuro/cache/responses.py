"""The response cache and the HTTP caching rules of every feed (REST and GraphQL).

One function, :func:`serve`, answers a request through them:

* a **private** request (an ``Authorization`` header, a session cookie, a preview ``token``) is
  answered by the view and marked ``Cache-Control: private, no-store``: nothing stores it, not
  this cache, not a CDN, not the browser;
* a **public** ``GET``/``HEAD`` gets an ``ETag`` derived from the content version
  (:mod:`.version`), the absolute URL and the request headers in :data:`VARY_HEADERS`. It is
  known before the view runs, so a matching ``If-None-Match`` is answered ``304`` without
  building anything, and the stored answer is found under the same key. A miss runs the view
  and stores a successful answer (``200``) in ``WAGTAIL_NEURO_RESPONSE_CACHE`` for
  ``WAGTAIL_NEURO_RESPONSE_CACHE_TIMEOUT`` seconds. Stored answers are never stale: a publish
  advances the version, so the next request looks under a new key;
* other methods (a GraphQL ``POST``) are answered by the view as they are.

With a shared cache (Redis), each process also keeps the answers it served lately (32 MB, see
:class:`_LocalCopies`): a hit then costs one round trip (the version), not two and a body.

Public answers say ``Cache-Control: public, max-age=WAGTAIL_NEURO_API_CACHE_MAX_AGE`` (or
``no-cache`` when it is 0: CDNs and browsers revalidate each time, cheaply, with the ETag) and
``Vary`` on :data:`VARY_HEADERS` and ``Authorization``.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import BaseCache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from wagtail_neuro.conf import neuro_settings

from .version import State, current_state, is_process_local, response_cache

__all__ = [
    "PRIVATE_PARAMETERS",
    "VARY_HEADERS",
    "cache_key",
    "is_authorised",
    "is_private_request",
    "mark_private",
    "request_state",
    "request_version",
    "serve",
    "stored_answer",
]

#: Request headers an answer may depend on (the browsable API and GraphiQL answer HTML to
#: ``Accept: text/html``); each distinct value is its own entry and ETag.
VARY_HEADERS = ("Accept",)
#: Response headers worth storing with the body (the rest are added by middleware each time).
STORED_HEADERS = ("Content-Type", "Content-Language", "Allow", "Link", "Vary")
KEY_PREFIX = "wagtail_neuro:response:"
#: Bumped when the stored format changes, so an upgrade never reads an old entry.
FORMAT = "2"
#: Query parameters that make an answer depend on a secret (headless preview tokens).
PRIVATE_PARAMETERS = ("token",)
#: Where the API's gate (:func:`wagtail_neuro.api.guard.api_guard`) leaves the throttle scope
#: and error key of the view it let through: stored with the answer, so a hit served before
#: the URLconf (:mod:`.middleware`) is counted against the same limit.
THROTTLE_ATTRIBUTE = "neuro_throttle"

#: A stored answer: the body, the headers in :data:`STORED_HEADERS`, and the view's
#: ``(throttle scope, error key)`` or ``None``.
Entry = tuple[bytes, list[tuple[str, str]], tuple[str, str] | None]


def is_authorised(request: HttpRequest) -> bool:
    """Whether the answer may depend on who asks: a bearer token or a logged-in session."""
    return "HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME in request.COOKIES


def is_private_request(request: HttpRequest) -> bool:
    """Whether the answer may depend on who asks (a bearer token, a session, a preview token)."""
    return is_authorised(request) or any(name in request.GET for name in PRIVATE_PARAMETERS)


def request_state(request: HttpRequest) -> State:
    """The content version row, read once per request (the early hit path, the view and the
    stored page representations share it)."""
    state = request.__dict__.get("_neuro_content_state")
    if state is None:
        state = request.__dict__["_neuro_content_state"] = current_state()
    return state


def request_version(request: HttpRequest) -> int:
    """The content version, read once per request: :func:`request_state`'s ``value``."""
    return request_state(request).value


def mark_private(response: HttpResponseBase) -> HttpResponseBase:
    """``Cache-Control: private, no-store`` (replacing any public directives)."""
    if response.has_header("Cache-Control"):
        del response["Cache-Control"]
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ("Authorization",))
    return response


def cache_key(request: HttpRequest, version: int) -> str:
    """The digest naming a public answer: content version, absolute URL, varying headers.

    ``GET`` and ``HEAD`` share it (a ``HEAD`` is a ``GET`` without the body).
    """
    parts = [FORMAT, str(version), request.build_absolute_uri()]
    parts += [request.headers.get(name, "") for name in VARY_HEADERS]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _public_headers(response: HttpResponseBase, etag: str) -> HttpResponseBase:
    response["ETag"] = etag
    max_age = neuro_settings.API_CACHE_MAX_AGE
    if max_age:
        patch_cache_control(response, public=True, max_age=max_age)
    else:
        patch_cache_control(response, public=True, no_cache=True)
    # a session cookie or a bearer token makes the answer private (see is_authorised)
    patch_vary_headers(response, (*VARY_HEADERS, "Authorization", "Cookie"))
    return response


def _matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    if header.strip() == "*":
        return True
    # weak comparison (RFC 9110 13.1.2): a gzip middleware turns "x" into W/"x"
    bare = etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == bare for tag in parse_etags(header))


class _LocalCopies:
    """The last answers this process served from a shared cache, up to ``budget`` bytes.

    Keys hold the content version, so a copy is never stale; keeping one saves a network round
    trip and the transfer of the body (hundreds of KB for a listing) on the next hit here.
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        weight = len(entry[0])
        if weight > self.budget // 4:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = entry
            self.size += weight
            while self.size > self.budget:
                _key, old = self.entries.popitem(last=False)
                self.size -= len(old[0])

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


#: 32 MB of recently served answers per process, in front of a shared (network) cache.
local_copies = _LocalCopies(32 * 1024 * 1024)


def _lookup(cache: BaseCache, key: str) -> Entry | None:
    if is_process_local(cache):
        return cache.get(key)
    entry = local_copies.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is not None:
            local_copies.put(key, entry)
    return entry


def _from_store(entry: Entry) -> HttpResponse:
    content, headers, _throttle = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    # as CommonMiddleware would: a hit served before it (see .middleware) gets one too
    response["Content-Length"] = str(len(content))
    return response


class _CachedPaths:
    """The paths this process has stored or served a cached answer for (up to ``limit``).

    The early hit path (:mod:`.middleware`) looks only these up, so every other request (the
    admin, pages, static files) costs a set lookup, not a version read and a cache miss. A
    path another server stored is served by the view's wrapper the first time, and early from
    then on.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.paths: set[str] = set()

    def __contains__(self, path: str) -> bool:
        return path in self.paths

    def add(self, path: str) -> None:
        if path not in self.paths:
            if len(self.paths) >= self.limit:
                self.paths.clear()  # rare: relearnt from the next hits
            self.paths.add(path)


cached_paths = _CachedPaths(50_000)


def stored_answer(request: HttpRequest) -> tuple[str, Entry] | None:
    """The ETag and stored answer of a public ``GET``/``HEAD`` to a path answered from the
    cache before, whose answer is stored under the current version; else ``None`` (a private
    request, storing off, another path, or nothing stored under the key)."""
    if (
        request.method not in ("GET", "HEAD")
        or request.path not in cached_paths
        or is_private_request(request)
    ):
        return None
    cache = response_cache()
    if cache is None:
        return None
    digest = cache_key(request, request_version(request))
    entry = _lookup(cache, KEY_PREFIX + digest)
    if entry is None:
        request.__dict__["_neuro_missed"] = digest
        return None
    return f'"{digest}"', entry


def answer(request: HttpRequest, etag: str, entry: Entry) -> HttpResponseBase:
    """The answer to ``request`` from a stored entry: ``304`` when ``If-None-Match`` matches."""
    if _matches(request, etag):
        return _public_headers(HttpResponseNotModified(), etag)
    return _public_headers(_from_store(entry), etag)


def _storable(response: HttpResponseBase) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def serve(
    request: HttpRequest,
    build: Callable[[], HttpResponseBase],
    *,
    private: bool,
    storable: Callable[[HttpResponseBase], bool] = _storable,
) -> HttpResponseBase:
    """Answer ``request`` with ``build()`` through the cache rules in the module doc.

    ``private`` says whether the caller found the request private; ``storable`` may refuse to
    store a particular answer (GraphQL refuses answers carrying ``errors``).
    """
    if private:
        return mark_private(build())
    if request.method not in ("GET", "HEAD"):
        return build()

    digest = cache_key(request, request_version(request))
    etag = f'"{digest}"'
    if _matches(request, etag):
        return _public_headers(HttpResponseNotModified(), etag)

    cache = response_cache()
    key = KEY_PREFIX + digest
    missed = request.__dict__.get("_neuro_missed") == digest  # looked up by the middleware
    entry = _lookup(cache, key) if cache is not None and not missed else None
    if entry is not None:
        cached_paths.add(request.path)
        return _public_headers(_from_store(entry), etag)

    response = build()
    if response.status_code != 200 or response.streaming:
        return response
    if callable(getattr(response, "render", None)) and not getattr(response, "is_rendered", True):
        response.render()
    if not storable(response):
        return response
    if cache is not None:
        headers = [(name, response[name]) for name in STORED_HEADERS if response.has_header(name)]
        throttle = getattr(request, THROTTLE_ATTRIBUTE, None)
        entry = (response.content, headers, throttle)
        cache.set(key, entry, neuro_settings.RESPONSE_CACHE_TIMEOUT)
        cached_paths.add(request.path)
    return _public_headers(response, etag)
