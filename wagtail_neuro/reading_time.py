"""Reading-time estimate from a StreamField's searchable text."""

from __future__ import annotations

import math
from typing import Any


def count_words(stream_field: Any, value: Any) -> int:
    """Words an editor wrote in ``value``, using each block's own ``get_searchable_content``
    (rich text arrives with its markup stripped)."""
    return sum(len(chunk.split()) for chunk in stream_field.get_searchable_content(value))


def reading_minutes(words: int, words_per_minute: int) -> int:
    """Whole minutes, never less than one: "1 min read" reads better than "0 min read"."""
    return max(1, math.ceil(words / words_per_minute))
