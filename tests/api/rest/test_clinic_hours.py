"""Clinic hours over v2 and v3: ``open_now`` and ``next_change`` at ``?at=`` instants on either
side of opening and closing, in the clinic's time zone (Mon–Thu 9–17, America/New_York)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

pytestmark = pytest.mark.django_db

# Monday 6 January 2025 is in EST (UTC-5); Monday 10 March 2025 is the first EDT Monday (UTC-4).
CASES = [
    ("2025-01-06T08:59:00-05:00", False, "2025-01-06T09:00:00-05:00", True),
    ("2025-01-06T14:00:00Z", True, "2025-01-06T17:00:00-05:00", False),  # 09:00 EST
    ("2025-01-06T16:59:59-05:00", True, "2025-01-06T17:00:00-05:00", False),
    ("2025-01-06T17:00:00-05:00", False, "2025-01-07T09:00:00-05:00", True),
    ("2025-01-09T22:00:00Z", False, "2025-01-13T09:00:00-05:00", True),  # Thu 17:00 → Mon
    ("2025-03-10T12:59:00Z", False, "2025-03-10T09:00:00-04:00", True),  # 08:59 EDT
    ("2025-03-10T13:00:00Z", True, "2025-03-10T17:00:00-04:00", False),  # 09:00 EDT
]


@pytest.mark.parametrize("version", ["v2", "v3"])
@pytest.mark.parametrize(("at", "open_now", "change_at", "change_open"), CASES)
def test_open_now_and_next_change(
    client, clinic_hours, version, at, open_now, change_at, change_open
):
    response = client.get(f"/api/{version}/clinic-hours/{clinic_hours.pk}/?at={quote(at)}")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["open_now"] is open_now
    assert data["next_change"] == {"at": change_at, "open": change_open}


def test_detail_fields(client, clinic_hours):
    data = client.get(
        f"/api/v2/clinic-hours/{clinic_hours.pk}/?at=2025-01-06T12:00:00-05:00"
    ).json()
    assert data["name"] == "Office Hours"
    assert data["timezone"] == "America/New_York"
    assert data["summary"]
    assert data["weekly"][0] == {
        "weekday": 0,
        "weekday_name": "Monday",
        "periods": [{"opens": "09:00", "closes": "17:00"}],
    }
    assert data["exceptions"] == []
    assert data["today"] == {
        "date": "2025-01-06",
        "periods": [{"opens": "2025-01-06T09:00:00-05:00", "closes": "2025-01-06T17:00:00-05:00"}],
    }
    assert data["opening_hours_specification"][0]["@type"] == "OpeningHoursSpecification"


def test_today_is_the_clinics_local_date(client, clinic_hours):
    # 02:00 UTC on Tuesday is still Monday evening in New York
    data = client.get(f"/api/v2/clinic-hours/{clinic_hours.pk}/?at=2025-01-07T02:00:00Z").json()
    assert data["today"]["date"] == "2025-01-06"


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_listing(client, clinic_hours, version):
    response = client.get(f"/api/{version}/clinic-hours/?at=2025-01-06T17:00:00Z")
    assert response.status_code == 200
    data = response.json()
    items = data["items"]
    assert [item["name"] for item in items] == ["Office Hours"]
    assert items[0]["open_now"] is True


def test_v2_and_v3_agree(client, clinic_hours):
    query = "?at=2025-01-06T12:00:00Z"
    v2 = client.get(f"/api/v2/clinic-hours/{clinic_hours.pk}/{query}").json()
    v3 = client.get(f"/api/v3/clinic-hours/{clinic_hours.pk}/{query}").json()
    assert v2 == v3


def test_drafts_and_unpublished_hours_are_hidden(client, clinic_hours):
    from tests.factories import ClinicHoursSnippetFactory

    hidden = ClinicHoursSnippetFactory(name="Draft hours", live=False)
    clinic_hours.notes = "DRAFT NOTE"
    clinic_hours.save_revision()  # a draft of the published hours
    clinic_hours.refresh_from_db()
    for version in ("v2", "v3"):
        listing = client.get(f"/api/{version}/clinic-hours/").content.decode()
        assert "Draft hours" not in listing and "DRAFT NOTE" not in listing
        assert client.get(f"/api/{version}/clinic-hours/{hidden.pk}/").status_code == 404


def test_v3_is_anonymous_and_cacheable(client, clinic_hours):
    response = client.get(f"/api/v3/clinic-hours/{clinic_hours.pk}/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert response["ETag"]


@pytest.mark.parametrize("version", ["v2", "v3"])
@pytest.mark.parametrize(
    "query", ["?at=tomorrow", "?at=2025-01-06T12:00:00", "?at=2025-13-01T00:00:00Z", "?when=now"]
)
def test_bad_at_is_400_json(client, clinic_hours, version, query):
    response = client.get(f"/api/{version}/clinic-hours/{clinic_hours.pk}/{query}")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body.get("message") or body.get("detail")


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_unknown_id_is_404(client, clinic_hours, version):
    assert client.get(f"/api/{version}/clinic-hours/999999/").status_code == 404


def test_search_finds_published_hours_by_name(client, clinic_hours):
    response = client.get("/api/v2/clinic-hours/?search=office")
    assert response.status_code == 200, response.content
    assert [item["id"] for item in response.json()["items"]] == [clinic_hours.pk]
    assert client.get("/api/v2/clinic-hours/?search=weekend").json()["items"] == []
