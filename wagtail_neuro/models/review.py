"""Medical review fields shared by articles and condition pages."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel

from ..conf import neuro_settings
from ..native_dates import NativeDateInput
from .taxonomy import Author


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def default_next_review(last_reviewed: date | None) -> date | None:
    """When the next review falls due: ``WAGTAIL_NEURO_REVIEW_INTERVAL_MONTHS`` after the last."""
    if last_reviewed is None:
        return None
    return add_months(last_reviewed, neuro_settings.REVIEW_INTERVAL_MONTHS)


class MedicalReviewMixin(models.Model):
    """Who checked the clinical content and when: readers (and search engines) trust dated reviews."""

    reviewed_by = models.ForeignKey(
        Author,
        verbose_name=_("medically reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The clinician who checked this content for medical accuracy."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("The date of the latest medical review. Required when a reviewer is chosen."),
    )
    next_review_due = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        help_text=_(
            "When the content must be checked again. Leave empty to use the review interval "
            "(12 months by default) from the last review."
        ),
    )

    review_panels = [
        FieldPanel("reviewed_by"),
        FieldPanel("last_reviewed", widget=NativeDateInput),
        FieldPanel("next_review_due", widget=NativeDateInput),
    ]

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fill_next_review_due()
        super().save(*args, **kwargs)

    def clean_medical_review(self) -> dict[str, str]:
        """Errors keyed by field: a reviewer needs a date, and no future dates.

        "A date needs a reviewer" is checked by :class:`MedicalReviewForm` only: deleting an
        Author sets ``reviewed_by`` to null and leaves the date, and a model rule would then
        make every later save of the page fail (unpublishing, scheduled publishing)."""
        errors: dict[str, str] = {}
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = _(
                "The review date is in the future; enter the day it happened."
            )
        if self.reviewed_by_id and not self.last_reviewed:
            errors["last_reviewed"] = _("Enter the date of the review, or remove the reviewer.")
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            errors["next_review_due"] = _(
                "The next review must fall after the last one; leave it empty to use the "
                "review interval."
            )
        return errors

    def clean(self) -> None:
        super().clean()
        errors = self.clean_medical_review()
        if errors:
            raise ValidationError(errors)
        self.fill_next_review_due()

    def fill_next_review_due(self) -> None:
        """An empty due date becomes the last review plus the review interval."""
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = default_next_review(self.last_reviewed)

    def record_review(self, reviewer: Author, on: date | None = None) -> None:
        """Stamp a completed clinical review: who, when, and the next one due by the interval."""
        self.reviewed_by = reviewer
        self.last_reviewed = on or timezone.localdate()
        self.next_review_due = default_next_review(self.last_reviewed)


class MedicalReviewForm(WagtailAdminPageForm):
    """The page form of reviewed pages: a review date needs a reviewer."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            "next_review_due" in self.fields
            and "last_reviewed" in self.changed_data
            and "next_review_due" not in self.changed_data
        ):
            # a new review date moves the due date along, unless the editor set both
            cleaned["next_review_due"] = default_next_review(cleaned.get("last_reviewed"))
        if (
            "reviewed_by" in self.fields
            and cleaned.get("last_reviewed")
            and not cleaned.get("reviewed_by")
        ):
            self.add_error(
                "reviewed_by", _("Choose who reviewed this content, or clear the review date.")
            )
        return cleaned

    def refuse_self_in_formset(self, formset_name: str, field: str, message: str) -> None:
        """Add ``message`` to each row of an inline formset that points at this very page.

        Orderables' own ``clean`` never sees the parent's id on a new row, so the check lives
        in the page form, where it is refused on the field instead of saved."""
        formset = self.formsets.get(formset_name)
        if formset is None or not self.instance.pk or not formset.is_valid():
            return  # each row's own errors come first (is_valid also cleans the rows)
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            target = data.get(field)
            if target is not None and not data.get("DELETE") and target.pk == self.instance.pk:
                form.add_error(field, message)


class ReviewReminder(models.Model):
    """A reminder email sent for one page's due date, so cron runs never send it twice."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    due_date = models.DateField(_("review due"))
    recipient = models.EmailField(_("sent to"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(fields=["page", "due_date"], name="neuro_one_reminder_per_due")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} due {self.due_date} → {self.recipient}"
