"""``next_review_due``: last review + the review interval unless set; shown on the page and in
the APIs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from tests.factories import ConditionPageFactory
from wagtail_neuro.models.review import add_months, default_next_review


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2024, 8, 19), 12, dt.date(2025, 8, 19)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2025, 11, 30), 3, dt.date(2026, 2, 28)),
        (dt.date(2025, 12, 15), 6, dt.date(2026, 6, 15)),
    ],
)
def test_add_months_clamps_to_the_months_end(day, months, expected):
    assert add_months(day, months) == expected


def test_default_interval_is_twelve_months_and_a_setting():
    assert default_next_review(dt.date(2024, 9, 1)) == dt.date(2025, 9, 1)
    with override_settings(WAGTAIL_NEURO_REVIEW_INTERVAL_MONTHS=6):
        assert default_next_review(dt.date(2024, 9, 1)) == dt.date(2025, 3, 1)
    assert default_next_review(None) is None


def test_saving_a_review_fills_the_due_date(conditions_index, reviewer):
    page = ConditionPageFactory(
        parent=conditions_index, reviewed_by=reviewer, last_reviewed=dt.date(2024, 9, 1)
    )
    page.refresh_from_db()
    assert page.next_review_due == dt.date(2025, 9, 1)


def test_an_editor_set_due_date_is_kept(conditions_index, reviewer):
    page = ConditionPageFactory(
        parent=conditions_index,
        reviewed_by=reviewer,
        last_reviewed=dt.date(2024, 9, 1),
        next_review_due=dt.date(2025, 1, 1),
    )
    page.refresh_from_db()
    assert page.next_review_due == dt.date(2025, 1, 1)


def test_due_date_before_the_review_is_refused(conditions_index, reviewer):
    from django.core.exceptions import ValidationError

    page = ConditionPageFactory(parent=conditions_index)
    page.reviewed_by = reviewer
    page.last_reviewed = dt.date(2024, 9, 1)
    page.next_review_due = dt.date(2024, 8, 1)
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "next_review_due" in raised.value.message_dict


def test_the_page_shows_reviewer_last_review_and_next_due(conditions_index, reviewer, client):
    page = ConditionPageFactory(
        parent=conditions_index, reviewed_by=reviewer, last_reviewed=dt.date(2024, 9, 1)
    )
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Medically reviewed by Dr. Lee, MD" in html
    assert 'Last reviewed <time datetime="2024-09-01">September 1, 2024</time>' in html
    assert 'Next review due <time datetime="2025-09-01">September 1, 2025</time>' in html


def test_record_review_stamps_reviewer_today_and_next_due(conditions_index, reviewer, today):
    page = ConditionPageFactory(parent=conditions_index)
    page.record_review(reviewer)
    assert (page.reviewed_by, page.last_reviewed, page.next_review_due) == (
        reviewer,
        today,
        add_months(today, 12),
    )


def test_the_reviewers_email_is_never_published(conditions_index, reviewer, client, settings):
    settings.ROOT_URLCONF = "tests.structured_data.urls"
    page = ConditionPageFactory(
        parent=conditions_index, reviewed_by=reviewer, last_reviewed=dt.date(2024, 9, 1)
    )
    page.save_revision().publish()
    for url in (f"/api/v2/pages/{page.pk}/", f"/api/v3/pages/{page.pk}/", page.url):
        response = client.get(url)
        assert response.status_code == 200
        assert reviewer.email not in response.content.decode()
    from grapple.schema import schema

    assert "email" not in str(schema.graphql_schema.get_type("Author").fields)
