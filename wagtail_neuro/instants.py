"""The ``at`` instant REST (``?at=``) and GraphQL (``at:``) evaluate clinic hours at.

One rule for both feeds: an ISO 8601 date-time **with a UTC offset** (``2025-01-06T09:00:00-05:00``
or ``…Z``). A wall-clock time without an offset is refused rather than read in some zone: the
same text would name different instants for clinics in different zones, and a local time in a
daylight-saving gap or overlap names none or two.
"""

from __future__ import annotations

import datetime

__all__ = ["AT_YEARS", "InvalidInstant", "parse_instant"]

#: Years ``at`` may fall in: the schedule looks a year ahead and a few days back from ``at``
#: and converts between time zones, which overflows near Python's limits (years 1 and 9999).
AT_YEARS = (1000, 9000)

EXAMPLE = "2025-01-06T09:00:00-05:00"


class InvalidInstant(ValueError):
    """An ``at`` value that is not an instant the package can evaluate; the message says why."""


def parse_instant(value: str | None) -> datetime.datetime | None:
    """``None`` (meaning now) for a missing or empty value, else an aware ``datetime``.

    A ``+`` in a query string arrives as a space (``…T09:00:00 05:00``) and is read back as ``+``.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip().replace(" ", "+")
    try:
        instant = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInstant(f"`at` must be an ISO 8601 date-time, e.g. {EXAMPLE}.") from None
    if not AT_YEARS[0] <= instant.year <= AT_YEARS[1]:
        raise InvalidInstant(f"`at` must be between the years {AT_YEARS[0]} and {AT_YEARS[1]}.")
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise InvalidInstant(
            f"`at` must be an ISO 8601 date-time with a UTC offset (Z or ±HH:MM), e.g. {EXAMPLE}."
        )
    return instant
