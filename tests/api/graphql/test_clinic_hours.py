"""``clinicHours(at:)`` and ``allClinicHours``: open/closed and the next change at an instant,
on either side of opening and closing in the clinic's time zone (Mon–Thu 09:00–17:00, New York).
"""

from __future__ import annotations

import pytest

from tests.factories import ClinicHoursSnippetFactory

pytestmark = pytest.mark.django_db

HOURS = """
query ($at: String) {
  clinicHours(name: "Office Hours", at: $at) {
    name timezone at isOpenNow nextChange { at isOpen } summary
    weekly { weekday weekdayName periods { opens closes } }
    exceptions { label startDate closed }
  }
}
"""


@pytest.mark.parametrize(
    ("at", "is_open", "next_change"),
    [
        # Monday 6 January 2025, EST (UTC-5)
        ("2025-01-06T08:59:00-05:00", False, {"at": "2025-01-06T09:00:00-05:00", "isOpen": True}),
        ("2025-01-06T09:00:00-05:00", True, {"at": "2025-01-06T17:00:00-05:00", "isOpen": False}),
        ("2025-01-06T16:59:59-05:00", True, {"at": "2025-01-06T17:00:00-05:00", "isOpen": False}),
        ("2025-01-06T17:00:00-05:00", False, {"at": "2025-01-07T09:00:00-05:00", "isOpen": True}),
        # the same instants given in UTC
        ("2025-01-06T13:59:00Z", False, {"at": "2025-01-06T09:00:00-05:00", "isOpen": True}),
        ("2025-01-06T14:00:00+00:00", True, {"at": "2025-01-06T17:00:00-05:00", "isOpen": False}),
        # Thursday evening: closed until Monday
        ("2025-01-09T17:00:00-05:00", False, {"at": "2025-01-13T09:00:00-05:00", "isOpen": True}),
        # the Monday after the spring-forward change: 09:00 is now UTC-4
        ("2025-03-10T12:59:00Z", False, {"at": "2025-03-10T09:00:00-04:00", "isOpen": True}),
        ("2025-03-10T13:00:00Z", True, {"at": "2025-03-10T17:00:00-04:00", "isOpen": False}),
    ],
)
def test_open_and_next_change_at_an_instant(gql, clinic_hours, at, is_open, next_change):
    data = gql.data(HOURS, {"at": at})["clinicHours"]
    assert data["isOpenNow"] is is_open
    assert data["nextChange"] == next_change
    assert data["timezone"] == "America/New_York"


def test_weekly_hours_and_summary(gql, clinic_hours):
    data = gql.data(HOURS, {"at": "2025-01-06T12:00:00-05:00"})["clinicHours"]
    assert data["weekly"][0] == {
        "weekday": 0,
        "weekdayName": "Monday",
        "periods": [{"opens": "09:00", "closes": "17:00"}],
    }
    assert [day["weekday"] for day in data["weekly"] if day["periods"]] == [0, 1, 2, 3]
    assert data["summary"]
    assert data["exceptions"] == []


def test_an_instant_without_a_utc_offset_is_refused_as_in_rest(gql, clinic_hours):
    """One rule for ``at`` in both feeds: a wall-clock time names no single instant."""
    body = gql(HOURS, {"at": "2025-01-06T09:30:00"})
    assert body["errors"][0]["message"].startswith(
        "`at` must be an ISO 8601 date-time with a UTC offset"
    )


def test_a_bad_instant_is_a_graphql_error(gql, clinic_hours):
    body = gql(HOURS, {"at": "next tuesday"})
    assert body["errors"][0]["message"].startswith("`at` must be an ISO 8601 date-time")


@pytest.mark.parametrize(
    "at", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59"]
)
@pytest.mark.parametrize("query", [HOURS, "query ($at: String) { allClinicHours(at: $at) { at } }"])
def test_an_instant_out_of_range_is_a_graphql_error(gql, clinic_hours, at, query):
    body = gql(query, {"at": at})
    assert body["errors"][0]["message"] == "`at` must be between the years 1000 and 9000."


def test_lookup_by_id_or_slug_and_all_published_hours(gql, clinic_hours):
    ClinicHoursSnippetFactory(name="Phone Lines")
    ClinicHoursSnippetFactory(name="Draft Hours", live=False)
    by_id = gql.data(f'{{ clinicHours(id: "{clinic_hours.pk}") {{ name }} }}')
    assert by_id["clinicHours"] == {"name": "Office Hours"}
    by_slug = gql.data('{ clinicHours(name: "office-hours") { name } }')
    assert by_slug["clinicHours"] == {"name": "Office Hours"}
    everything = gql.data('{ allClinicHours(at: "2025-01-06T10:00:00-05:00") { name isOpenNow } }')
    assert everything["allClinicHours"] == [
        {"name": "Office Hours", "isOpenNow": True},
        {"name": "Phone Lines", "isOpenNow": True},
    ]
    assert gql.data('{ clinicHours(name: "Draft Hours") { name } }') == {"clinicHours": None}


def test_the_snippet_type_evaluates_hours_too(gql, clinic_hours):
    data = gql.data(
        '{ snippets { ... on ClinicHoursSnippet { name hours(at: "2025-01-06T18:00:00-05:00") '
        "{ isOpenNow nextChange { at } } } } }"
    )
    assert data["snippets"] == [
        {
            "name": "Office Hours",
            "hours": {"isOpenNow": False, "nextChange": {"at": "2025-01-07T09:00:00-05:00"}},
        }
    ]
