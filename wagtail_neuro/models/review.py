"""Medical review fields shared by articles and condition pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .taxonomy import Author


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

    review_panels = [FieldPanel("reviewed_by"), FieldPanel("last_reviewed")]

    class Meta:
        abstract = True

    def clean_medical_review(self) -> dict[str, str]:
        """Errors keyed by field: a reviewer needs a date, a date needs a reviewer, no future dates."""
        errors: dict[str, str] = {}
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = _(
                "The review date is in the future; enter the day it happened."
            )
        if self.reviewed_by_id and not self.last_reviewed:
            errors["last_reviewed"] = _("Enter the date of the review, or remove the reviewer.")
        if self.last_reviewed and not self.reviewed_by_id:
            errors["reviewed_by"] = _("Choose who reviewed this content, or clear the review date.")
        return errors

    def clean(self) -> None:
        super().clean()
        errors = self.clean_medical_review()
        if errors:
            raise ValidationError(errors)
