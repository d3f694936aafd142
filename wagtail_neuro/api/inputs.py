"""What a text or number a client sends may look like, for REST and GraphQL alike.

One copy of the rules that keep hostile input away from the database and the search backend:
no NUL bytes (PostgreSQL refuses them in a query: a classic 500) and no other control
characters, search terms of at most :data:`MAX_SEARCH_LENGTH` characters, and ``limit`` /
``offset`` values that a database integer can hold. Each function returns a message safe to show
a client (it names the parameter, never the model behind it), or ``None`` when all is well.
"""

from __future__ import annotations

import re

__all__ = [
    "MAX_INTEGER",
    "MAX_SEARCH_LENGTH",
    "SEARCH_PARAMETERS",
    "integer_problem",
    "site_problem",
    "text_problem",
]

#: The longest search term REST, GraphQL and the listings accept; the filters' text values
#: (``tags``, ``category``, ``symptom`` …) share the bound (``wagtail_neuro.filters.MAX_TEXT``).
MAX_SEARCH_LENGTH = 200

#: Parameter and argument names that carry search terms (REST ``search``, grapple's
#: ``searchQuery`` and root ``search(query:)``).
SEARCH_PARAMETERS = frozenset({"search", "searchQuery", "search_query", "query"})

#: The largest ``limit``/``offset`` accepted: a signed 32-bit integer, which every database
#: (and GraphQL's ``Int``) can hold.
MAX_INTEGER = 2**31 - 1

#: ``?site=``: a host name, optionally with a port (as Wagtail's ``Site.hostname``/``port``).
SITE = re.compile(r"^[A-Za-z0-9._-]{1,253}(:[0-9]{1,5})?$")

#: C0 controls other than tab, line feed and carriage return, and DEL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_problem(name: str, value: str) -> str | None:
    """Why ``value`` of parameter ``name`` is refused: control characters anywhere, or a search
    term longer than :data:`MAX_SEARCH_LENGTH`."""
    if CONTROL_CHARACTERS.search(value):
        return f"{name}: control characters (such as NUL) are not allowed."
    if name in SEARCH_PARAMETERS and len(value) > MAX_SEARCH_LENGTH:
        return f"{name}: at most {MAX_SEARCH_LENGTH} characters."
    return None


def integer_problem(name: str, value: str) -> str | None:
    """Why ``value`` is not a ``limit``/``offset``: not a whole number from 0 to
    :data:`MAX_INTEGER`."""
    text = value.strip()
    if not text.isdecimal() or not text.isascii() or len(text) > 10 or int(text) > MAX_INTEGER:
        return f"{name}: expected a whole number from 0 to {MAX_INTEGER}."
    return None


def site_problem(name: str, value: str) -> str | None:
    """Why ``value`` is not a ``site`` (a host name with an optional ``:port``)."""
    match = SITE.match(value)
    if match is None or (match.group(1) and int(match.group(1)[1:]) > 65535):
        return f"{name}: expected a host name, optionally with :port (e.g. cms.example.com:443)."
    return None
