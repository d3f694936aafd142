"""``{% clinic_hours %}`` renders the live hours for non-headless sites."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from tests.factories import ClinicHoursSnippetFactory

pytestmark = pytest.mark.django_db


def render(source: str) -> str:
    return Template("{% load wagtail_neuro_tags %}" + source).render(Context())


def test_renders_the_live_hours_by_slug():
    ClinicHoursSnippetFactory(name="Office Hours", slug="office-hours")
    html = render('{% clinic_hours "office-hours" heading="Office Hours" %}')
    assert "Office Hours" in html
    assert "Monday–Thursday 9 AM–5 PM" in html
    assert "Friday" in html and "Closed" in html


def test_renders_nothing_without_live_hours():
    ClinicHoursSnippetFactory(slug="office-hours", live=False)
    assert render('{% clinic_hours "office-hours" %}').strip() == ""


def test_renders_nothing_for_expired_hours():
    """Expired but still live (the scheduled unpublish job has not run yet) is not shown."""
    ClinicHoursSnippetFactory(
        slug="office-hours", expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert render('{% clinic_hours "office-hours" %}').strip() == ""
