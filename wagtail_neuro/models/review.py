"""Medical review fields shared by articles and condition pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
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
        return errors

    def clean(self) -> None:
        super().clean()
        errors = self.clean_medical_review()
        if errors:
            raise ValidationError(errors)


class MedicalReviewForm(WagtailAdminPageForm):
    """The page form of reviewed pages: a review date needs a reviewer."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
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
