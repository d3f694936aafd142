"""``ClinicHours``: a clinic's schedule evaluated at an instant (now, or the ``at`` argument).

The data is ``ClinicHoursSnippet.as_data(at)``, shared with the REST feed; only the names are
GraphQL's (``isOpenNow``, ``nextChange { at isOpen }``). Dates and instants are the ``Date`` and
``DateTime`` scalars (the same ISO 8601 strings on the wire, typed for code generators), days of
the week the ``DayOfWeek`` enum, and ``openingHoursSpecification`` a list of typed objects
rather than a JSON string.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import graphene

from wagtail_neuro import instants
from wagtail_neuro.hours import SCHEMA_DAY_URL, WEEKDAY_NAMES

from ..errors import argument_error

DayOfWeek = graphene.Enum(
    "DayOfWeek",
    [(name, name) for name in WEEKDAY_NAMES],
    description="A day of the week, by its English (and schema.org) name.",
)


def _iso(key: str, parse: Callable[[str], Any]) -> Callable[..., Any]:
    """A resolver reading the ISO 8601 string ``key`` of the data as a ``date``/``datetime``
    (graphene's ``Date``/``DateTime`` serialize objects, and print them back unchanged)."""

    def resolve(root: dict[str, Any], info: Any) -> Any:
        value = root.get(key)
        return parse(value) if value else None

    return resolve


class ClinicHoursPeriod(graphene.ObjectType):
    """Opening and closing wall-clock times (24-hour ``HH:MM``) in the clinic's time zone."""

    opens = graphene.String(required=True)
    closes = graphene.String(required=True)


class ClinicHoursDay(graphene.ObjectType):
    """A weekday (0 = Monday) and its opening periods; days without periods are closed."""

    weekday = graphene.Int(required=True)
    weekday_name = graphene.String(required=True)
    day_of_week = graphene.Field(
        DayOfWeek,
        required=True,
        resolver=lambda root, info: WEEKDAY_NAMES[root["weekday"]],
    )
    periods = graphene.List(graphene.NonNull(ClinicHoursPeriod), required=True)


class ClinicHoursException(graphene.ObjectType):
    """Dates whose hours replace the weekly ones: a closure or special periods."""

    label = graphene.String(required=True)
    start_date = graphene.Date(required=True, resolver=_iso("start_date", date.fromisoformat))
    end_date = graphene.Date(resolver=_iso("end_date", date.fromisoformat))
    closed = graphene.Boolean(required=True)
    periods = graphene.List(graphene.NonNull(ClinicHoursPeriod), required=True)


class ClinicHoursChange(graphene.ObjectType):
    """The next instant the clinic opens (``isOpen: true``) or closes."""

    at = graphene.DateTime(
        required=True,
        description="ISO 8601 with the clinic's UTC offset.",
        resolver=_iso("at", datetime.fromisoformat),
    )
    is_open = graphene.Boolean(required=True)


class ClinicHoursInterval(graphene.ObjectType):
    opens = graphene.DateTime(
        required=True,
        description="ISO 8601 instant.",
        resolver=_iso("opens", datetime.fromisoformat),
    )
    closes = graphene.DateTime(
        required=True,
        description="ISO 8601 instant.",
        resolver=_iso("closes", datetime.fromisoformat),
    )


class ClinicHoursToday(graphene.ObjectType):
    """The local date at the evaluated instant and its concrete openings."""

    date = graphene.Date(required=True, resolver=_iso("date", date.fromisoformat))
    periods = graphene.List(graphene.NonNull(ClinicHoursInterval), required=True)


class OpeningHoursSpecification(graphene.ObjectType):
    """schema.org ``OpeningHoursSpecification`` (the JSON-LD the clinic page carries): weekly
    hours name their ``dayOfWeek``; dates whose hours differ (a closure is ``opens`` =
    ``closes`` = ``00:00:00``) carry ``validFrom``/``validThrough`` instead."""

    day_of_week = graphene.Field(
        DayOfWeek,
        resolver=lambda root, info: (
            (root.get("dayOfWeek") or "").removeprefix(SCHEMA_DAY_URL) or None
        ),
    )
    opens = graphene.String(required=True, description="HH:MM:SS, the clinic's wall clock.")
    closes = graphene.String(required=True, description="HH:MM:SS, the clinic's wall clock.")
    valid_from = graphene.Date(resolver=_iso("validFrom", date.fromisoformat))
    valid_through = graphene.Date(resolver=_iso("validThrough", date.fromisoformat))

    @staticmethod
    def resolve_opens(root: dict[str, Any], info: Any) -> str:
        return root["opens"]

    @staticmethod
    def resolve_closes(root: dict[str, Any], info: Any) -> str:
        return root["closes"]


class ClinicHours(graphene.ObjectType):
    """Opening hours of a clinic, evaluated at ``at``."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    timezone = graphene.String(required=True)
    summary = graphene.String(required=True)
    notes = graphene.String(required=True)
    at = graphene.DateTime(
        required=True,
        description="The instant evaluated (ISO 8601).",
        resolver=_iso("at", datetime.fromisoformat),
    )
    is_open_now = graphene.Boolean(required=True, description="Open at ``at``.")
    next_change = graphene.Field(ClinicHoursChange)
    weekly = graphene.List(graphene.NonNull(ClinicHoursDay), required=True)
    exceptions = graphene.List(graphene.NonNull(ClinicHoursException), required=True)
    today = graphene.Field(ClinicHoursToday, required=True)
    opening_hours_specification = graphene.List(
        graphene.NonNull(OpeningHoursSpecification),
        required=True,
        description="schema.org OpeningHoursSpecification items.",
    )


def parse_instant(value: str | None) -> datetime | None:
    """The ``at`` argument read by :func:`wagtail_neuro.instants.parse_instant` (the rule REST
    uses too), its refusal as a GraphQL error; ``None`` means now."""
    try:
        return instants.parse_instant(value)
    except instants.InvalidInstant as error:
        raise argument_error(str(error)) from None


def hours_for(snippet: Any, at: datetime | None) -> dict[str, Any]:
    """The data a ``ClinicHours`` resolves from."""
    zone = ZoneInfo(snippet.timezone)
    if at is None:
        at = datetime.now(tz=zone)
    data = snippet.as_data(at=at)
    return {
        **data,
        "at": at.astimezone(zone).isoformat(),
        "is_open_now": data["open_now"],
        "next_change": (
            {"at": data["next_change"]["at"], "is_open": data["next_change"]["open"]}
            if data.get("next_change")
            else None
        ),
        "notes": data.get("notes") or "",
    }
