"""Reminder emails to reviewers: one email per reviewer listing their pages that are overdue or
fall due within ``WAGTAIL_NEURO_REVIEW_DUE_SOON_DAYS``, sent once per page and due date.

Run daily by cron (``manage.py send_review_reminders``) or as the django-tasks task
:func:`send_review_reminders_task`. The reviewer's ``Author.email`` gets it; without one, the
page's owner does. Each sent reminder is logged as a ``ReviewReminder``, so running again the
same day (or the next) sends nothing new until a review moves the due date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from ..models.review import ReviewReminder
from .status import pages_due


def recipient_of(page: Any) -> str:
    reviewer = page.reviewed_by
    if reviewer is not None and reviewer.email:
        return reviewer.email
    owner = page.owner
    return owner.email if owner is not None and owner.email else ""


@dataclass
class ReminderRun:
    """What one run did: emails sent per recipient, and pages nobody could be told about."""

    sent: dict[str, list[Any]] = field(default_factory=dict)
    no_recipient: list[Any] = field(default_factory=list)


def send_review_reminders(today: date | None = None, *, dry_run: bool = False) -> ReminderRun:
    today = today or timezone.localdate()
    already = set(ReviewReminder.objects.values_list("page_id", "due_date"))
    by_recipient: dict[str, list[Any]] = defaultdict(list)
    run = ReminderRun()
    for due in pages_due(today):
        page = due.page
        if (page.pk, page.next_review_due) in already:
            continue
        recipient = recipient_of(page)
        if recipient:
            by_recipient[recipient].append(due)
        else:
            run.no_recipient.append(page)
    for recipient, items in by_recipient.items():
        run.sent[recipient] = [item.page for item in items]
        if dry_run:
            continue
        with transaction.atomic():
            ReviewReminder.objects.bulk_create(
                ReviewReminder(
                    page=item.page, due_date=item.page.next_review_due, recipient=recipient
                )
                for item in items
            )
            send_reminder(recipient, items, today)
    return run


def send_reminder(recipient: str, items: list[Any], today: date) -> None:
    context = {
        "items": items,
        "today": today,
        "base_url": getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/"),
    }
    send_mail(
        subject=_("Clinical review due: %(count)d page(s)") % {"count": len(items)},
        message=render_to_string("wagtail_neuro/review/reminder_email.txt", context),
        from_email=None,
        recipient_list=[recipient],
    )


@task()
def send_review_reminders_task() -> dict[str, int]:
    """The same run as the management command, for a django-tasks schedule."""
    run = send_review_reminders()
    return {"emails": len(run.sent), "pages": sum(len(pages) for pages in run.sent.values())}
