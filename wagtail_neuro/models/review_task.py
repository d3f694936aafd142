"""``ClinicalReviewTask``: a workflow step only clinicians can approve, which records the review.

Add it to a workflow in Settings → Workflows and choose the clinicians' group. Approving asks the
clinician which author profile signs the review; the page's ``reviewed_by``, ``last_reviewed``
and ``next_review_due`` are stamped on a new revision, which the workflow then publishes.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, TaskState

from .review import MedicalReviewMixin
from .taxonomy import Author

__all__ = ["ClinicalReviewApprovalForm", "ClinicalReviewTask"]


class ClinicalReviewApprovalForm(TaskStateCommentForm):
    """Approval of a clinical review: who signs it (an author with credentials) and a comment."""

    reviewed_by = forms.ModelChoiceField(
        queryset=Author.objects.exclude(credentials=""),
        label=_("Medically reviewed by"),
        help_text=_("The clinician signing this review; only authors with credentials are listed."),
    )


class ClinicalReviewTask(AbstractGroupApprovalTask):
    """Group approval limited to its groups (superusers outside them cannot approve either:
    a clinical sign-off must come from a clinician)."""

    class Meta:
        verbose_name = _("Clinical review")
        verbose_name_plural = _("Clinical reviews")

    @classmethod
    def get_description(cls) -> str:
        return str(
            _(
                "Members of the chosen groups (your clinicians) approve the medical content; "
                "approval records who reviewed it and when."
            )
        )

    def _is_clinician(self, user: Any) -> bool:
        return user.is_authenticated and self._user_in_groups(user)

    def user_can_access_editor(self, obj: Any, user: Any) -> bool:
        return self._is_clinician(user)

    def locked_for_user(self, obj: Any, user: Any) -> bool:
        return not self._is_clinician(user)

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, str, bool]]:
        if not self._is_clinician(user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve clinical review"), True),
        ]

    def get_form_for_action(self, action: str) -> type[forms.Form]:
        if action == "approve":
            return ClinicalReviewApprovalForm
        return super().get_form_for_action(action)

    def get_task_states_user_can_moderate(self, user: Any, **kwargs: Any):
        if self._is_clinician(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @transaction.atomic
    def on_action(self, task_state: TaskState, user: Any, action_name: str, **kwargs: Any) -> Any:
        if not self._is_clinician(user):
            raise PermissionDenied
        reviewer = kwargs.pop("reviewed_by", None)
        if action_name == "approve":
            if reviewer is None:
                raise PermissionDenied  # the approval form requires a reviewer
            self.record_review(task_state, reviewer, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    def record_review(self, task_state: TaskState, reviewer: Author, user: Any) -> None:
        """A new revision of the latest content, stamped with the review; the workflow
        publishes the latest revision when it finishes."""
        obj = task_state.workflow_state.content_object
        content = obj.get_latest_revision_as_object()
        if not isinstance(content, MedicalReviewMixin):
            return
        content.record_review(reviewer)
        revision = content.save_revision(user=user, log_action=True)
        obj.latest_revision = revision  # the workflow publishes obj's latest revision
