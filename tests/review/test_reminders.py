"""Reminder emails for pages overdue or due soon: one email per reviewer, once per due date, by
management command (cron) or django-tasks task."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from tests.factories import AuthorFactory
from wagtail_neuro.models import ReviewReminder
from wagtail_neuro.review.reminders import send_review_reminders, send_review_reminders_task


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("send_review_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_reviewer_gets_one_email_listing_their_due_pages(reviewed):
    out, _err = run()
    assert len(mail.outbox) == 1
    (email,) = mail.outbox
    assert email.to == ["lee@clinic.example"]
    assert "Overdue Condition: overdue since June 12, 2026" in email.body
    assert "Due Soon Condition: due June 25, 2026" in email.body
    assert "Current Condition" not in email.body
    assert f"http://testserver/admin/pages/{reviewed['overdue'].pk}/edit/" in email.body
    assert "Emailed lee@clinic.example: Overdue Condition, Due Soon Condition" in out


def test_a_second_run_sends_nothing_new(reviewed):
    run()
    run()
    assert len(mail.outbox) == 1
    assert ReviewReminder.objects.count() == 2


def test_a_new_due_date_is_reminded_again(reviewed, today):
    run()
    page = reviewed["overdue"]
    page.next_review_due = today + dt.timedelta(days=5)
    page.save_revision().publish()
    run()
    assert len(mail.outbox) == 2
    assert "Overdue Condition" in mail.outbox[1].body
    assert "Due Soon Condition" not in mail.outbox[1].body


def test_dry_run_sends_and_records_nothing(reviewed):
    out, _err = run("--dry-run")
    assert "Would email lee@clinic.example" in out
    assert mail.outbox == [] and not ReviewReminder.objects.exists()


def test_pages_without_any_recipient_are_reported(reviewed):
    reviewer = AuthorFactory(name="No Mail", credentials="MD", email="")
    page = reviewed["overdue"]
    page.reviewed_by = reviewer
    page.save_revision().publish()
    _out, err = run()
    assert "Overdue Condition" in err
    assert [email.to for email in mail.outbox] == [["lee@clinic.example"]]


def test_the_date_option(reviewed):
    out, _err = run("--date", "2020-01-01", "--dry-run")
    assert "No reviews due." in out
    with pytest.raises(CommandError):
        run("--date", "soon")


def test_the_task_sends_the_same_reminders(reviewed, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = send_review_reminders_task.enqueue()
    assert result.return_value == {"emails": 1, "pages": 2}
    assert len(mail.outbox) == 1


def test_nothing_due_nothing_sent(conditions_index, today):
    assert send_review_reminders().sent == {}
    assert mail.outbox == []
