"""``ClinicHoursSnippet``: a clinic's opening hours, edited in the admin with drafts,
revisions and scheduled publishing, answered by :mod:`wagtail_neuro.hours`.

The blocks here are input forms only; the rules (overlaps, overnight periods, DST) live in
``hours.py`` so that the admin, ``full_clean()`` and the APIs agree on one definition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone as django_timezone
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLString
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.api import APIField
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from .. import hours
from ..api import serializers as api
from ..api.graphql import fields as gql
from ..conf import neuro_settings
from .taxonomy import unique_slug

__all__ = [
    "ClinicHoursSnippet",
    "HoursExceptionBlock",
    "HoursExceptionsBlock",
    "OpeningPeriodBlock",
    "TimePeriodBlock",
    "WeeklyHoursBlock",
    "validate_timezone_name",
]

WEEKDAY_CHOICES = [(str(number), name) for number, name in enumerate(hours.WEEKDAY_NAMES)]
CLOSES_HELP = _("Earlier than the opening time means after midnight; 00:00 means until midnight.")


def validate_timezone_name(value: str) -> None:
    """Django validator for IANA time-zone names (the message comes from ``hours``)."""
    try:
        hours.validate_timezone(value)
    except hours.ScheduleError as error:
        raise ValidationError(error.problems[0].message, code="invalid_timezone") from None


def default_timezone() -> str:
    """The project's ``TIME_ZONE``, read when a row is created (not frozen in migrations)."""
    return settings.TIME_ZONE


# --------------------------------------------------------------------------- blocks


class TimePeriodBlock(blocks.StructBlock):
    """Opening and closing time on an exception's dates."""

    opens = blocks.TimeBlock(label=_("Opens"))
    closes = blocks.TimeBlock(label=_("Closes"), help_text=CLOSES_HELP)

    class Meta:
        icon = "time"
        label = _("Period")
        form_classname = "struct-block neuro-time-period"


class OpeningPeriodBlock(blocks.StructBlock):
    """One weekly opening period: a weekday with an opening and a closing time."""

    weekday = blocks.ChoiceBlock(choices=WEEKDAY_CHOICES, label=_("Day"))
    opens = blocks.TimeBlock(label=_("Opens"))
    closes = blocks.TimeBlock(label=_("Closes"), help_text=CLOSES_HELP)

    class Meta:
        icon = "time"
        label = _("Opening period")
        description = _("A day of the week with the time the clinic opens and closes.")
        preview_value = {"weekday": "0", "opens": time(9), "closes": time(17)}


class HoursExceptionBlock(blocks.StructBlock):
    """Dates whose hours differ from the week: a holiday closure or special hours."""

    label = blocks.CharBlock(
        required=False, max_length=100, label=_("Label"), help_text=_('E.g. "Thanksgiving".')
    )
    start_date = blocks.DateBlock(label=_("Start date"))
    end_date = blocks.DateBlock(
        required=False, label=_("End date"), help_text=_("Leave empty for a single day.")
    )
    closed = blocks.BooleanBlock(
        required=False,
        default=True,
        label=_("Closed"),
        help_text=_("Untick to give special opening periods for these dates instead."),
    )
    periods = blocks.ListBlock(TimePeriodBlock(), default=[], label=_("Special opening periods"))

    class Meta:
        icon = "date"
        label = _("Exception")
        description = _("A holiday closure or special hours for one or more dates.")
        preview_value = {"label": "Thanksgiving", "start_date": date(2024, 11, 28)}


def period_from_value(value: Any) -> hours.Period | None:
    """A ``Period`` from an ``OpeningPeriodBlock`` value; ``None`` while incomplete."""
    if value.get("weekday") in (None, "") or not (_has(value, "opens") and _has(value, "closes")):
        return None
    return hours.Period(int(value["weekday"]), value["opens"], value["closes"])


def _has(value: Any, key: str) -> bool:
    return value.get(key) is not None


def exception_from_value(value: Any) -> hours.HoursException | None:
    """An ``HoursException`` from an ``HoursExceptionBlock`` value; ``None`` while incomplete."""
    if not value.get("start_date"):
        return None
    periods = tuple(
        hours.TimeRange(period["opens"], period["closes"])
        for period in value.get("periods") or ()
        if _has(period, "opens") and _has(period, "closes")
    )
    return hours.HoursException(
        start=value["start_date"],
        end=value.get("end_date") or None,
        label=value.get("label") or "",
        closed=bool(value.get("closed")),
        periods=periods,
    )


def _raise_block_problems(problems: Iterable[hours.Problem]) -> None:
    """Turn ``hours`` problems into the error shape the StreamField widget shows per block."""
    by_index: dict[int, list[str]] = defaultdict(list)
    general: list[str] = []
    for problem in problems:
        if problem.index is None:
            general.append(problem.message)
        else:
            by_index[problem.index].append(problem.message)
    if by_index or general:
        raise StreamBlockValidationError(
            block_errors={i: ValidationError(messages) for i, messages in by_index.items()},
            non_block_errors=general or None,
        )


class WeeklyHoursBlock(blocks.StreamBlock):
    """The weekly pattern; validation puts overlap messages on the offending period."""

    period = OpeningPeriodBlock()

    class Meta:
        icon = "time"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        periods = [period_from_value(child.value) for child in value]
        if all(periods):
            _raise_block_problems(hours.Schedule("UTC", weekly=tuple(periods)).problems())
        return value


class HoursExceptionsBlock(blocks.StreamBlock):
    """Holiday closures and special hours; each date may have one exception only."""

    exception = HoursExceptionBlock()

    class Meta:
        icon = "date"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        exceptions = [exception_from_value(child.value) for child in value]
        if all(exceptions):
            _raise_block_problems(hours.Schedule("UTC", exceptions=tuple(exceptions)).problems())
        return value


# --------------------------------------------------------------------------- the snippet


class ClinicHoursSnippet(
    PreviewableMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """Opening hours of a clinic (or of one of its services), reusable across pages."""

    name = models.CharField(
        _("name"),
        max_length=100,
        unique=True,
        help_text=_('What these hours are for, e.g. "Office Hours" or "Phone Lines".'),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Used for API lookups. Leave blank to build it from the name."),
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_timezone,
        validators=[validate_timezone_name],
        help_text=_(
            "The clinic's IANA time zone, e.g. America/New_York. Hours are local wall-clock "
            "times in this zone and follow its daylight saving changes."
        ),
    )
    weekly_hours = StreamField(
        WeeklyHoursBlock(),
        blank=True,
        verbose_name=_("weekly hours"),
        help_text=_(
            "One period per opening on each day; add two for a lunch break. A day with no "
            "period is closed."
        ),
    )
    exceptions = StreamField(
        HoursExceptionsBlock(),
        blank=True,
        verbose_name=_("exceptions"),
        help_text=_("Holidays and special days. They replace the weekly hours on their dates."),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_('Shown with the hours, e.g. "Call ahead on holidays".')
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="clinichourssnippet")

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("timezone")],
            heading=_("Clinic hours"),
        ),
        FieldPanel("weekly_hours"),
        FieldPanel("exceptions"),
        FieldPanel("notes"),
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("live"),
        index.FilterField("expire_at"),  # so the public API can search published hours only
    ]

    api_fields = [
        APIField("name"),
        APIField("slug"),
        APIField("timezone"),
        APIField("notes"),
        APIField("hours", serializer=api.ClinicHoursDataField()),
    ]
    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("slug", required=True),
        GraphQLString("timezone", required=True),
        GraphQLString("notes", required=True),
        gql.GraphQLClinicHours("hours"),
    ]

    class Meta:
        verbose_name = _("clinic hours")
        verbose_name_plural = _("clinic hours")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):
        """Query revisions through the relation, so they can also be filtered by snippet."""
        return self._revisions

    # ---- validation and saving

    def clean(self) -> None:
        """Refuse a bad schedule in code too; the time zone has its own field validator."""
        super().clean()
        if not self.slug and self.name:
            self.slug = unique_slug(ClinicHoursSnippet, self.name, self.pk)
        errors: dict[str, list[str]] = defaultdict(list)
        for problem in self.get_schedule().problems():
            if problem.field != "timezone":
                errors[_MODEL_FIELDS[problem.field]].append(problem.message)
        if errors:
            raise ValidationError(dict(errors))

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(ClinicHoursSnippet, self.name, self.pk)
        super().save(*args, **kwargs)

    # ---- the hours

    def get_schedule(self) -> hours.Schedule:
        """The field values as an ``hours.Schedule`` (built fresh: fields may have changed)."""
        weekly = (period_from_value(child.value) for child in self.weekly_hours or ())
        exceptions = (exception_from_value(child.value) for child in self.exceptions or ())
        return hours.Schedule(
            timezone=self.timezone,
            weekly=tuple(p for p in weekly if p is not None),
            exceptions=tuple(e for e in exceptions if e is not None),
        )

    @property
    def schedule(self) -> hours.Schedule:
        return self.get_schedule()

    def is_open_at(self, when: datetime) -> bool:
        return self.get_schedule().is_open_at(when)

    def next_change(self, when: datetime) -> hours.Change | None:
        return self.get_schedule().next_change(when)

    def periods_on(self, day: date) -> list[hours.Interval]:
        return self.get_schedule().periods_on(day)

    @property
    def summary(self) -> str:
        return self.get_schedule().summary(neuro_settings.HOURS_TIME_FORMAT)

    def as_data(self, at: datetime | None = None) -> dict[str, Any]:
        """Plain data shared by the REST and GraphQL APIs; ``at`` defaults to now."""
        schedule = self.get_schedule()
        at = at or django_timezone.now()
        today = at.astimezone(schedule.tz).date()
        change = schedule.next_change(at)
        return {
            "id": self.pk,
            "name": self.name,
            "slug": self.slug,
            "timezone": self.timezone,
            "summary": schedule.summary(neuro_settings.HOURS_TIME_FORMAT),
            "weekly": [
                {
                    "weekday": weekday,
                    "weekday_name": hours.WEEKDAY_NAMES[weekday],
                    "periods": [_wall_pair(opens, closes) for opens, closes in pairs],
                }
                for weekday, pairs in schedule.weekly_by_day().items()
            ],
            "exceptions": [_exception_data(exception) for exception in schedule.exceptions],
            "open_now": schedule.is_open_at(at),
            "next_change": ({"at": change.at.isoformat(), "open": change.open} if change else None),
            "today": {
                "date": today.isoformat(),
                "periods": [
                    {"opens": interval.opens.isoformat(), "closes": interval.closes.isoformat()}
                    for interval in schedule.periods_on(today)
                ],
            },
            "opening_hours_specification": schedule.opening_hours_specification(),
            "notes": self.notes,
        }

    # ---- admin preview

    def get_preview_template(self, request: Any, mode_name: str) -> str:
        return "wagtail_neuro/snippets/clinic_hours_preview.html"

    def get_preview_context(self, request: Any, mode_name: str) -> dict[str, Any]:
        context = super().get_preview_context(request, mode_name)
        context["hours"] = self.as_data()
        return context


_MODEL_FIELDS = {"weekly": "weekly_hours", "exceptions": "exceptions", "timezone": "timezone"}


def _wall_pair(opens: time, closes: time) -> dict[str, str]:
    return {"opens": hours.format_time(opens, "24h"), "closes": hours.format_time(closes, "24h")}


def _exception_data(exception: hours.HoursException) -> dict[str, Any]:
    return {
        "label": exception.label,
        "start_date": exception.start.isoformat(),
        "end_date": exception.end.isoformat() if exception.end else None,
        "closed": exception.closed,
        "periods": [_wall_pair(period.opens, period.closes) for period in exception.periods],
    }
