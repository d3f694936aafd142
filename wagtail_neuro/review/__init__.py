"""Clinical review governance: which pages are due for review (:mod:`.status`), the admin report
and dashboard panel (:mod:`.report`, :mod:`.panels`), reminder emails (:mod:`.reminders`).
The review fields live on :class:`wagtail_neuro.models.review.MedicalReviewMixin` and the
workflow step on :class:`wagtail_neuro.models.review_task.ClinicalReviewTask`."""
