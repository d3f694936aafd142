"""The weekly-hours table and the yearly/public-holiday exceptions, through the real snippet
views: one screen for Monday–Friday with a lunch break, explicit overnight periods, errors that
name the day and keep what was typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.admin.form_data import list_block, nested_form_data, streamfield
from tests.admin.test_snippets import weekly_table
from tests.factories import ClinicHoursSnippetFactory
from wagtail_neuro.models import ClinicHoursSnippet

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_wagtail_neuro_clinichourssnippet:add"
WEEKDAYS = range(5)


def lunch_break_week() -> list[tuple[str, dict]]:
    return [
        ("period", {"weekday": str(day), "opens": opens, "closes": closes})
        for day in WEEKDAYS
        for opens, closes in (("09:00", "12:00"), ("13:00", "17:00"))
    ]


def post(admin_client, weekly: dict, exceptions: list | None = None, publish: bool = True):
    data = {
        **nested_form_data(
            {
                "name": "Office Hours",
                "slug": "",
                "timezone": "America/New_York",
                "exceptions": streamfield(exceptions or []),
                "notes": "",
            }
        ),
        **weekly,
    }
    if publish:
        data["action-publish"] = "action-publish"
    return admin_client.post(reverse(ADD_URL), data)


def field_errors(response, field: str) -> str:
    return " ".join(" ".join(e.messages) for e in response.context["form"].errors[field].as_data())


def test_weekdays_with_a_lunch_break_in_one_form(admin_client):
    response = post(admin_client, weekly_table(lunch_break_week()))
    assert response.status_code == 302, response.context["form"].errors
    hours = ClinicHoursSnippet.objects.get()
    # stored as the same period blocks hours.py has always read
    assert [child.block_type for child in hours.weekly_hours] == ["period"] * 10
    assert hours.summary == "Monday–Friday 9 AM–12 PM, 1 PM–5 PM; Saturday–Sunday closed"


def test_closing_before_opening_is_refused_unless_it_closes_next_day(admin_client):
    typo = [("period", {"weekday": "5", "opens": "17:00", "closes": "09:00"})]
    response = post(admin_client, weekly_table(typo))
    assert response.status_code == 200
    message = field_errors(response, "weekly_hours")
    assert "Saturday 17:00–09:00" in message and "closes next day" in message
    assert not ClinicHoursSnippet.objects.exists()
    # nothing typed is lost: the table comes back with the times
    html = response.content.decode()
    assert 'name="weekly_hours-5-0-opens" value="17:00"' in html
    assert 'name="weekly_hours-5-0-closes" value="09:00"' in html

    overnight = [
        ("period", {"weekday": "5", "opens": "17:00", "closes": "09:00", "overnight": True})
    ]
    response = post(admin_client, weekly_table(overnight))
    assert response.status_code == 302, response.context["form"].errors
    assert ClinicHoursSnippet.objects.get().summary.startswith(
        "Monday–Friday closed; Saturday 5 PM–9 AM"
    )


def test_until_midnight_needs_no_overnight_tick(admin_client):
    evening = [("period", {"weekday": "4", "opens": "18:00", "closes": "00:00"})]
    response = post(admin_client, weekly_table(evening))
    assert response.status_code == 302, response.context["form"].errors


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ({"weekly_hours-0-closed": "on"}, "Monday is marked closed but has opening times"),
        ({"weekly_hours-1-0-closes": ""}, "Tuesday: give both an opening and a closing time"),
        ({"weekly_hours-2-0-overnight": "on"}, "is marked “closes next day” but closes after"),
    ],
)
def test_contradictory_rows_are_named(admin_client, extra, fragment):
    data = {**weekly_table(lunch_break_week()), **extra}
    response = post(admin_client, data)
    assert response.status_code == 200
    assert fragment in field_errors(response, "weekly_hours")


def test_overlaps_are_still_caught_by_the_schedule_rules(admin_client):
    periods = [
        ("period", {"weekday": "0", "opens": "09:00", "closes": "12:00"}),
        ("period", {"weekday": "0", "opens": "11:00", "closes": "17:00"}),
    ]
    response = post(admin_client, weekly_table(periods))
    assert "overlaps" in field_errors(response, "weekly_hours")


def test_the_edit_form_shows_the_stored_week_as_a_table(admin_client):
    hours = ClinicHoursSnippetFactory(
        weekly_hours=[
            ("period", {"weekday": "0", "opens": "09:00", "closes": "12:00"}),
            ("period", {"weekday": "5", "opens": "22:00", "closes": "02:00"}),
        ]
    )
    url = reverse("wagtailsnippets_wagtail_neuro_clinichourssnippet:edit", args=(hours.pk,))
    html = admin_client.get(url).content.decode()
    assert "Copy Monday to weekdays" in html
    assert 'name="weekly_hours-0-0-opens" value="09:00"' in html
    assert (
        'name="weekly_hours-1-closed" id="weekly_hours-1-closed" data-neuro-hours-closed checked'
        in html
    )
    saturday = html.split('name="weekly_hours-5-0-overnight"')[1].split(">")[0]
    assert "checked" in saturday  # the stored overnight period is shown ticked


def christmas(**overrides) -> tuple[str, dict]:
    value = {
        "label": "Christmas Day",
        "month": "12",
        "day": "25",
        "ordinal": "",
        "weekday": "",
        "closed": "on",
        "periods": list_block([]),
        **overrides,
    }
    return ("recurring", value)


def test_a_yearly_closure_is_entered_once_and_resolved_for_the_feeds(admin_client):
    thanksgiving = christmas(label="Thanksgiving", month="11", day="", ordinal="4", weekday="3")
    response = post(
        admin_client, weekly_table(lunch_break_week()), exceptions=[christmas(), thanksgiving]
    )
    assert response.status_code == 302, response.context["form"].errors
    hours = ClinicHoursSnippet.objects.get()
    data = hours.as_data(at=dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC))
    assert [(e["label"], e["start_date"]) for e in data["exceptions"]] == [
        ("Thanksgiving", "2026-11-26"),
        ("Christmas Day", "2026-12-25"),
    ]  # the coming year only
    assert any(
        spec.get("validFrom") == "2026-12-25" for spec in data["opening_hours_specification"]
    )
    assert hours.get_schedule().periods_on(dt.date(2031, 12, 25)) == []


def test_public_holidays_by_country_and_region(admin_client):
    calendar = ("public_holidays", {"country": "US", "subdivision": "NC"})
    response = post(admin_client, weekly_table(lunch_break_week()), exceptions=[calendar])
    assert response.status_code == 302, response.context["form"].errors
    data = ClinicHoursSnippet.objects.get().as_data(at=dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC))
    labels = {e["start_date"]: e["label"] for e in data["exceptions"]}
    assert labels["2026-11-26"] == "Thanksgiving Day"
    assert labels["2026-12-25"] == "Christmas Day"


@pytest.mark.parametrize(
    ("exception", "fragment"),
    [
        (christmas(month="2", day="30"), "February has no day 30"),
        (christmas(day=""), "give either a day of the month"),
        (("public_holidays", {"country": "US", "subdivision": "ZZ"}), "Unknown region 'ZZ'"),
    ],
)
def test_bad_yearly_rules_are_refused_on_the_block(admin_client, exception, fragment):
    response = post(admin_client, weekly_table(lunch_break_week()), exceptions=[exception])
    assert response.status_code == 200
    errors = response.context["form"].errors["exceptions"].as_data()[0]
    assert fragment in str(errors.as_json_data())
    assert not ClinicHoursSnippet.objects.exists()
