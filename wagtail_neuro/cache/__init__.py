"""The feeds' response cache, keyed on a content version that every publish advances.

``from wagtail_neuro.cache import bump_content_version, current_version, serve``; see
:mod:`.version` (what advances the version, where it is kept) and :mod:`.responses` (the
``Cache-Control``/``ETag``/``Vary`` rules, 304s and stored answers).
"""

from .responses import VARY_HEADERS, cache_key, is_authorised, mark_private, serve
from .version import bump_content_version, connect, current_version, response_cache

__all__ = [
    "VARY_HEADERS",
    "bump_content_version",
    "cache_key",
    "connect",
    "current_version",
    "is_authorised",
    "mark_private",
    "response_cache",
    "serve",
]
