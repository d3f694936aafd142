"""Yearly exceptions and public-holiday calendars in ``wagtail_neuro.hours`` (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wagtail_neuro.hours import (
    HolidayCalendar,
    HoursException,
    Period,
    RecurringException,
    Schedule,
    TimeRange,
)

WEEKDAYS_9_TO_5 = tuple(Period(day, time(9), time(17)) for day in range(5))
CHRISTMAS = RecurringException(month=12, day=25, label="Christmas")
THANKSGIVING = RecurringException(month=11, weekday=3, ordinal=4, label="Thanksgiving")


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2024, date(2024, 11, 28)), (2025, date(2025, 11, 27)), (2026, date(2026, 11, 26))],
)
def test_fourth_thursday_of_november(year, expected):
    assert THANKSGIVING.date_in(year) == expected


def test_last_monday_of_may_and_february_29():
    memorial = RecurringException(month=5, weekday=0, ordinal=-1)
    assert memorial.date_in(2026) == date(2026, 5, 25)
    leap = RecurringException(month=2, day=29)
    assert leap.date_in(2028) == date(2028, 2, 29)
    assert leap.date_in(2026) is None  # skipped in years without the date


def test_fifth_weekday_that_a_month_lacks_does_not_happen():
    assert RecurringException(month=2, weekday=0, ordinal=5).date_in(2026) is None


@given(
    year=st.integers(1990, 2100),
    month=st.integers(1, 12),
    weekday=st.integers(0, 6),
    ordinal=st.sampled_from([1, 2, 3, 4, -1]),
)
def test_nth_weekday_is_that_weekday_in_that_month(year, month, weekday, ordinal):
    day = RecurringException(month=month, weekday=weekday, ordinal=ordinal).date_in(year)
    assert day is not None and day.month == month and day.weekday() == weekday
    if ordinal > 0:
        assert (day.day - 1) // 7 == ordinal - 1
    else:
        assert (day + timedelta(days=7)).month != month  # no later one in the month


def test_a_yearly_closure_closes_every_year_and_a_dated_exception_wins():
    special = HoursException(
        start=date(2030, 12, 25), closed=False, periods=(TimeRange(time(10), time(12)),)
    )
    schedule = Schedule(
        "America/New_York",
        weekly=tuple(Period(day, time(9), time(17)) for day in range(7)),
        exceptions=(special,),
        recurring=(CHRISTMAS,),
    )
    for year in (2026, 2027, 2031):
        assert schedule.periods_on(date(year, 12, 25)) == []
    assert [p.opens.time() for p in schedule.periods_on(date(2030, 12, 25))] == [time(10)]


def test_public_holidays_close_the_clinic():
    schedule = Schedule(
        "America/New_York",
        weekly=WEEKDAYS_9_TO_5,
        holiday_calendars=(HolidayCalendar("US", "NC"),),
    )
    assert schedule.periods_on(date(2026, 11, 26)) == []  # Thanksgiving Day
    assert schedule.periods_on(date(2026, 11, 25)) != []
    # the next opening after Wednesday evening skips Thanksgiving and the day after
    change = schedule.next_change(datetime(2026, 11, 25, 23, tzinfo=UTC))
    assert change.open and change.at.date() == date(2026, 11, 30)


def test_resolved_exceptions_list_the_dates_for_the_feeds():
    schedule = Schedule("America/New_York", weekly=WEEKDAYS_9_TO_5, recurring=(CHRISTMAS,))
    resolved = schedule.resolved_exceptions(date(2026, 12, 1))
    assert [(e.start, e.label) for e in resolved] == [(date(2026, 12, 25), "Christmas")]
    specs = schedule.opening_hours_specification(today=date(2026, 12, 1))
    assert {
        "@type": "OpeningHoursSpecification",
        "validFrom": "2026-12-25",
        "validThrough": "2026-12-25",
        "opens": "00:00:00",
        "closes": "00:00:00",
    } in specs


@pytest.mark.parametrize(
    ("schedule_kwargs", "fragment"),
    [
        ({"recurring": (RecurringException(month=2, day=30),)}, "February has no day 30"),
        ({"recurring": (RecurringException(month=11),)}, "give either a day of the month"),
        (
            {"recurring": (RecurringException(month=12, day=24, closed=False),)},
            "marked open but has no opening periods",
        ),
        ({"holiday_calendars": (HolidayCalendar("XX"),)}, "Unknown country 'XX'"),
        ({"holiday_calendars": (HolidayCalendar("US", "ZZ"),)}, "Unknown region 'ZZ' for US"),
    ],
)
def test_bad_rules_are_named_with_a_fix(schedule_kwargs, fragment):
    problems = Schedule("UTC", **schedule_kwargs).problems()
    assert any(fragment in problem.message for problem in problems), problems
