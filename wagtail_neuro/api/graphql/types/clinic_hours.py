"""``ClinicHours``: a clinic's schedule evaluated at an instant (now, or the ``at`` argument).

The data is ``ClinicHoursSnippet.as_data(at)``, shared with the REST feed; only the names are
GraphQL's (``isOpenNow``, ``nextChange { at isOpen }``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import graphene
from graphql import GraphQLError

from wagtail_neuro import instants


class ClinicHoursPeriod(graphene.ObjectType):
    """Opening and closing wall-clock times (24-hour ``HH:MM``) in the clinic's time zone."""

    opens = graphene.String(required=True)
    closes = graphene.String(required=True)


class ClinicHoursDay(graphene.ObjectType):
    """A weekday (0 = Monday) and its opening periods; days without periods are closed."""

    weekday = graphene.Int(required=True)
    weekday_name = graphene.String(required=True)
    periods = graphene.List(graphene.NonNull(ClinicHoursPeriod), required=True)


class ClinicHoursException(graphene.ObjectType):
    """Dates whose hours replace the weekly ones: a closure or special periods."""

    label = graphene.String(required=True)
    start_date = graphene.String(required=True)
    end_date = graphene.String()
    closed = graphene.Boolean(required=True)
    periods = graphene.List(graphene.NonNull(ClinicHoursPeriod), required=True)


class ClinicHoursChange(graphene.ObjectType):
    """The next instant the clinic opens (``isOpen: true``) or closes."""

    at = graphene.String(required=True, description="ISO 8601 with the clinic's UTC offset.")
    is_open = graphene.Boolean(required=True)


class ClinicHoursInterval(graphene.ObjectType):
    opens = graphene.String(required=True, description="ISO 8601 instant.")
    closes = graphene.String(required=True, description="ISO 8601 instant.")


class ClinicHoursToday(graphene.ObjectType):
    """The local date at the evaluated instant and its concrete openings."""

    date = graphene.String(required=True)
    periods = graphene.List(graphene.NonNull(ClinicHoursInterval), required=True)


class ClinicHours(graphene.ObjectType):
    """Opening hours of a clinic, evaluated at ``at``."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    timezone = graphene.String(required=True)
    summary = graphene.String(required=True)
    notes = graphene.String(required=True)
    at = graphene.String(required=True, description="The instant evaluated (ISO 8601).")
    is_open_now = graphene.Boolean(required=True, description="Open at ``at``.")
    next_change = graphene.Field(ClinicHoursChange)
    weekly = graphene.List(graphene.NonNull(ClinicHoursDay), required=True)
    exceptions = graphene.List(graphene.NonNull(ClinicHoursException), required=True)
    today = graphene.Field(ClinicHoursToday, required=True)
    opening_hours_specification = graphene.JSONString(
        required=True, description="schema.org OpeningHoursSpecification items."
    )


def parse_instant(value: str | None) -> datetime | None:
    """The ``at`` argument read by :func:`wagtail_neuro.instants.parse_instant` (the rule REST
    uses too), its refusal as a GraphQL error; ``None`` means now."""
    try:
        return instants.parse_instant(value)
    except instants.InvalidInstant as error:
        raise GraphQLError(str(error)) from None


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
