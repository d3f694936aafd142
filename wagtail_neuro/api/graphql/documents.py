"""Query documents that parsed and validated, remembered per process.

A frontend sends the same few queries over and over; parsing one and running the validation
rules (graphql-core's and :mod:`.validation`'s limits) costs about a tenth of answering the
benchmark's 20 articles. A document that passed both is kept, keyed on the schema, the query
text and every setting the two steps read, in a bounded least-recently-used store: a query that
fails either step is never kept, so every error is produced afresh. The cost of an operation
(:mod:`.inspection`) depends on its variables and is still checked on every request.

The store is bounded twice: :data:`MAX_DOCUMENTS` documents and :data:`MAX_TOKENS` tokens in
all (a document keeps its tokens for error locations, and its text in its key, so memory
follows them): a client sending many large valid queries evicts older ones instead of growing
the process.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from graphene_django.settings import graphene_settings
from graphql import DocumentNode

from wagtail_neuro.conf import neuro_settings

from .validation import validation_rules

__all__ = ["MAX_DOCUMENTS", "MAX_TOKENS", "cache_key", "forget_all", "remember", "valid_document"]

#: How many documents a process keeps.
MAX_DOCUMENTS = 256
#: How many tokens they hold in all (a 20-article listing query has about 200; a document is at
#: most ``WAGTAIL_NEURO_GRAPHQL_MAX_TOKENS``, 5,000 by default).
MAX_TOKENS = 100_000

_documents: OrderedDict[Hashable, tuple[DocumentNode, int]] = OrderedDict()
_tokens = 0
_lock = threading.Lock()


def cache_key(schema: Any, query: str) -> Hashable:
    """What a document's parsing and validation depend on."""
    return (
        schema,  # the object, not its id: kept alive while its documents are
        query,
        validation_rules(),
        neuro_settings.GRAPHQL_MAX_TOKENS,
        neuro_settings.GRAPHQL_MAX_BODY_SIZE,
        neuro_settings.GRAPHQL_MAX_DEPTH,
        neuro_settings.GRAPHQL_MAX_FIELDS,
        neuro_settings.GRAPHQL_MAX_ALIASES,
        neuro_settings.GRAPHQL_SUGGESTIONS,
        graphene_settings.MAX_VALIDATION_ERRORS,
    )


def valid_document(key: Hashable) -> DocumentNode | None:
    """The document remembered under ``key``, if any (it passed parsing and validation)."""
    with _lock:
        kept = _documents.get(key)
        if kept is None:
            return None
        _documents.move_to_end(key)
        return kept[0]


def remember(key: Hashable, document: DocumentNode, query: str) -> None:
    """Keep ``document`` (of ``query``), which parsed and validated without errors. Its weight
    is its tokens, or a tenth of its text where that is more (white space is no token)."""
    global _tokens
    tokens = max(token_count(document), len(query) // 10)
    with _lock:
        if key in _documents:
            return
        _documents[key] = (document, tokens)
        _tokens += tokens
        while len(_documents) > MAX_DOCUMENTS or (_tokens > MAX_TOKENS and len(_documents) > 1):
            _key, (_document, evicted) = _documents.popitem(last=False)
            _tokens -= evicted


def token_count(document: DocumentNode) -> int:
    """The tokens ``document`` keeps (its source's, start to end)."""
    token, count = document.loc.start_token if document.loc else None, 0
    while token is not None:
        token, count = token.next, count + 1
    return count


def forget_all() -> None:
    global _tokens
    with _lock:
        _documents.clear()
        _tokens = 0
