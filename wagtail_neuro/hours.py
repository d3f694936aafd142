"""Opening hours as plain Python: weekly periods, dated exceptions, and the questions a
clinic's website asks of them ("open now?", "until when?", "what are the hours?").

No Django here on purpose: the rules are subtle (overnight periods, daylight saving time)
and are tested hard without a database.

Time-zone rules, decided once:

* A period is stored as local wall times. Each occurrence is turned into an instant with
  ``zoneinfo`` and then handled **only in UTC**: ``zoneinfo`` compares and subtracts
  datetimes of the same zone by wall time and ignores ``fold``, which is wrong across a DST
  change.
* A wall time that does not exist (02:30 on a US spring-forward day) is read with the offset
  in force *before* the transition (``fold=0``, normalised through UTC), so 02:30 EST
  becomes 03:30 EDT. An occurrence whose shifted opening is not before its closing
  (02:30-03:00 on that day) does not happen and is dropped.
* A wall time that happens twice (01:30 on a fall-back day) means the first occurrence
  (``fold=0``).
* A period belongs to the local date it opens on: Monday 22:00-02:00 runs into Tuesday even
  when an exception replaces Tuesday's own periods.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

__all__ = [
    "WEEKDAY_NAMES",
    "Change",
    "HolidayCalendar",
    "HoursException",
    "Interval",
    "Period",
    "Problem",
    "RecurringException",
    "Schedule",
    "ScheduleError",
    "TimeRange",
    "calendar_problems",
    "country_name",
    "format_time",
    "holiday_countries",
    "recurring_problems",
    "validate_timezone",
]

WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
DAY_SECONDS = 24 * 60 * 60
WEEK_SECONDS = 7 * DAY_SECONDS
EN_DASH = "\u2013"
SCHEMA_DAY_URL = "https://schema.org/"


@dataclass(frozen=True)
class Period:
    """A weekly opening period; ``closes < opens`` runs past midnight into the next day and
    ``closes == time(0)`` means "until midnight"."""

    weekday: int
    opens: time
    closes: time


@dataclass(frozen=True)
class TimeRange:
    """An opening period on the specific dates of an exception (same overnight rules)."""

    opens: time
    closes: time


@dataclass(frozen=True)
class HoursException:
    """Dates whose hours differ from the weekly pattern: holidays, training days, events."""

    start: date
    end: date | None = None
    label: str = ""
    closed: bool = True
    periods: tuple[TimeRange, ...] = ()

    @property
    def last_day(self) -> date:
        """The last date covered (``end`` or, for a single day, ``start``)."""
        return self.end if self.end is not None else self.start

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.last_day

    def describe(self) -> str:
        """How messages name this exception: its label, else its dates."""
        dates = _date_range_text(self.start, self.last_day)
        return f'"{self.label}" ({dates})' if self.label else dates


ORDINAL_NAMES: dict[int, str] = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    -1: "last",
}
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: How far ahead recurring exceptions and public holidays are resolved to dates for the feeds.
RESOLVE_DAYS = 366


@dataclass(frozen=True)
class RecurringException:
    """Hours that differ every year: on a date (``month`` and ``day``: December 25) or on the
    n-th weekday of a month (``ordinal``, ``weekday`` and ``month``: the fourth Thursday of
    November; ``ordinal=-1`` is the last one). A date that a year lacks (February 29) is
    skipped that year."""

    month: int
    day: int | None = None
    weekday: int | None = None
    ordinal: int | None = None
    label: str = ""
    closed: bool = True
    periods: tuple[TimeRange, ...] = ()

    def date_in(self, year: int) -> date | None:
        """The date this rule falls on in ``year``; ``None`` when it does not happen."""
        if not 1 <= self.month <= 12:
            return None
        if self.day is not None:
            try:
                return date(year, self.month, self.day)
            except ValueError:
                return None
        if self.weekday is None or self.ordinal is None:
            return None
        if self.ordinal == -1:
            next_month = date(year + self.month // 12, self.month % 12 + 1, 1)
            last = next_month - timedelta(days=1)
            return last - timedelta(days=(last.weekday() - self.weekday) % 7)
        first = date(year, self.month, 1)
        day = first + timedelta(days=(self.weekday - first.weekday()) % 7)
        day += timedelta(weeks=self.ordinal - 1)
        return day if day.month == self.month else None

    def describe_rule(self) -> str:
        """ "every year on December 25", "every fourth Thursday of November"."""
        month = MONTH_NAMES[self.month - 1] if 1 <= self.month <= 12 else f"month {self.month}"
        if self.day is not None:
            return f"every year on {month} {self.day}"
        ordinal = ORDINAL_NAMES.get(self.ordinal or 0, str(self.ordinal))
        weekday = WEEKDAY_NAMES[self.weekday] if self.weekday in range(7) else "weekday"
        return f"every {ordinal} {weekday} of {month}"

    def describe(self) -> str:
        rule = self.describe_rule()
        return f'"{self.label}" ({rule})' if self.label else rule

    def on(self, day: date) -> HoursException:
        """This rule's hours as a dated exception on ``day``."""
        return HoursException(start=day, label=self.label, closed=self.closed, periods=self.periods)


@dataclass(frozen=True)
class HolidayCalendar:
    """Closed on the public holidays of a country (ISO 3166 code, e.g. "US") and optionally
    one of its regions (e.g. "NC"), as the ``holidays`` package knows them."""

    country: str
    subdivision: str = ""

    def holidays_in(self, year: int) -> dict[date, str]:
        """Date to holiday name in ``year`` (cached: the package computes a whole year)."""
        return _holidays_in(self.country.upper(), self.subdivision.upper(), year)

    def on(self, day: date) -> HoursException | None:
        name = self.holidays_in(day.year).get(day)
        return HoursException(start=day, label=name, closed=True) if name else None

    def describe(self) -> str:
        region = f"-{self.subdivision.upper()}" if self.subdivision else ""
        return f"public holidays ({self.country.upper()}{region})"


@lru_cache(maxsize=1)
def holiday_countries() -> dict[str, tuple[str, ...]]:
    """Country code to its region codes, for every country the ``holidays`` package knows."""
    import holidays  # only schedules with holiday calendars pay for the import

    return {code: tuple(regions) for code, regions in holidays.list_supported_countries().items()}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from holidays.registry import COUNTRIES

    return {entry[1]: module.replace("_", " ").title() for module, entry in COUNTRIES.items()}


def country_name(code: str) -> str:
    """ "United States" for "US" (the ``holidays`` registry's name), else the code."""
    return _country_names().get(code.upper(), code.upper())


@lru_cache(maxsize=256)
def _holidays_in(country: str, subdivision: str, year: int) -> dict[date, str]:
    import holidays

    calendar = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    return dict(calendar.items())


def recurring_problems(rule: RecurringException) -> Iterator[str]:
    name = rule.describe()
    if not 1 <= rule.month <= 12:
        yield f"{name}: choose a month."
        return
    if rule.day is not None:
        if date_in_any_year(rule) is None:
            yield (
                f"{name}: {MONTH_NAMES[rule.month - 1]} has no day {rule.day}. "
                "Choose a day that exists in that month."
            )
    elif rule.weekday is None or rule.ordinal is None:
        yield (
            f"{name}: give either a day of the month (e.g. 25) or a weekday with its "
            "position (e.g. fourth Thursday)."
        )
    elif rule.ordinal not in ORDINAL_NAMES or rule.weekday not in range(7):
        yield f"{name}: choose first to fifth or last, and a weekday."
    yield from _closed_and_periods_messages(name, rule.closed, rule.periods)
    yield from _exception_period_messages(name, rule.periods)


def date_in_any_year(rule: RecurringException) -> date | None:
    """The rule's date in the next leap year, where every real month/day exists."""
    return rule.date_in(2028)


def calendar_problems(calendar: HolidayCalendar) -> Iterator[str]:
    countries = holiday_countries()
    code = calendar.country.upper()
    if code not in countries:
        yield (
            f"Unknown country {calendar.country!r} for public holidays. Use a two-letter "
            "ISO code such as US, GB or DE."
        )
        return
    region = calendar.subdivision.upper()
    if region and region not in countries[code]:
        known = ", ".join(countries[code][:12]) + ("…" if len(countries[code]) > 12 else "")
        yield (
            f"Unknown region {calendar.subdivision!r} for {code}. Leave it empty for national "
            f"holidays only, or use one of: {known}."
        )


@dataclass(frozen=True)
class Interval:
    """One concrete opening, timezone-aware in the clinic's zone."""

    opens: datetime
    closes: datetime


@dataclass(frozen=True)
class Change:
    """An instant at which the clinic opens (``open=True``) or closes (``open=False``)."""

    at: datetime
    open: bool


@dataclass(frozen=True)
class Problem:
    """A validation problem; ``field`` is "timezone", "weekly" or "exceptions" and ``index``
    the position in that list, so an editor sees the message on the offending row."""

    field: str
    index: int | None
    message: str


class ScheduleError(ValueError):
    """Raised for an invalid schedule; ``problems`` lists every problem, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(p.message for p in self.problems))


# --------------------------------------------------------------------------- time zones


#: Files of the time-zone database that are not zones a clinic could be in.
NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    """Every IANA zone name the system (or the tzdata package) knows; read once."""
    return frozenset(available_timezones()) - NOT_ZONES


def validate_timezone(name: str) -> None:
    """Refuse names that are not IANA zones: files of the database such as ``localtime`` (which
    depends on the host), ``posixrules`` and ``Factory`` included."""
    try:
        if not isinstance(name, str) or name not in _zone_names():
            raise ValueError(name)
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        message = f"Unknown time zone {name!r}. Use an IANA name such as America/New_York."
        raise ScheduleError([Problem("timezone", None, message)]) from None


def _instant(day: date, wall: time, tz: tzinfo) -> datetime:
    """The UTC instant of a local wall time; see the module docstring for gaps and folds."""
    return datetime.combine(day, wall.replace(tzinfo=None, fold=0), tzinfo=tz).astimezone(UTC)


def _closing_day(day: date, opens: time, closes: time) -> date:
    return day + timedelta(days=1) if _seconds(closes) <= _seconds(opens) else day


# --------------------------------------------------------------------------- formatting


def _seconds(value: time) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


def _duration(opens: time, closes: time) -> int:
    """Wall-clock length in seconds; 0 means invalid (closes == opens)."""
    return (_seconds(closes) - _seconds(opens)) % DAY_SECONDS


def format_time(value: time, time_format: str = "12h") -> str:
    """ "9 AM", "9:30 AM", "12 PM" (noon), "12 AM" (midnight); "09:00" for ``"24h"``."""
    if time_format == "24h":
        text = f"{value.hour:02d}:{value.minute:02d}"
        return f"{text}:{value.second:02d}" if value.second else text
    hour = value.hour % 12 or 12
    suffix = "AM" if value.hour < 12 else "PM"
    text = str(hour)
    if value.minute or value.second:
        text += f":{value.minute:02d}"
    if value.second:
        text += f":{value.second:02d}"
    return f"{text} {suffix}"


def _range_text(opens: time, closes: time, time_format: str = "24h") -> str:
    return f"{format_time(opens, time_format)}{EN_DASH}{format_time(closes, time_format)}"


def _date_range_text(start: date, end: date) -> str:
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()}{EN_DASH}{end.isoformat()}"


def _iso_time(value: time) -> str:
    return value.replace(tzinfo=None, microsecond=0).isoformat()


# --------------------------------------------------------------------------- validation


def _overlaps_on_circle(a: tuple[int, int], b: tuple[int, int], length: int) -> bool:
    """Do two ``(start, duration)`` spans overlap on a circle of ``length`` seconds?"""
    return (b[0] - a[0]) % length < a[1] or (a[0] - b[0]) % length < b[1]


def _weekly_problems(weekly: tuple[Period, ...]) -> Iterator[Problem]:
    spans: list[tuple[int, tuple[int, int]]] = []
    for index, period in enumerate(weekly):
        if not isinstance(period.weekday, int) or not 0 <= period.weekday <= 6:
            yield Problem(
                "weekly",
                index,
                f"Choose a weekday from Monday to Sunday (got {period.weekday!r}).",
            )
            continue
        day = WEEKDAY_NAMES[period.weekday]
        duration = _duration(period.opens, period.closes)
        if duration == 0:
            yield Problem("weekly", index, _same_time_message(day, period.opens))
            continue
        start = period.weekday * DAY_SECONDS + _seconds(period.opens)
        for other_index, other in spans:
            if _overlaps_on_circle(other, (start, duration), WEEK_SECONDS):
                other_period = weekly[other_index]
                yield Problem(
                    "weekly",
                    index,
                    f"{day} {_range_text(period.opens, period.closes)} overlaps "
                    f"{WEEKDAY_NAMES[other_period.weekday]} "
                    f"{_range_text(other_period.opens, other_period.closes)}. "
                    "Change the times or remove one of the periods.",
                )
        spans.append((index, (start, duration)))


def _same_time_message(where: str, when: time) -> str:
    return (
        f"{where}: the period opens and closes at {format_time(when, '24h')}. "
        "Set a closing time different from the opening time; to stay open around the clock, "
        "enter two periods such as 00:00\u201312:00 and 12:00\u201300:00."
    )


def _exception_problems(exceptions: tuple[HoursException, ...]) -> Iterator[Problem]:
    for index, exception in enumerate(exceptions):
        for message in _single_exception_messages(exception):
            yield Problem("exceptions", index, message)
    yield from _exception_date_clashes(exceptions)


def _single_exception_messages(exception: HoursException) -> Iterator[str]:
    name = exception.describe()
    if exception.end is not None and exception.end < exception.start:
        yield (
            f"{name}: the end date {exception.end.isoformat()} is before the start date "
            f"{exception.start.isoformat()}. Set an end date on or after the start date, "
            "or leave it empty for a single day."
        )
    yield from _closed_and_periods_messages(name, exception.closed, exception.periods)
    yield from _exception_period_messages(name, exception.periods)


def _closed_and_periods_messages(
    name: str, closed: bool, periods: tuple[TimeRange, ...]
) -> Iterator[str]:
    if closed and periods:
        yield (
            f"{name} is marked closed but lists opening periods. "
            "Untick \u201cclosed\u201d to use the periods, or remove them."
        )
    if not closed and not periods:
        yield (
            f"{name} is marked open but has no opening periods. "
            "Add at least one period, or tick \u201cclosed\u201d."
        )


def _exception_period_messages(name: str, periods: tuple[TimeRange, ...]) -> Iterator[str]:
    """Periods of one exception day on a straight timeline (overnight ones reach past 24h)."""
    spans: list[tuple[TimeRange, int, int]] = []
    for period in periods:
        duration = _duration(period.opens, period.closes)
        if duration == 0:
            yield _same_time_message(name, period.opens)
            continue
        start = _seconds(period.opens)
        for other, other_start, other_end in spans:
            if start < other_end and other_start < start + duration:
                yield (
                    f"{name}: {_range_text(period.opens, period.closes)} overlaps "
                    f"{_range_text(other.opens, other.closes)}. "
                    "Change the times or remove one of the periods."
                )
        spans.append((period, start, start + duration))


def _exception_date_clashes(exceptions: tuple[HoursException, ...]) -> Iterator[Problem]:
    for index, exception in enumerate(exceptions):
        for earlier in exceptions[:index]:
            first = max(exception.start, earlier.start)
            last = min(exception.last_day, earlier.last_day)
            if first <= last:
                yield Problem(
                    "exceptions",
                    index,
                    f"{exception.describe()} and {earlier.describe()} both cover "
                    f"{first.isoformat()}. Each date can have only one exception: "
                    "shorten or remove one of them.",
                )


# --------------------------------------------------------------------------- the schedule


@dataclass(frozen=True)
class Schedule:
    """A clinic's weekly hours plus dated exceptions, in one IANA time zone."""

    timezone: str
    weekly: tuple[Period, ...] = ()
    exceptions: tuple[HoursException, ...] = ()
    #: yearly rules; a dated exception on the same day wins
    recurring: tuple[RecurringException, ...] = ()
    #: public holidays closed; dated exceptions and yearly rules win
    holiday_calendars: tuple[HolidayCalendar, ...] = ()

    # ---- validation

    def problems(self) -> list[Problem]:
        """Every validation problem, ``[]`` when the schedule is valid."""
        found: list[Problem] = []
        try:
            validate_timezone(self.timezone)
        except ScheduleError as error:
            found.extend(error.problems)
        found.extend(_weekly_problems(tuple(self.weekly)))
        found.extend(_exception_problems(tuple(self.exceptions)))
        for rule in self.recurring:
            found.extend(Problem("exceptions", None, m) for m in recurring_problems(rule))
        for calendar in self.holiday_calendars:
            found.extend(Problem("exceptions", None, m) for m in calendar_problems(calendar))
        return found

    def validate(self) -> None:
        if problems := self.problems():
            raise ScheduleError(problems)

    # ---- concrete intervals

    @cached_property
    def tz(self) -> ZoneInfo:
        """The zone object (validated; ``ScheduleError`` for an unknown name)."""
        validate_timezone(self.timezone)
        return ZoneInfo(self.timezone)

    def exception_for(self, day: date) -> HoursException | None:
        """The exception that replaces the weekly hours on ``day``, if any: a dated one, else a
        yearly rule falling on ``day``, else a public holiday of a chosen calendar."""
        dated = next((e for e in self.exceptions if e.covers(day)), None)
        if dated is not None:
            return dated
        for rule in self.recurring:
            if rule.date_in(day.year) == day:
                return rule.on(day)
        for calendar in self.holiday_calendars:
            if (holiday := calendar.on(day)) is not None:
                return holiday
        return None

    def resolved_exceptions(self, first: date, days: int = RESOLVE_DAYS) -> list[HoursException]:
        """Every dated exception, plus the dates yearly rules and holiday calendars fall on
        from ``first`` for ``days`` days (where no dated exception covers them), by date."""
        found = list(self.exceptions)
        if self.recurring or self.holiday_calendars:
            day, last = first, first + timedelta(days=days - 1)
            while day <= last:
                exception = self.exception_for(day)
                if exception is not None and exception not in self.exceptions:
                    found.append(exception)
                day += timedelta(days=1)
        return sorted(found, key=lambda exception: exception.start)

    def today(self) -> date:
        """Today's date in the clinic's time zone."""
        return datetime.now(UTC).astimezone(self.tz).date()

    def _wall_periods(self, day: date) -> list[tuple[time, time]]:
        exception = self.exception_for(day)
        if exception is not None:
            return [] if exception.closed else [(p.opens, p.closes) for p in exception.periods]
        return [(p.opens, p.closes) for p in self.weekly if p.weekday == day.weekday()]

    def _utc_intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        """Periods opening on ``day`` as UTC pairs; empty ones (inside a DST gap) dropped."""
        tz = self.tz
        result = []
        for opens, closes in self._wall_periods(day):
            if _duration(opens, closes) == 0:
                continue
            start = _instant(day, opens, tz)
            end = _instant(_closing_day(day, opens, closes), closes, tz)
            if end > start:
                result.append((start, end))
        return sorted(result)

    def periods_on(self, day: date) -> list[Interval]:
        """Periods that open on the local date ``day``, sorted; exceptions replace the week."""
        tz = self.tz
        return [
            Interval(start.astimezone(tz), end.astimezone(tz))
            for start, end in self._utc_intervals(day)
        ]

    def _merged(self, first: date, last: date) -> list[tuple[datetime, datetime]]:
        """Intervals opening from ``first`` to ``last``, in UTC, with touching ones joined so
        that every boundary is a real open/closed flip."""
        raw: list[tuple[datetime, datetime]] = []
        day = first
        while day <= last:
            raw.extend(self._utc_intervals(day))
            day += timedelta(days=1)
        merged: list[list[datetime]] = []
        for start, end in sorted(raw):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [(start, end) for start, end in merged]

    def _local_date(self, when: datetime) -> tuple[datetime, date]:
        if when.tzinfo is None or when.utcoffset() is None:
            raise ValueError("Pass a timezone-aware datetime (naive times are ambiguous).")
        utc = when.astimezone(UTC)
        return utc, utc.astimezone(self.tz).date()

    def is_open_at(self, when: datetime) -> bool:
        """Open at the instant ``when``? Yesterday's overnight period counts."""
        utc, today = self._local_date(when)
        intervals = self._merged(today - timedelta(days=2), today + timedelta(days=1))
        return any(start <= utc < end for start, end in intervals)

    def next_change(self, when: datetime, horizon_days: int = 400) -> Change | None:
        """The first instant strictly after ``when`` at which the state flips, or ``None`` if
        it does not flip within ``horizon_days`` days."""
        utc, today = self._local_date(when)
        limit = utc + timedelta(days=horizon_days)
        span, widest = 8, horizon_days + 4
        while True:
            last = today + timedelta(days=min(span, widest))
            # Intervals opening after ``last`` may join one that closes near it, so only
            # trust boundaries at least two days before the window ends.
            trusted = _instant(last, time(0), self.tz) - timedelta(days=2)
            change = self._first_flip(self._merged(today - timedelta(days=2), last), utc)
            if change is not None and change.at <= min(trusted, limit):
                return Change(change.at.astimezone(self.tz), change.open)
            if span >= widest or (change is not None and change.at > limit):
                return None
            span *= 2

    @staticmethod
    def _first_flip(
        intervals: Iterable[tuple[datetime, datetime]], after: datetime
    ) -> Change | None:
        for start, end in intervals:
            if start > after:
                return Change(start, True)
            if end > after:
                return Change(end, False)
        return None

    # ---- presentation

    def weekly_by_day(self) -> dict[int, list[tuple[time, time]]]:
        """Weekday (0 = Monday) to its sorted ``(opens, closes)`` pairs; ``[]`` when closed."""
        days: dict[int, list[tuple[time, time]]] = {weekday: [] for weekday in range(7)}
        for period in self.weekly:
            days[period.weekday].append((period.opens, period.closes))
        return {weekday: sorted(pairs) for weekday, pairs in days.items()}

    def summary(self, time_format: str = "12h") -> str:
        """One line for people, e.g. "Monday to Thursday 9 AM to 5 PM" written with en dashes."""
        if not self.weekly:
            return "Closed"
        parts = []
        for first, last, pairs in _group_days(self.weekly_by_day()):
            days = WEEKDAY_NAMES[first]
            if last != first:
                days += EN_DASH + WEEKDAY_NAMES[last]
            hours = ", ".join(_range_text(o, c, time_format) for o, c in pairs) or "closed"
            parts.append(f"{days} {hours}")
        return "; ".join(parts)

    def opening_hours_specification(self, today: date | None = None) -> list[dict]:
        """schema.org ``OpeningHoursSpecification`` dicts for the weekly hours and exceptions
        (a closed day is opens = closes = 00:00:00, as schema.org documents). Yearly rules and
        public holidays appear as their dates in the year from ``today`` (default: today in
        the clinic's zone)."""
        specs = [
            _spec(opens, closes, dayOfWeek=SCHEMA_DAY_URL + WEEKDAY_NAMES[weekday])
            for weekday, pairs in self.weekly_by_day().items()
            for opens, closes in pairs
        ]
        exceptions = (
            self.resolved_exceptions(today or self.today())
            if self.recurring or self.holiday_calendars
            else self.exceptions
        )
        for exception in exceptions:
            valid = {
                "validFrom": exception.start.isoformat(),
                "validThrough": exception.last_day.isoformat(),
            }
            if exception.closed:
                specs.append(_spec(time(0), time(0), **valid))
            else:
                specs.extend(_spec(p.opens, p.closes, **valid) for p in exception.periods)
        return specs


def _spec(opens: time, closes: time, **extra: str) -> dict:
    spec = {"@type": "OpeningHoursSpecification"}
    spec.update(extra)
    spec.update(opens=_iso_time(opens), closes=_iso_time(closes))
    return spec


def _group_days(
    by_day: dict[int, list[tuple[time, time]]],
) -> Iterator[tuple[int, int, list[tuple[time, time]]]]:
    """Runs of consecutive weekdays (Monday to Sunday, no wrap) with identical periods."""
    first = 0
    for weekday in range(1, 8):
        if weekday == 7 or by_day[weekday] != by_day[first]:
            yield first, weekday - 1, by_day[first]
            first = weekday
