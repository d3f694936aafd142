"""How lists are ordered, in one place for templates, REST, GraphQL and related lists.

Every ``order_by`` on the package's pages and snippets reads these tuples, so "newest first"
means the same thing (and breaks ties the same way) in the HTML index, the card listings, the
GraphQL queries and the related-articles ranking.
"""

from __future__ import annotations

__all__ = [
    "ARTICLE_ORDER",
    "ARTICLE_ORDER_FIELDS",
    "CLINIC_HOURS_ORDER",
    "CONDITION_ORDER",
    "PAGE_TREE_ORDER",
]

#: Articles: newest publication date first; the id breaks ties so pagination is stable.
ARTICLE_ORDER: tuple[str, ...] = ("-date", "-pk")

#: Conditions: A–Z by title, the id breaking ties.
CONDITION_ORDER: tuple[str, ...] = ("title", "pk")

#: The fields a client may order articles by (GraphQL ``articles(order:)``); ``-`` for descending.
ARTICLE_ORDER_FIELDS: tuple[str, ...] = ("date", "title", "first_published_at", "last_published_at")

#: Published clinic hours: by name.
CLINIC_HOURS_ORDER: tuple[str, ...] = ("name", "pk")

#: Pages in tree order (webhook payloads, purges).
PAGE_TREE_ORDER: tuple[str, ...] = ("path",)


def with_tiebreak(terms: list[str] | tuple[str, ...], tiebreak: str = "-pk") -> list[str]:
    """``terms`` plus a primary-key tiebreak unless one is there, so equal values keep a stable
    order across pages of results."""
    terms = list(terms)
    if not any(term.removeprefix("-") in ("pk", "id") for term in terms):
        terms.append(tiebreak)
    return terms
