"""The opening-hours engine: examples for the rules people read, properties for the rest."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from wagtail_neuro.hours import (
    WEEKDAY_NAMES,
    Change,
    HoursException,
    Interval,
    Period,
    Problem,
    Schedule,
    ScheduleError,
    TimeRange,
    format_time,
    validate_timezone,
)

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
NINE_TO_FIVE = tuple(Period(day, time(9), time(17)) for day in (MON, TUE, WED, THU))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def ny(*args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=NY, fold=fold)


def utc_span(interval: Interval) -> tuple[datetime, datetime]:
    return interval.opens.astimezone(UTC), interval.closes.astimezone(UTC)


def utc_length(interval: Interval) -> timedelta:
    opens, closes = utc_span(interval)
    return closes - opens


# --------------------------------------------------------------------------- open or closed


class TestIsOpenAt:
    schedule = Schedule("America/New_York", weekly=NINE_TO_FIVE)

    def test_open_from_opening_time_up_to_closing_time(self) -> None:
        # 2024-06-03 is a Monday.
        assert not self.schedule.is_open_at(ny(2024, 6, 3, 8, 59))
        assert self.schedule.is_open_at(ny(2024, 6, 3, 9))
        assert self.schedule.is_open_at(ny(2024, 6, 3, 16, 59, 59))
        assert not self.schedule.is_open_at(ny(2024, 6, 3, 17))

    def test_closed_on_a_day_without_periods(self) -> None:
        assert not self.schedule.is_open_at(ny(2024, 6, 7, 12))  # Friday

    def test_the_instant_matters_not_the_zone_it_is_written_in(self) -> None:
        # 13:30 UTC is 09:30 in New York (EDT): open; 12:30 UTC is 08:30: closed.
        assert self.schedule.is_open_at(utc(2024, 6, 3, 13, 30))
        assert not self.schedule.is_open_at(utc(2024, 6, 3, 12, 30))

    def test_naive_datetimes_are_refused(self) -> None:
        with pytest.raises(ValueError, match="timezone-aware"):
            self.schedule.is_open_at(datetime(2024, 6, 3, 12))

    def test_an_overnight_period_runs_into_the_next_day(self) -> None:
        schedule = Schedule("UTC", weekly=(Period(MON, time(22), time(2)),))
        assert schedule.is_open_at(utc(2024, 6, 3, 23))
        assert schedule.is_open_at(utc(2024, 6, 4, 1, 59))  # Tuesday
        assert not schedule.is_open_at(utc(2024, 6, 4, 2))
        assert schedule.periods_on(date(2024, 6, 4)) == []  # it belongs to Monday

    def test_sunday_overnight_wraps_to_monday(self) -> None:
        schedule = Schedule("UTC", weekly=(Period(SUN, time(23), time(3)),))
        assert schedule.is_open_at(utc(2024, 6, 3, 2))  # Monday 02:00
        assert not schedule.is_open_at(utc(2024, 6, 3, 3))

    def test_closing_at_midnight_means_until_the_end_of_the_day(self) -> None:
        schedule = Schedule("UTC", weekly=(Period(MON, time(18), time(0)),))
        assert schedule.is_open_at(utc(2024, 6, 3, 23, 59, 59))
        assert not schedule.is_open_at(utc(2024, 6, 4, 0))
        [interval] = schedule.periods_on(date(2024, 6, 3))
        assert utc_span(interval) == (utc(2024, 6, 3, 18), utc(2024, 6, 4))


# --------------------------------------------------------------------------- next change


class TestNextChange:
    def test_next_opening_and_closing(self) -> None:
        schedule = Schedule("America/New_York", weekly=NINE_TO_FIVE)
        assert schedule.next_change(ny(2024, 6, 3, 8)) == Change(ny(2024, 6, 3, 9), True)
        assert schedule.next_change(ny(2024, 6, 3, 12)) == Change(ny(2024, 6, 3, 17), False)
        # Thursday evening: closed until Monday.
        assert schedule.next_change(ny(2024, 6, 6, 18)) == Change(ny(2024, 6, 10, 9), True)

    def test_strictly_after_the_given_instant(self) -> None:
        schedule = Schedule("America/New_York", weekly=NINE_TO_FIVE)
        assert schedule.next_change(ny(2024, 6, 3, 9)) == Change(ny(2024, 6, 3, 17), False)

    def test_change_is_reported_in_the_clinic_zone(self) -> None:
        schedule = Schedule("America/New_York", weekly=NINE_TO_FIVE)
        change = schedule.next_change(utc(2024, 6, 3, 12))
        assert change is not None
        assert change.at.tzinfo == NY
        assert change.at.isoformat() == "2024-06-03T09:00:00-04:00"

    def test_touching_periods_are_one_opening(self) -> None:
        weekly = (Period(MON, time(9), time(12)), Period(MON, time(12), time(17)))
        schedule = Schedule("UTC", weekly=weekly)
        assert schedule.next_change(utc(2024, 6, 3, 10)) == Change(utc(2024, 6, 3, 17), False)

    def test_a_period_until_midnight_joins_the_next_days_early_period(self) -> None:
        weekly = (Period(SUN, time(20), time(0)), Period(MON, time(0), time(8)))
        schedule = Schedule("UTC", weekly=weekly)
        assert schedule.next_change(utc(2024, 6, 2, 21)) == Change(utc(2024, 6, 3, 8), False)

    def test_never_changes(self) -> None:
        assert Schedule("UTC").next_change(utc(2024, 6, 3)) is None
        around_the_clock = tuple(
            Period(day, opens, closes)
            for day in range(7)
            for opens, closes in ((time(0), time(12)), (time(12), time(0)))
        )
        schedule = Schedule("UTC", weekly=around_the_clock)
        assert schedule.is_open_at(utc(2024, 6, 3))
        assert schedule.next_change(utc(2024, 6, 3)) is None

    def test_horizon_limits_the_search(self) -> None:
        far = HoursException(
            date(2025, 6, 1), closed=False, periods=(TimeRange(time(9), time(10)),)
        )
        schedule = Schedule("UTC", exceptions=(far,))
        start = utc(2024, 1, 1)
        assert schedule.next_change(start) is None  # 517 days and 9 hours away
        assert schedule.next_change(start, horizon_days=600) == Change(utc(2025, 6, 1, 9), True)
        assert schedule.next_change(start, horizon_days=518) == Change(utc(2025, 6, 1, 9), True)
        assert schedule.next_change(start, horizon_days=517) is None


# --------------------------------------------------------------------------- daylight saving


class TestDaylightSaving:
    """US 2024: clocks spring forward 2024-03-10 02:00 and fall back 2024-11-03 02:00."""

    schedule = Schedule(
        "America/New_York",
        weekly=(Period(SAT, time(22), time(2)), Period(SUN, time(3), time(4))),
    )
    early = Schedule("America/New_York", weekly=(Period(SUN, time(1), time(4)),))

    def test_spring_forward_shortens_a_period(self) -> None:
        [interval] = self.early.periods_on(date(2024, 3, 10))
        assert utc_span(interval) == (utc(2024, 3, 10, 6), utc(2024, 3, 10, 8))
        assert utc_length(interval) == timedelta(hours=2)

    def test_fall_back_lengthens_a_period(self) -> None:
        [interval] = self.early.periods_on(date(2024, 11, 3))
        assert utc_span(interval) == (utc(2024, 11, 3, 5), utc(2024, 11, 3, 9))
        assert utc_length(interval) == timedelta(hours=4)

    def test_overnight_period_across_spring_forward(self) -> None:
        # 02:00 does not exist: it is read as 02:00 EST, the instant the clocks jump.
        [interval] = self.schedule.periods_on(date(2024, 3, 9))
        assert utc_span(interval) == (utc(2024, 3, 10, 3), utc(2024, 3, 10, 7))
        assert interval.closes.isoformat() == "2024-03-10T03:00:00-04:00"

    def test_overnight_period_across_fall_back(self) -> None:
        [interval] = self.schedule.periods_on(date(2024, 11, 2))
        assert utc_length(interval) == timedelta(hours=5)
        assert interval.closes.isoformat() == "2024-11-03T02:00:00-05:00"

    def test_next_change_across_fall_back_counts_the_repeated_hour(self) -> None:
        change = self.schedule.next_change(ny(2024, 11, 2, 23))
        assert change == Change(ny(2024, 11, 3, 2), False)
        assert change.at.astimezone(UTC) == utc(2024, 11, 3, 7)

    def test_repeated_hour_is_open_both_times_when_the_period_spans_it(self) -> None:
        assert self.schedule.is_open_at(ny(2024, 11, 3, 1, 30, fold=0))  # 05:30 UTC
        assert self.schedule.is_open_at(ny(2024, 11, 3, 1, 30, fold=1))  # 06:30 UTC

    def test_wall_time_in_the_gap_uses_the_offset_before_the_change(self) -> None:
        schedule = Schedule("America/New_York", weekly=(Period(SUN, time(2, 30), time(5)),))
        [interval] = schedule.periods_on(date(2024, 3, 10))
        # 02:30 EST = 07:30 UTC = 03:30 EDT.
        assert utc_span(interval) == (utc(2024, 3, 10, 7, 30), utc(2024, 3, 10, 9))
        assert interval.opens.isoformat() == "2024-03-10T03:30:00-04:00"

    def test_a_period_inside_the_gap_moves_with_the_clocks(self) -> None:
        # Both ends are read with EST: 02:15-02:45 EST is 03:15-03:45 EDT, still 30 minutes.
        schedule = Schedule("America/New_York", weekly=(Period(SUN, time(2, 15), time(2, 45)),))
        [interval] = schedule.periods_on(date(2024, 3, 10))
        assert utc_span(interval) == (utc(2024, 3, 10, 7, 15), utc(2024, 3, 10, 7, 45))
        assert interval.opens.isoformat() == "2024-03-10T03:15:00-04:00"

    def test_a_period_that_ends_before_its_shifted_start_does_not_happen(self) -> None:
        # 02:30 EST (= 03:30 EDT) is after 03:00 EDT: nothing is open that Sunday.
        schedule = Schedule("America/New_York", weekly=(Period(SUN, time(2, 30), time(3)),))
        assert schedule.periods_on(date(2024, 3, 10)) == []
        assert len(schedule.periods_on(date(2024, 3, 17))) == 1
        assert schedule.next_change(ny(2024, 3, 9, 12)) == Change(ny(2024, 3, 17, 2, 30), True)

    def test_ambiguous_wall_time_means_the_first_occurrence(self) -> None:
        schedule = Schedule("America/New_York", weekly=(Period(SUN, time(1, 30), time(1, 50)),))
        [interval] = schedule.periods_on(date(2024, 11, 3))
        assert utc_span(interval) == (utc(2024, 11, 3, 5, 30), utc(2024, 11, 3, 5, 50))
        assert schedule.is_open_at(ny(2024, 11, 3, 1, 45, fold=0))
        assert not schedule.is_open_at(ny(2024, 11, 3, 1, 45, fold=1))

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            # BST starts 2024-03-31 01:00 GMT; ends 2024-10-27 02:00 BST.
            (date(2024, 3, 31), (utc(2024, 3, 31, 0, 30), utc(2024, 3, 31, 2))),
            (date(2024, 10, 27), (utc(2024, 10, 26, 23, 30), utc(2024, 10, 27, 3))),
        ],
    )
    def test_london(self, day: date, expected: tuple[datetime, datetime]) -> None:
        schedule = Schedule("Europe/London", weekly=(Period(SUN, time(0, 30), time(3)),))
        [interval] = schedule.periods_on(day)
        assert utc_span(interval) == expected

    @pytest.mark.parametrize(
        ("day", "length"),
        [
            # Lord Howe moves its clocks by 30 minutes: back on 2024-04-07, forward 2024-10-06.
            (date(2024, 4, 7), timedelta(hours=2, minutes=30)),
            (date(2024, 10, 6), timedelta(hours=1, minutes=30)),
            (date(2024, 6, 2), timedelta(hours=2)),
        ],
    )
    def test_lord_howe_half_hour_shift(self, day: date, length: timedelta) -> None:
        schedule = Schedule("Australia/Lord_Howe", weekly=(Period(SUN, time(1), time(3)),))
        [interval] = schedule.periods_on(day)
        assert utc_length(interval) == length


# --------------------------------------------------------------------------- exceptions


THANKSGIVING = HoursException(date(2024, 11, 28), label="Thanksgiving")
WINTER_BREAK = HoursException(date(2024, 12, 24), date(2024, 12, 26), label="Winter break")
NEW_YEARS_EVE = HoursException(
    date(2024, 12, 31),
    label="New Year's Eve",
    closed=False,
    periods=(TimeRange(time(10), time(14)),),
)


class TestExceptions:
    schedule = Schedule(
        "America/New_York",
        weekly=(*NINE_TO_FIVE, Period(FRI, time(9), time(17)), Period(WED, time(22), time(2))),
        exceptions=(THANKSGIVING, WINTER_BREAK, NEW_YEARS_EVE),
    )

    def test_single_day_closure(self) -> None:
        assert self.schedule.periods_on(date(2024, 11, 28)) == []
        assert not self.schedule.is_open_at(ny(2024, 11, 28, 10))
        assert self.schedule.is_open_at(ny(2024, 11, 29, 10))
        assert self.schedule.is_open_at(ny(2024, 11, 21, 10))  # the Thursday before

    def test_next_change_skips_the_closed_day(self) -> None:
        assert self.schedule.next_change(ny(2024, 11, 28, 3)) == Change(ny(2024, 11, 29, 9), True)

    def test_overnight_period_the_day_before_still_runs_into_the_closed_day(self) -> None:
        assert self.schedule.is_open_at(ny(2024, 11, 28, 1))
        assert self.schedule.next_change(ny(2024, 11, 28, 1)) == Change(ny(2024, 11, 28, 2), False)

    def test_date_range(self) -> None:
        for day in (24, 25, 26):
            assert self.schedule.periods_on(date(2024, 12, day)) == []
        # Wednesday's overnight period opens on the 25th, inside the break: it does not run.
        assert self.schedule.next_change(ny(2024, 12, 23, 18)) == Change(ny(2024, 12, 27, 9), True)
        assert len(self.schedule.periods_on(date(2024, 12, 27))) == 1

    def test_special_hours(self) -> None:
        [interval] = self.schedule.periods_on(date(2024, 12, 31))
        assert (interval.opens, interval.closes) == (ny(2024, 12, 31, 10), ny(2024, 12, 31, 14))
        assert not self.schedule.is_open_at(ny(2024, 12, 31, 9, 30))
        assert self.schedule.is_open_at(ny(2024, 12, 31, 13, 59))

    def test_overnight_special_period_runs_into_the_next_day(self) -> None:
        party = HoursException(
            date(2024, 7, 6), closed=False, periods=(TimeRange(time(20), time(1)),)
        )
        schedule = Schedule("UTC", exceptions=(party,))
        assert schedule.is_open_at(utc(2024, 7, 7, 0, 30))
        assert schedule.next_change(utc(2024, 7, 6, 21)) == Change(utc(2024, 7, 7, 1), False)

    def test_exception_for(self) -> None:
        assert self.schedule.exception_for(date(2024, 12, 25)) is WINTER_BREAK
        assert self.schedule.exception_for(date(2024, 12, 27)) is None


# --------------------------------------------------------------------------- validation


def messages(schedule: Schedule) -> list[str]:
    return [problem.message for problem in schedule.problems()]


class TestValidation:
    def test_valid_schedule_has_no_problems(self) -> None:
        TestExceptions.schedule.validate()
        assert TestExceptions.schedule.problems() == []

    def test_unknown_time_zone(self) -> None:
        message = "Unknown time zone 'Mars/Base'. Use an IANA name such as America/New_York."
        assert Schedule("Mars/Base").problems() == [Problem("timezone", None, message)]
        with pytest.raises(ScheduleError, match="Mars/Base") as error:
            validate_timezone("Mars/Base")
        assert isinstance(error.value, ValueError)

    @pytest.mark.parametrize(
        "name", ["", "localtime", "../etc/passwd", "/etc/localtime", "posixrules", "Factory"]
    )
    def test_names_that_are_not_iana_zones(self, name: str) -> None:
        with pytest.raises(ScheduleError):
            validate_timezone(name)

    def test_opening_and_closing_at_the_same_time(self) -> None:
        [problem] = Schedule("UTC", weekly=(Period(TUE, time(9), time(9)),)).problems()
        assert (problem.field, problem.index) == ("weekly", 0)
        assert problem.message.startswith("Tuesday: the period opens and closes at 09:00.")

    def test_weekday_out_of_range(self) -> None:
        [problem] = Schedule("UTC", weekly=(Period(7, time(9), time(10)),)).problems()
        assert "Monday to Sunday" in problem.message

    def test_overlap_on_the_same_day(self) -> None:
        weekly = (Period(MON, time(9), time(13)), Period(MON, time(12), time(17)))
        [problem] = Schedule("UTC", weekly=weekly).problems()
        assert problem.index == 1
        assert problem.message.startswith("Monday 12:00–17:00 overlaps Monday 09:00–13:00.")

    def test_overnight_overlaps_the_next_morning(self) -> None:
        weekly = (Period(MON, time(22), time(2)), Period(TUE, time(1), time(9)))
        [problem] = Schedule("UTC", weekly=weekly).problems()
        assert problem == Problem(
            "weekly",
            1,
            "Tuesday 01:00–09:00 overlaps Monday 22:00–02:00. "
            "Change the times or remove one of the periods.",
        )

    def test_sunday_overnight_wraps_onto_monday(self) -> None:
        weekly = (Period(MON, time(2), time(4)), Period(SUN, time(23), time(3)))
        [problem] = Schedule("UTC", weekly=weekly).problems()
        assert problem.index == 1
        assert "Sunday 23:00–03:00 overlaps Monday 02:00–04:00" in problem.message

    def test_touching_periods_do_not_overlap(self) -> None:
        weekly = (
            Period(MON, time(9), time(12)),
            Period(MON, time(12), time(0)),
            Period(TUE, time(0), time(8)),
        )
        assert Schedule("UTC", weekly=weekly).problems() == []

    def test_exception_end_before_start(self) -> None:
        backwards = HoursException(date(2024, 12, 26), date(2024, 12, 24), label="Winter break")
        [problem] = Schedule("UTC", exceptions=(backwards,)).problems()
        assert (problem.field, problem.index) == ("exceptions", 0)
        assert problem.message.startswith(
            '"Winter break" (2024-12-26–2024-12-24): the end date 2024-12-24 is before '
            "the start date 2024-12-26."
        )

    def test_open_exception_without_periods(self) -> None:
        special = HoursException(date(2024, 12, 31), closed=False)
        assert messages(Schedule("UTC", exceptions=(special,))) == [
            "2024-12-31 is marked open but has no opening periods. "
            "Add at least one period, or tick “closed”."
        ]

    def test_closed_exception_with_periods(self) -> None:
        odd = HoursException(date(2024, 12, 31), periods=(TimeRange(time(9), time(12)),))
        [message] = messages(Schedule("UTC", exceptions=(odd,)))
        assert "marked closed but lists opening periods" in message

    def test_overlapping_periods_inside_one_exception(self) -> None:
        special = HoursException(
            date(2024, 12, 31),
            label="New Year's Eve",
            closed=False,
            periods=(TimeRange(time(9), time(13)), TimeRange(time(12), time(17))),
        )
        [message] = messages(Schedule("UTC", exceptions=(special,)))
        assert message.startswith(
            '"New Year\'s Eve" (2024-12-31): 12:00–17:00 overlaps 09:00–13:00.'
        )

    def test_same_time_inside_an_exception(self) -> None:
        special = HoursException(
            date(2024, 12, 31), closed=False, periods=(TimeRange(time(9), time(9)),)
        )
        [message] = messages(Schedule("UTC", exceptions=(special,)))
        assert "opens and closes at 09:00" in message

    def test_two_exceptions_on_the_same_date(self) -> None:
        clash = HoursException(date(2024, 12, 26), date(2024, 12, 27), label="Boxing Day")
        [problem] = Schedule("UTC", exceptions=(WINTER_BREAK, clash)).problems()
        assert problem.index == 1
        assert problem.message.startswith(
            '"Boxing Day" (2024-12-26–2024-12-27) and "Winter break" (2024-12-24–2024-12-26) '
            "both cover 2024-12-26."
        )

    def test_validate_raises_every_problem(self) -> None:
        schedule = Schedule(
            "Mars/Base",
            weekly=(Period(MON, time(9), time(9)),),
            exceptions=(HoursException(date(2024, 1, 2), date(2024, 1, 1)),),
        )
        with pytest.raises(ScheduleError) as error:
            schedule.validate()
        assert [p.field for p in error.value.problems] == ["timezone", "weekly", "exceptions"]


# --------------------------------------------------------------------------- presentation


class TestSummary:
    def test_groups_consecutive_days(self) -> None:
        schedule = Schedule("UTC", weekly=NINE_TO_FIVE)
        assert schedule.summary() == "Monday–Thursday 9 AM–5 PM; Friday–Sunday closed"

    def test_several_periods_and_half_hours(self) -> None:
        weekly = (
            Period(MON, time(13), time(17)),
            Period(MON, time(9), time(12)),
            Period(TUE, time(9, 30), time(0)),
            Period(WED, time(0), time(12)),
        )
        assert Schedule("UTC", weekly=weekly).summary() == (
            "Monday 9 AM–12 PM, 1 PM–5 PM; Tuesday 9:30 AM–12 AM; Wednesday 12 AM–12 PM; "
            "Thursday–Sunday closed"
        )

    def test_24_hour_format(self) -> None:
        schedule = Schedule("UTC", weekly=(*NINE_TO_FIVE, Period(SAT, time(22), time(2))))
        assert schedule.summary("24h") == (
            "Monday–Thursday 09:00–17:00; Friday closed; Saturday 22:00–02:00; Sunday closed"
        )

    def test_same_hours_on_days_apart_are_not_grouped(self) -> None:
        weekly = (Period(MON, time(9), time(17)), Period(WED, time(9), time(17)))
        assert Schedule("UTC", weekly=weekly).summary() == (
            "Monday 9 AM–5 PM; Tuesday closed; Wednesday 9 AM–5 PM; Thursday–Sunday closed"
        )

    def test_empty_schedule(self) -> None:
        assert Schedule("UTC").summary() == "Closed"

    @pytest.mark.parametrize(
        ("value", "twelve", "twenty_four"),
        [
            (time(0), "12 AM", "00:00"),
            (time(12), "12 PM", "12:00"),
            (time(9, 5), "9:05 AM", "09:05"),
            (time(23, 59, 30), "11:59:30 PM", "23:59:30"),
        ],
    )
    def test_format_time(self, value: time, twelve: str, twenty_four: str) -> None:
        assert format_time(value) == twelve
        assert format_time(value, "24h") == twenty_four

    def test_weekly_by_day_has_every_weekday(self) -> None:
        by_day = Schedule("UTC", weekly=(Period(FRI, time(9), time(12)),)).weekly_by_day()
        assert list(by_day) == list(range(7))
        assert by_day[FRI] == [(time(9), time(12))]
        assert by_day[MON] == []


class TestOpeningHoursSpecification:
    def test_weekly_and_exceptions(self) -> None:
        schedule = Schedule(
            "UTC",
            weekly=(Period(MON, time(9), time(17)), Period(SAT, time(22), time(2))),
            exceptions=(THANKSGIVING, WINTER_BREAK, NEW_YEARS_EVE),
        )
        spec = "OpeningHoursSpecification"
        assert schedule.opening_hours_specification() == [
            {
                "@type": spec,
                "dayOfWeek": "https://schema.org/Monday",
                "opens": "09:00:00",
                "closes": "17:00:00",
            },
            {
                "@type": spec,
                "dayOfWeek": "https://schema.org/Saturday",
                "opens": "22:00:00",
                "closes": "02:00:00",
            },
            {
                "@type": spec,
                "validFrom": "2024-11-28",
                "validThrough": "2024-11-28",
                "opens": "00:00:00",
                "closes": "00:00:00",
            },
            {
                "@type": spec,
                "validFrom": "2024-12-24",
                "validThrough": "2024-12-26",
                "opens": "00:00:00",
                "closes": "00:00:00",
            },
            {
                "@type": spec,
                "validFrom": "2024-12-31",
                "validThrough": "2024-12-31",
                "opens": "10:00:00",
                "closes": "14:00:00",
            },
        ]


# --------------------------------------------------------------------------- properties

SLOT_MINUTES = 30
SLOTS_PER_DAY = 24 * 60 // SLOT_MINUTES
WEEK_SLOTS = 7 * SLOTS_PER_DAY

slot_times = st.integers(0, SLOTS_PER_DAY - 1).map(
    lambda slot: time(slot * SLOT_MINUTES // 60, slot * SLOT_MINUTES % 60)
)
periods = st.builds(Period, st.integers(0, 6), slot_times, slot_times).filter(
    lambda p: p.opens != p.closes
)


def covered_slots(period: Period) -> list[int]:
    """The half-hour slots of the week a period covers: an oracle independent of hours.py."""
    start = period.weekday * SLOTS_PER_DAY + (period.opens.hour * 60 + period.opens.minute) // 30
    end = period.weekday * SLOTS_PER_DAY + (period.closes.hour * 60 + period.closes.minute) // 30
    if end <= start:
        end += SLOTS_PER_DAY
    return [slot % WEEK_SLOTS for slot in range(start, end)]


@st.composite
def valid_weeks(draw: st.DrawFn) -> tuple[Period, ...]:
    """Periods that never share a slot, in the order drawn."""
    taken: set[int] = set()
    kept = []
    for period in draw(st.lists(periods, max_size=10)):
        slots = set(covered_slots(period))
        if not slots & taken:
            taken |= slots
            kept.append(period)
    return tuple(kept)


ZONES = ["UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata"]
TRANSITIONS = [
    utc(2024, 3, 10, 7),
    utc(2024, 11, 3, 6),
    utc(2024, 3, 31, 1),
    utc(2024, 10, 27, 1),
    utc(2024, 4, 6, 15),
    utc(2024, 10, 5, 15, 30),
]
instants = st.one_of(
    st.datetimes(datetime(2024, 1, 1), datetime(2025, 1, 1), timezones=st.just(UTC)),
    st.builds(
        lambda base, minutes: base + timedelta(minutes=minutes),
        st.sampled_from(TRANSITIONS),
        st.integers(-36 * 60, 36 * 60),
    ),
)
exception_lists = st.lists(
    st.builds(
        lambda start, length, closed, periods: HoursException(
            start,
            start + timedelta(days=length) if length else None,
            closed=closed,
            periods=() if closed else periods,
        ),
        st.dates(date(2024, 1, 1), date(2024, 12, 31)),
        st.integers(0, 3),
        st.booleans(),
        st.lists(
            st.builds(TimeRange, slot_times, slot_times).filter(lambda r: r.opens != r.closes),
            min_size=1,
            max_size=1,
        ).map(tuple),
    ),
    max_size=3,
)


@settings(max_examples=300, deadline=None)
@given(periods=st.lists(periods, max_size=6))
def test_overlap_problems_match_a_brute_force_count(periods: list[Period]) -> None:
    counts = [0] * WEEK_SLOTS
    for period in periods:
        for slot in covered_slots(period):
            counts[slot] += 1
    overlapping = any(count > 1 for count in counts)
    problems = Schedule("UTC", weekly=tuple(periods)).problems()
    assert bool(problems) == overlapping
    assert all("overlaps" in problem.message for problem in problems)


@settings(max_examples=200, deadline=None)
@given(weekly=valid_weeks(), when=st.datetimes(timezones=st.just(UTC)))
def test_is_open_at_matches_a_weekly_slot_mask(weekly: tuple[Period, ...], when: datetime) -> None:
    assume(datetime(1900, 1, 8, tzinfo=UTC) < when < datetime(9999, 1, 1, tzinfo=UTC))
    mask = {slot for period in weekly for slot in covered_slots(period)}
    slot = when.weekday() * SLOTS_PER_DAY + (when.hour * 60 + when.minute) // 30
    assert Schedule("UTC", weekly=weekly).is_open_at(when) == (slot in mask)


def test_an_overnight_period_ending_in_the_spring_gap_closes_when_the_clocks_jump():
    """Saturday 01:30 to Sunday 01:00 in London on 2024-03-31, when 01:00 GMT is 02:00 BST: the
    clinic is open until that instant and closed from it (found by the property below)."""
    schedule = Schedule(
        "Europe/London", weekly=(Period(weekday=5, opens=time(1, 30), closes=time(1, 0)),)
    )
    change = schedule.next_change(utc(2024, 3, 30, 12), horizon_days=2)
    assert change is not None and not change.open
    assert change.at == utc(2024, 3, 31, 1)
    assert schedule.is_open_at(utc(2024, 3, 31, 1) - timedelta(microseconds=1))
    assert not schedule.is_open_at(utc(2024, 3, 31, 1))


@settings(max_examples=200, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    weekly=valid_weeks(),
    exceptions=exception_lists,
    when=instants,
    probe=st.floats(0, 1),
)
def test_is_open_at_flips_exactly_at_next_change(
    zone: str,
    weekly: tuple[Period, ...],
    exceptions: list[HoursException],
    when: datetime,
    probe: float,
) -> None:
    schedule = Schedule(zone, weekly=weekly, exceptions=tuple(exceptions))
    assume(not any(problem.field == "exceptions" for problem in schedule.problems()))
    now_open = schedule.is_open_at(when)
    change = schedule.next_change(when, horizon_days=30)
    if change is None:
        for hours in (1, 13, 24 * 7 + 5, 24 * 29):
            assert schedule.is_open_at(when + timedelta(hours=hours)) == now_open
        return
    assert change.at.tzinfo == ZoneInfo(zone)
    assert change.at > when
    assert change.open != now_open
    assert schedule.is_open_at(change.at) == change.open
    # the instant before, in UTC: wall-clock arithmetic on change.at would land in a DST gap
    # (02:00 BST minus 1 µs is 01:59:59 on a clock that skipped it, read as 02:59:59 BST)
    assert schedule.is_open_at(change.at.astimezone(UTC) - timedelta(microseconds=1)) == now_open
    in_between = when + (change.at - when) * probe
    if in_between < change.at:
        assert schedule.is_open_at(in_between) == now_open


@settings(max_examples=200, deadline=None)
@given(zone=st.sampled_from(ZONES), weekly=valid_weeks(), when=instants)
def test_the_zone_of_the_question_does_not_matter(
    zone: str, weekly: tuple[Period, ...], when: datetime
) -> None:
    schedule = Schedule(zone, weekly=weekly)
    answers = {schedule.is_open_at(when.astimezone(ZoneInfo(z))) for z in ZONES}
    assert len(answers) == 1


SUMMARY_PART = re.compile(r"^(?P<first>\w+)(?:–(?P<last>\w+))? (?P<hours>.+)$")


def parse_summary(text: str) -> dict[int, list[tuple[time, time]]]:
    """Read a 24-hour summary back into weekday -> periods."""
    days: dict[int, list[tuple[time, time]]] = {}
    for part in text.split("; "):
        match = SUMMARY_PART.match(part)
        assert match, part
        first = WEEKDAY_NAMES.index(match["first"])
        last = WEEKDAY_NAMES.index(match["last"]) if match["last"] else first
        pairs = []
        if match["hours"] != "closed":
            for pair in match["hours"].split(", "):
                opens, closes = pair.split("–")
                pairs.append((time.fromisoformat(opens), time.fromisoformat(closes)))
        for weekday in range(first, last + 1):
            assert weekday not in days
            days[weekday] = pairs
    return days


@settings(max_examples=300, deadline=None)
@given(weekly=st.lists(periods, min_size=1, max_size=8).map(tuple))
def test_summary_round_trips_the_grouping(weekly: tuple[Period, ...]) -> None:
    schedule = Schedule("UTC", weekly=weekly)
    summary = schedule.summary("24h")
    assert parse_summary(summary) == schedule.weekly_by_day()
    groups = summary.split("; ")
    assert len(groups) == len(schedule.summary("12h").split("; "))
    # Neighbouring groups always differ, otherwise they would have been merged.
    hours = [group.split(" ", 1)[1] for group in groups]
    assert all(a != b for a, b in itertools.pairwise(hours))
