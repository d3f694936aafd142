"""The clinic-hours listing says which hours are live, drafts or scheduled, and filters by it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ClinicHoursSnippetFactory

pytestmark = pytest.mark.django_db

LIST_URL = "wagtailsnippets_wagtail_neuro_clinichourssnippet:list"


@pytest.fixture
def three_states():
    live = ClinicHoursSnippetFactory(name="Office Hours")
    live.save_revision().publish()
    draft = ClinicHoursSnippetFactory(name="Phone Lines", live=False)
    draft.save_revision()
    scheduled = ClinicHoursSnippetFactory(name="Winter Hours")
    scheduled.save_revision().publish()
    scheduled.refresh_from_db()  # as the edit view does: it knows its live revision
    scheduled.go_live_at = timezone.now() + dt.timedelta(days=30)
    scheduled.save_revision().publish()  # approved to go live later; the old hours stay live
    return live, draft, scheduled


def names(response) -> list[str]:
    return [str(item) for item in response.context["object_list"]]


def test_the_status_column_shows_live_draft_and_scheduled(admin_client, three_states):
    html = admin_client.get(reverse(LIST_URL)).content.decode()
    assert "Status" in html
    assert "live + scheduled" in html
    assert "draft" in html


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("live", ["Office Hours", "Winter Hours"]),
        ("draft", ["Phone Lines"]),
        ("scheduled", ["Winter Hours"]),
        ("", ["Office Hours", "Phone Lines", "Winter Hours"]),
    ],
)
def test_filter_by_status(admin_client, three_states, status, expected):
    response = admin_client.get(reverse(LIST_URL), {"status": status})
    assert response.status_code == 200
    assert names(response) == expected
