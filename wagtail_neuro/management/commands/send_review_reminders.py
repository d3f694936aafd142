"""``manage.py send_review_reminders``: email reviewers about pages due for clinical review.

Run it daily from cron; it sends each page's reminder once per due date (see
:mod:`wagtail_neuro.review.reminders`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wagtail_neuro.review.reminders import send_review_reminders


class Command(BaseCommand):
    help = "Email reviewers about pages overdue or due soon for clinical review."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be emailed; send nothing."
        )
        parser.add_argument("--date", help="Act as if today were this day (YYYY-MM-DD).")

    def handle(self, *args: Any, dry_run: bool = False, date: str | None = None, **options: Any):
        try:
            today = self.parse_date(date)
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD, got {date!r}.") from error
        run = send_review_reminders(today, dry_run=dry_run)
        verb = "Would email" if dry_run else "Emailed"
        for recipient, pages in run.sent.items():
            titles = ", ".join(page.title for page in pages)
            self.stdout.write(f"{verb} {recipient}: {titles}")
        for page in run.no_recipient:
            self.stderr.write(
                f"No email for the reviewer or owner of “{page.title}” (page {page.pk}); "
                "add one to the reviewer's author profile."
            )
        if not run.sent and not run.no_recipient:
            self.stdout.write("No reviews due.")

    @staticmethod
    def parse_date(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None
