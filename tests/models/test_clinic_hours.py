"""``ClinicHoursSnippet``: validation in code and in the admin form, drafts and the data shape."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from wagtail.admin.panels import ObjectList
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.models import Revision

from tests.admin.form_data import list_block, nested_form_data, streamfield
from wagtail_neuro import hours
from wagtail_neuro.models import ClinicHoursSnippet
from wagtail_neuro.models.clinic_hours import HoursExceptionsBlock, WeeklyHoursBlock

NY = ZoneInfo("America/New_York")


def period(weekday: int, opens: str, closes: str) -> dict[str, Any]:
    return {"type": "period", "value": {"weekday": str(weekday), "opens": opens, "closes": closes}}


def exception(start: str, end: str | None = None, **value: Any) -> dict[str, Any]:
    value = {"label": "", "closed": True, "periods": [], **value}
    return {"type": "exception", "value": {"start_date": start, "end_date": end, **value}}


MON_THU_9_TO_5 = [period(day, "09:00", "17:00") for day in range(4)]
THANKSGIVING = exception("2024-11-28", label="Thanksgiving")
NEW_YEARS_EVE = exception(
    "2024-12-31",
    label="New Year's Eve",
    closed=False,
    periods=[{"opens": "10:00", "closes": "14:00"}],
)


def make(**fields: Any) -> ClinicHoursSnippet:
    values = {
        "name": "Office Hours",
        "timezone": "America/New_York",
        "weekly_hours": MON_THU_9_TO_5,
        "exceptions": [THANKSGIVING, NEW_YEARS_EVE],
        "notes": "Call ahead on holidays",
        **fields,
    }
    return ClinicHoursSnippet(**values)


def error_dict(snippet: ClinicHoursSnippet) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        snippet.full_clean()
    return error.value.message_dict


# --------------------------------------------------------------------------- model validation


@pytest.mark.django_db
class TestFullClean:
    def test_valid_snippet_saves_and_gets_a_slug(self) -> None:
        snippet = make()
        snippet.full_clean()
        snippet.save()
        assert snippet.slug == "office-hours"
        assert str(snippet) == "Office Hours"

    def test_slug_is_unique(self) -> None:
        make().save()
        second = make(name="Office hours")
        second.full_clean()
        assert second.slug == "office-hours-2"

    def test_unknown_time_zone(self) -> None:
        errors = error_dict(make(timezone="Mars/Base"))
        assert errors == {
            "timezone": [
                "Unknown time zone 'Mars/Base'. Use an IANA name such as America/New_York."
            ]
        }

    def test_overlapping_weekly_periods(self) -> None:
        weekly = [period(0, "22:00", "02:00"), period(1, "01:00", "09:00")]
        errors = error_dict(make(weekly_hours=weekly))
        assert errors == {
            "weekly_hours": [
                "Tuesday 01:00–09:00 overlaps Monday 22:00–02:00. "
                "Change the times or remove one of the periods."
            ]
        }

    def test_bad_exceptions_are_keyed_to_their_field(self) -> None:
        clash = exception("2024-11-27", "2024-11-29", label="Long weekend")
        errors = error_dict(
            make(exceptions=[THANKSGIVING, clash, exception("2024-12-31", closed=False)])
        )
        assert list(errors) == ["exceptions"]
        first, second = errors["exceptions"]
        assert first.startswith("2024-12-31 is marked open but has no opening periods.")
        assert second.startswith('"Long weekend" (2024-11-27–2024-11-29) and "Thanksgiving"')
        assert "both cover 2024-11-28" in second

    def test_default_time_zone_comes_from_settings(self, settings: Any) -> None:
        settings.TIME_ZONE = "Europe/London"
        assert ClinicHoursSnippet(name="Phones").timezone == "Europe/London"


# --------------------------------------------------------------------------- block validation


class TestBlockValidation:
    def test_weekly_overlap_is_reported_on_the_offending_period(self) -> None:
        block = WeeklyHoursBlock()
        value = block.to_python([period(0, "09:00", "13:00"), period(0, "12:00", "17:00")])
        with pytest.raises(StreamBlockValidationError) as error:
            block.clean(value)
        assert list(error.value.block_errors) == [1]
        assert error.value.as_json_data() == {
            "blockErrors": {
                1: {
                    "messages": [
                        "Monday 12:00–17:00 overlaps Monday 09:00–13:00. "
                        "Change the times or remove one of the periods."
                    ]
                }
            }
        }

    def test_valid_weekly_hours_pass(self) -> None:
        block = WeeklyHoursBlock()
        value = block.clean(block.to_python(MON_THU_9_TO_5))
        assert len(value) == 4

    def test_a_missing_time_is_left_to_the_child_block(self) -> None:
        block = WeeklyHoursBlock()
        value = block.to_python([{"type": "period", "value": {"weekday": "0", "opens": "09:00"}}])
        with pytest.raises(StreamBlockValidationError) as error:
            block.clean(value)
        assert "closes" in error.value.block_errors[0].block_errors

    def test_exception_clash_is_reported_on_the_later_exception(self) -> None:
        block = HoursExceptionsBlock()
        value = block.to_python([THANKSGIVING, exception("2024-11-28", label="Staff day")])
        with pytest.raises(StreamBlockValidationError) as error:
            block.clean(value)
        [message] = error.value.block_errors[1].messages
        assert message.startswith('"Staff day" (2024-11-28) and "Thanksgiving" (2024-11-28)')

    def test_closed_exception_with_periods(self) -> None:
        block = HoursExceptionsBlock()
        odd = exception("2024-12-31", periods=[{"opens": "10:00", "closes": "14:00"}])
        with pytest.raises(StreamBlockValidationError) as error:
            block.clean(block.to_python([odd]))
        assert "marked closed but lists opening periods" in error.value.block_errors[0].messages[0]

    def test_new_exception_starts_closed_without_periods(self) -> None:
        default = HoursExceptionsBlock().child_blocks["exception"].get_default()
        assert default["closed"] is True
        assert list(default["periods"]) == []


@pytest.mark.django_db
class TestAdminForm:
    """The edit form built from ``panels`` shows hours problems on the block that has them."""

    def form(self, weekly: list[tuple[str, dict[str, str]]]) -> Any:
        form_class = ObjectList(ClinicHoursSnippet.panels).bind_to_model(ClinicHoursSnippet)
        data = nested_form_data(
            {
                "name": "Office Hours",
                "slug": "",
                "timezone": "America/New_York",
                "weekly_hours": streamfield(weekly),
                "exceptions": streamfield(
                    [
                        (
                            "exception",
                            {
                                "label": "New Year's Eve",
                                "start_date": "2024-12-31",
                                "end_date": "",
                                "closed": "",
                                "periods": list_block([{"opens": "10:00", "closes": "14:00"}]),
                            },
                        )
                    ]
                ),
                "notes": "",
            }
        )
        return form_class.get_form_class()(data, instance=ClinicHoursSnippet())

    def test_valid_form_saves(self) -> None:
        form = self.form([("period", {"weekday": "0", "opens": "09:00", "closes": "17:00"})])
        assert form.is_valid(), form.errors
        snippet = form.save()
        assert snippet.summary == "Monday 9 AM–5 PM; Tuesday–Sunday closed"
        assert snippet.periods_on(date(2024, 12, 31))[0].opens == datetime(
            2024, 12, 31, 10, tzinfo=NY
        )

    def test_overlap_error_lands_on_the_period(self) -> None:
        form = self.form(
            [
                ("period", {"weekday": "0", "opens": "09:00", "closes": "13:00"}),
                ("period", {"weekday": "0", "opens": "12:00", "closes": "17:00"}),
            ]
        )
        assert not form.is_valid()
        [error] = form.errors.as_data()["weekly_hours"]
        assert isinstance(error, StreamBlockValidationError)
        assert error.block_errors[1].messages == [
            "Monday 12:00–17:00 overlaps Monday 09:00–13:00. "
            "Change the times or remove one of the periods."
        ]
        assert list(form.errors) == ["weekly_hours"]  # not repeated by the model's clean()


# --------------------------------------------------------------------------- the hours


@pytest.mark.django_db
class TestHours:
    def test_schedule_reads_the_stored_values(self) -> None:
        make().save()
        snippet = ClinicHoursSnippet.objects.get()
        assert snippet.schedule == hours.Schedule(
            "America/New_York",
            weekly=tuple(hours.Period(day, time(9), time(17)) for day in range(4)),
            exceptions=(
                hours.HoursException(date(2024, 11, 28), label="Thanksgiving"),
                hours.HoursException(
                    date(2024, 12, 31),
                    label="New Year's Eve",
                    closed=False,
                    periods=(hours.TimeRange(time(10), time(14)),),
                ),
            ),
        )

    def test_integer_weekdays_in_raw_json_are_accepted(self) -> None:
        raw = [{"type": "period", "value": {"weekday": 4, "opens": "08:00", "closes": "12:00"}}]
        make(weekly_hours=raw).save()
        assert ClinicHoursSnippet.objects.get().schedule.weekly_by_day()[4] == [(time(8), time(12))]

    def test_convenience_methods(self) -> None:
        snippet = make()
        assert snippet.is_open_at(datetime(2024, 11, 27, 10, tzinfo=NY))
        assert not snippet.is_open_at(datetime(2024, 11, 28, 10, tzinfo=NY))  # Thanksgiving
        assert snippet.next_change(datetime(2024, 11, 27, 10, tzinfo=NY)) == hours.Change(
            datetime(2024, 11, 27, 17, tzinfo=NY), False
        )
        assert snippet.periods_on(date(2024, 11, 28)) == []

    def test_summary_follows_the_time_format_setting(self, settings: Any) -> None:
        snippet = make()
        assert snippet.summary == "Monday–Thursday 9 AM–5 PM; Friday–Sunday closed"
        settings.WAGTAIL_NEURO_HOURS_TIME_FORMAT = "24h"
        assert snippet.summary == "Monday–Thursday 09:00–17:00; Friday–Sunday closed"

    def test_as_data(self) -> None:
        snippet = make()
        snippet.save()
        data = snippet.as_data(at=datetime(2024, 12, 31, 15, tzinfo=UTC))  # 10:00 in New York
        weekly = data.pop("weekly")
        spec = data.pop("opening_hours_specification")
        assert data == {
            "id": snippet.pk,
            "name": "Office Hours",
            "slug": "office-hours",
            "timezone": "America/New_York",
            "summary": "Monday–Thursday 9 AM–5 PM; Friday–Sunday closed",
            "exceptions": [
                {
                    "label": "Thanksgiving",
                    "start_date": "2024-11-28",
                    "end_date": None,
                    "closed": True,
                    "periods": [],
                },
                {
                    "label": "New Year's Eve",
                    "start_date": "2024-12-31",
                    "end_date": None,
                    "closed": False,
                    "periods": [{"opens": "10:00", "closes": "14:00"}],
                },
            ],
            "open_now": True,
            "next_change": {"at": "2024-12-31T14:00:00-05:00", "open": False},
            "today": {
                "date": "2024-12-31",
                "periods": [
                    {"opens": "2024-12-31T10:00:00-05:00", "closes": "2024-12-31T14:00:00-05:00"}
                ],
            },
            "notes": "Call ahead on holidays",
        }
        assert [day["weekday_name"] for day in weekly] == list(hours.WEEKDAY_NAMES)
        assert weekly[0] == {
            "weekday": 0,
            "weekday_name": "Monday",
            "periods": [{"opens": "09:00", "closes": "17:00"}],
        }
        assert weekly[6]["periods"] == []
        assert spec == snippet.schedule.opening_hours_specification()
        assert len(spec) == 6

    def test_today_is_the_clinics_local_date(self) -> None:
        # 03:00 UTC on Jan 1st is still Dec 31st in New York.
        data = make().as_data(at=datetime(2025, 1, 1, 3, tzinfo=UTC))
        assert data["today"]["date"] == "2024-12-31"
        assert data["open_now"] is False

    def test_as_data_defaults_to_now(self) -> None:
        data = make(weekly_hours=[], exceptions=[]).as_data()
        assert data["next_change"] is None
        assert data["summary"] == "Closed"
        assert data["today"]["periods"] == []


# --------------------------------------------------------------------------- drafts and preview


@pytest.mark.django_db
class TestDraftsAndRevisions:
    def test_a_draft_does_not_change_the_live_hours(self) -> None:
        snippet = make()
        snippet.save()
        snippet.save_revision().publish()
        snippet.weekly_hours = [period(5, "10:00", "12:00")]
        snippet.save_revision()
        live = ClinicHoursSnippet.objects.get()
        assert live.live and live.has_unpublished_changes
        assert live.summary == "Monday–Thursday 9 AM–5 PM; Friday–Sunday closed"
        assert live.get_latest_revision_as_object().summary == (
            "Monday–Friday closed; Saturday 10 AM–12 PM; Sunday closed"
        )

    def test_save_revision_refuses_a_bad_schedule(self) -> None:
        snippet = make()
        snippet.save()
        snippet.weekly_hours = [period(0, "09:00", "09:00")]
        with pytest.raises(ValidationError) as error:
            snippet.save_revision()
        assert "weekly_hours" in error.value.message_dict

    def test_revisions_can_be_queried_by_snippet(self) -> None:
        snippet = make()
        snippet.save()
        revision = snippet.save_revision()
        assert list(snippet.revisions.all()) == [revision]
        found = Revision.objects.filter(clinichourssnippet__slug="office-hours")
        assert list(found) == [revision]

    def test_scheduled_publishing(self) -> None:
        snippet = make()
        snippet.save()
        snippet.save_revision().publish()
        snippet.refresh_from_db()  # as the edit view does: publishing worked on a copy
        snippet.notes = "New year, new hours"
        snippet.go_live_at = datetime(2999, 1, 1, tzinfo=UTC)
        snippet.save_revision().publish()
        live = ClinicHoursSnippet.objects.get()
        assert live.notes == "Call ahead on holidays"
        assert live.scheduled_revision is not None
        assert live.scheduled_revision.as_object().notes == "New year, new hours"

    def test_preview_shows_the_hours(self) -> None:
        request = RequestFactory().get("/")
        response = make().serve_preview(request, "")
        html = response.render().content.decode()
        assert "Office Hours" in html
        assert "Monday–Thursday 9 AM–5 PM; Friday–Sunday closed" in html
        assert "Thanksgiving" in html
