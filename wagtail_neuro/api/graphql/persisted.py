"""GraphQL over HTTP caching: automatic persisted queries and the response cache.

:func:`graphql_http_cache` wraps the ``/graphql/`` view (see :mod:`.urls`):

* **Automatic persisted queries**, the protocol Apollo Client and urql speak. A client sends
  ``extensions={"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}`` without ``query``;
  a known hash is answered as if the query had been sent, an unknown one with
  ``{"errors": [{"message": "PersistedQueryNotFound", "extensions": {"code":
  "PERSISTED_QUERY_NOT_FOUND"}}]}`` (HTTP 200), and the client retries with the query and the
  hash, which is checked (``sha256`` of the query text; a mismatch is a 400) and remembered in
  the response cache's backend. A read then travels as a short ``GET``
  (``?extensions=…&variables=…``) that CDNs and this cache can store like a REST URL.
  ``WAGTAIL_NEURO_GRAPHQL_PERSISTED_QUERIES = False`` answers ``PersistedQueryNotSupported``.
* **The REST caching rules for GraphQL** (:func:`wagtail_neuro.cache.serve`): a ``GET`` is
  stored under the content version with an ETag known before execution (304 without
  executing); an answer with ``errors`` is not stored. A request that carries a preview token
  (a ``token`` argument in the query, or a variable named like one), an ``Authorization``
  header or a session is executed fresh and answered ``Cache-Control: private, no-store``,
  ``GET`` or ``POST``.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse

from wagtail_neuro.cache import is_authorised, response_cache, serve
from wagtail_neuro.conf import neuro_settings

__all__ = [
    "NOT_FOUND",
    "NOT_SUPPORTED",
    "graphql_http_cache",
    "is_private_operation",
    "query_hash",
]

NOT_FOUND = {
    "message": "PersistedQueryNotFound",
    "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
}
NOT_SUPPORTED = {
    "message": "PersistedQueryNotSupported",
    "extensions": {"code": "PERSISTED_QUERY_NOT_SUPPORTED"},
}
QUERY_KEY_PREFIX = "wagtail_neuro:apq:"
#: A remembered query is kept this long (seconds) after it was last registered.
QUERY_TIMEOUT = 60 * 60 * 24 * 30
HASH = re.compile(r"^[0-9a-f]{64}$")
#: A ``token`` argument anywhere in a query (grapple's ``page(token:)``, ``site { page(token:) }``)
TOKEN_ARGUMENT = re.compile(r"\btoken\s*:")


def query_hash(query: str) -> str:
    """The hash a client sends for ``query``: hex SHA-256 of its UTF-8 text."""
    return hashlib.sha256(query.encode()).hexdigest()


class BadRequest(Exception):
    """A persisted-query request the server must refuse with this JSON ``errors`` entry."""

    def __init__(self, error: dict[str, Any], status: int = 400) -> None:
        super().__init__(error["message"])
        self.error = error
        self.status = status


def _json_field(value: Any) -> Any:
    """``extensions``/``variables`` arrive as JSON text in a GET, as objects in a POST."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _body(request: HttpRequest) -> dict[str, Any]:
    if request.method != "POST" or request.content_type != "application/json":
        return {}
    try:
        data = json.loads(request.body)
    except ValueError:
        return {}  # the view answers the malformed body itself
    return data if isinstance(data, dict) else {}


def _params(request: HttpRequest, body: dict[str, Any]) -> tuple[Any, Any, Any]:
    def get(name: str) -> Any:
        return request.GET.get(name) or body.get(name)

    return get("query"), _json_field(get("extensions")), _json_field(get("variables"))


def _persisted_hash(extensions: Any) -> str | None:
    if not isinstance(extensions, dict) or "persistedQuery" not in extensions:
        return None
    persisted = extensions["persistedQuery"]
    digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    if not isinstance(persisted, dict) or persisted.get("version", 1) != 1:
        raise BadRequest({"message": "Unsupported persisted query version."})
    if not isinstance(digest, str) or not HASH.match(digest):
        raise BadRequest({"message": "persistedQuery.sha256Hash must be 64 hex digits."})
    return digest


def resolve_persisted_query(query: Any, extensions: Any) -> str | None:
    """The query text to run: ``query`` itself, or the one remembered under the hash.

    Raises :class:`BadRequest` for an unknown hash, a hash that does not match ``query`` or a
    malformed ``persistedQuery``.
    """
    digest = _persisted_hash(extensions)
    if digest is None:
        return query if isinstance(query, str) else None
    if not neuro_settings.GRAPHQL_PERSISTED_QUERIES:
        raise BadRequest(NOT_SUPPORTED, status=200)
    cache = response_cache()
    if isinstance(query, str) and query:
        if query_hash(query) != digest:
            raise BadRequest(
                {
                    "message": "provided sha does not match query",
                    "extensions": {"code": "PERSISTED_QUERY_HASH_MISMATCH"},
                }
            )
        if cache is not None:
            cache.set(QUERY_KEY_PREFIX + digest, query, QUERY_TIMEOUT)
        return query
    remembered = cache.get(QUERY_KEY_PREFIX + digest) if cache is not None else None
    if remembered is None:
        raise BadRequest(NOT_FOUND, status=200)
    return remembered


def is_private_operation(request: HttpRequest, query: str | None, variables: Any) -> bool:
    """Whether the answer may show a draft or depend on who asks."""
    if is_authorised(request):
        return True
    if query and TOKEN_ARGUMENT.search(query):
        return True
    return isinstance(variables, dict) and any("token" in str(name).lower() for name in variables)


def _with_query(request: HttpRequest, body: dict[str, Any], query: str) -> None:
    """Hand the resolved query to the view as if the client had sent it."""
    if request.method == "POST" and body:
        # Django keeps a read body in _body; graphene's parse_body reads request.body again
        request._body = json.dumps({**body, "query": query}).encode()
    else:
        params = request.GET.copy()
        params["query"] = query
        request.GET = params


def _storable(response: HttpResponseBase) -> bool:
    """GraphQL reports errors in a 200: never store an answer that carries them."""
    return response.status_code == 200 and not response.content.startswith(b'{"errors"')


def _wants_graphiql(request: HttpRequest) -> bool:
    """Whether graphene will answer GraphiQL's HTML page rather than JSON."""
    from django.conf import settings

    return (
        request.method in ("GET", "HEAD")
        and "text/html" in request.headers.get("Accept", "")
        and "raw" not in request.GET
        and bool(settings.DEBUG or neuro_settings.GRAPHQL_GRAPHIQL)
    )


def graphql_http_cache(view: Any) -> Any:
    """Wrap the GraphQL view with persisted queries and the response cache (module doc)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        body = _body(request)
        query, extensions, variables = _params(request, body)
        try:
            resolved = resolve_persisted_query(query, extensions)
        except BadRequest as error:
            response: HttpResponse = JsonResponse({"errors": [error.error]}, status=error.status)
            response["Cache-Control"] = "no-store"
            return response
        if resolved is not None and resolved != query:
            _with_query(request, body, resolved)
        private = is_private_operation(request, resolved, variables)
        if _wants_graphiql(request):  # an HTML page (with a CSP nonce): never stored
            return view(request, *args, **kwargs)
        return serve(
            request,
            lambda: view(request, *args, **kwargs),
            private=private,
            storable=_storable,
        )

    return wrapped
