"""Query documents that parsed and validated, remembered per process.

A frontend sends the same few queries over and over; parsing one and running the validation
rules (graphql-core's and :mod:`.validation`'s limits) costs about a tenth of answering the
benchmark's 20 articles. A document that passed both is kept, keyed on the schema, the query
text and every setting the two steps read, in a bounded least-recently-used store: a query that
fails either step is never kept, so every error is produced afresh. The cost of an operation
(:mod:`.inspection`) depends on its variables and is still checked on every request.
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

__all__ = ["MAX_DOCUMENTS", "cache_key", "forget_all", "remember", "valid_document"]

#: How many documents a process keeps (a few hundred KB at most: queries are small).
MAX_DOCUMENTS = 256

_documents: OrderedDict[Hashable, DocumentNode] = OrderedDict()
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
        document = _documents.get(key)
        if document is not None:
            _documents.move_to_end(key)
        return document


def remember(key: Hashable, document: DocumentNode) -> None:
    """Keep ``document``, which parsed and validated without errors."""
    with _lock:
        _documents[key] = document
        _documents.move_to_end(key)
        while len(_documents) > MAX_DOCUMENTS:
            _documents.popitem(last=False)


def forget_all() -> None:
    with _lock:
        _documents.clear()
