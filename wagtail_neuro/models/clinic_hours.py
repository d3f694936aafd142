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
from django.forms.utils import ErrorList
from django.utils import timezone as django_timezone
from django.utils.translation import gettext_lazy as _
from grapple.models import GraphQLString
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.api import APIField
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from .. import hours
from ..api import serializers as api
from ..api.graphql import fields as gql
from ..conf import neuro_settings
from ..hours_editor import ClinicHoursForm
from .taxonomy import unique_slug

__all__ = [
    "ClinicHoursSnippet",
    "HolidayCalendarBlock",
    "HoursExceptionBlock",
    "HoursExceptionsBlock",
    "OpeningPeriodBlock",
    "RecurringExceptionBlock",
    "TimePeriodBlock",
    "WeeklyHoursBlock",
    "validate_timezone_name",
]

WEEKDAY_CHOICES = [(str(number), name) for number, name in enumerate(hours.WEEKDAY_NAMES)]
MONTH_CHOICES = [(str(number), name) for number, name in enumerate(hours.MONTH_NAMES, start=1)]
ORDINAL_CHOICES = [(str(number), name) for number, name in hours.ORDINAL_NAMES.items()]
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


class RecurringExceptionBlock(blocks.StructBlock):
    """Hours that differ every year, entered once: "every year on December 25" or "every
    fourth Thursday of November"."""

    label = blocks.CharBlock(
        required=False, max_length=100, label=_("Label"), help_text=_('E.g. "Christmas Day".')
    )
    month = blocks.ChoiceBlock(choices=MONTH_CHOICES, label=_("Month"))
    day = blocks.IntegerBlock(
        required=False,
        min_value=1,
        max_value=31,
        label=_("Day of the month"),
        help_text=_("E.g. 25 for December 25. Leave empty to use a weekday rule below."),
    )
    ordinal = blocks.ChoiceBlock(
        choices=ORDINAL_CHOICES,
        required=False,
        label=_("Which"),
        help_text=_('With a weekday: e.g. "fourth" Thursday, or "last" Monday.'),
    )
    weekday = blocks.ChoiceBlock(choices=WEEKDAY_CHOICES, required=False, label=_("Weekday"))
    closed = blocks.BooleanBlock(
        required=False,
        default=True,
        label=_("Closed"),
        help_text=_("Untick to give special opening periods instead."),
    )
    periods = blocks.ListBlock(TimePeriodBlock(), default=[], label=_("Special opening periods"))

    class Meta:
        icon = "repeat"
        label = _("Every year")
        description = _(
            "A closure or special hours every year: on a date (December 25) or a weekday "
            "rule (fourth Thursday of November)."
        )
        preview_value = {"label": "Christmas Day", "month": "12", "day": 25, "closed": True}
        form_classname = "struct-block neuro-recurring-exception"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        rule = recurring_from_value(value)
        if rule is not None:
            messages = list(hours.recurring_problems(rule))
            if messages:
                raise StructBlockValidationError(
                    non_block_errors=ErrorList([ValidationError(m) for m in messages])
                )
        return value


def holiday_country_choices() -> list[tuple[str, str]]:
    """Every country the ``holidays`` package has a calendar for (read when the form is
    built, so an upgrade of the package needs no migration)."""
    return sorted(
        ((code, f"{hours.country_name(code)} ({code})") for code in hours.holiday_countries()),
        key=lambda choice: choice[1],
    )


class HolidayCalendarBlock(blocks.StructBlock):
    """Closed on a country's public holidays, worked out every year by ``holidays``."""

    country = blocks.ChoiceBlock(choices=holiday_country_choices, label=_("Country"))
    subdivision = blocks.CharBlock(
        required=False,
        max_length=10,
        label=_("Region"),
        help_text=_(
            "Optional state or region code for its own holidays too, e.g. NC for North "
            "Carolina. Leave empty for national holidays only."
        ),
    )

    class Meta:
        icon = "globe"
        label = _("Public holidays")
        description = _("Closed on the public holidays of a country and, optionally, a region.")
        preview_value = {"country": "US", "subdivision": "NC"}

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        calendar = calendar_from_value(value)
        if calendar is not None:
            messages = list(hours.calendar_problems(calendar))
            if messages:
                raise StructBlockValidationError(
                    block_errors={"subdivision": ErrorList([ValidationError(messages[0])])}
                    if calendar.country.upper() in hours.holiday_countries()
                    else {"country": ErrorList([ValidationError(messages[0])])}
                )
        return value


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
    periods = _periods_from_value(value)
    return hours.HoursException(
        start=value["start_date"],
        end=value.get("end_date") or None,
        label=value.get("label") or "",
        closed=bool(value.get("closed")),
        periods=periods,
    )


def _periods_from_value(value: Any) -> tuple[hours.TimeRange, ...]:
    return tuple(
        hours.TimeRange(period["opens"], period["closes"])
        for period in value.get("periods") or ()
        if _has(period, "opens") and _has(period, "closes")
    )


def _int_or_none(raw: Any) -> int | None:
    return None if raw in (None, "") else int(raw)


def recurring_from_value(value: Any) -> hours.RecurringException | None:
    """A ``RecurringException`` from a ``RecurringExceptionBlock`` value; ``None`` while the
    month is missing."""
    if value.get("month") in (None, ""):
        return None
    return hours.RecurringException(
        month=int(value["month"]),
        day=_int_or_none(value.get("day")),
        weekday=_int_or_none(value.get("weekday")),
        ordinal=_int_or_none(value.get("ordinal")),
        label=value.get("label") or "",
        closed=bool(value.get("closed")),
        periods=_periods_from_value(value),
    )


def calendar_from_value(value: Any) -> hours.HolidayCalendar | None:
    """A ``HolidayCalendar`` from a ``HolidayCalendarBlock`` value; ``None`` without a country."""
    if not value.get("country"):
        return None
    return hours.HolidayCalendar(value["country"], (value.get("subdivision") or "").strip())


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
    """Holiday closures and special hours: dated ones (each date at most once), yearly rules
    and public-holiday calendars. A dated exception wins over a yearly rule on the same day,
    and both over a public holiday."""

    exception = HoursExceptionBlock()
    recurring = RecurringExceptionBlock()
    public_holidays = HolidayCalendarBlock()

    class Meta:
        icon = "date"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        # dated exceptions are checked against each other; problems keep their stream index
        dated = [(i, c) for i, c in enumerate(value) if c.block_type == "exception"]
        exceptions = [exception_from_value(child.value) for _i, child in dated]
        if all(exceptions):
            problems = hours.Schedule("UTC", exceptions=tuple(exceptions)).problems()
            _raise_block_problems(
                hours.Problem(p.field, None if p.index is None else dated[p.index][0], p.message)
                for p in problems
            )
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
            "Each day is closed or has one or more periods; add a second period for a lunch "
            'break. Tick "closes next day" for a period that runs past midnight.'
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

    # the weekly hours as a seven-day table (wagtail_neuro.hours_editor)
    base_form_class = ClinicHoursForm

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
        readers = {
            "exception": exception_from_value,
            "recurring": recurring_from_value,
            "public_holidays": calendar_from_value,
        }
        parsed: dict[str, list[Any]] = defaultdict(list)
        for child in self.exceptions or ():
            if (item := readers[child.block_type](child.value)) is not None:
                parsed[child.block_type].append(item)
        return hours.Schedule(
            timezone=self.timezone,
            weekly=tuple(p for p in weekly if p is not None),
            exceptions=tuple(parsed["exception"]),
            recurring=tuple(parsed["recurring"]),
            holiday_calendars=tuple(parsed["public_holidays"]),
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
            # yearly rules and public holidays as their dates in the coming year
            "exceptions": [
                _exception_data(exception) for exception in schedule.resolved_exceptions(today)
            ],
            "open_now": schedule.is_open_at(at),
            "next_change": ({"at": change.at.isoformat(), "open": change.open} if change else None),
            "today": {
                "date": today.isoformat(),
                "periods": [
                    {"opens": interval.opens.isoformat(), "closes": interval.closes.isoformat()}
                    for interval in schedule.periods_on(today)
                ],
            },
            "opening_hours_specification": schedule.opening_hours_specification(today),
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
