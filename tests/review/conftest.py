"""Reviewed condition pages at each review status, relative to a fixed "today"."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import AuthorFactory, ConditionPageFactory

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def today(monkeypatch):
    """``timezone.localdate()`` is ``TODAY`` for the review code (no clock in the assertions)."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def reviewer(db):
    return AuthorFactory(name="Dr. Lee", credentials="MD", email="lee@clinic.example")


@pytest.fixture
def reviewed(conditions_index, reviewer, today):
    """``{status: page}``: overdue, due soon (in 10 days), current and never reviewed."""

    def page(title: str, due: dt.date | None) -> object:
        last = due.replace(year=due.year - 1) if due else None
        condition = ConditionPageFactory(
            parent=conditions_index,
            title=title,
            reviewed_by=reviewer if due else None,
            last_reviewed=last,
            next_review_due=due,
        )
        condition.save_revision().publish()
        return condition

    return {
        "overdue": page("Overdue Condition", today - dt.timedelta(days=3)),
        "due_soon": page("Due Soon Condition", today + dt.timedelta(days=10)),
        "current": page("Current Condition", today + dt.timedelta(days=200)),
        "not_reviewed": page("Unreviewed Condition", None),
    }
