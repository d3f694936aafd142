"""Where each reviewed page stands: overdue, due soon (within ``WAGTAIL_NEURO_REVIEW_DUE_SOON_DAYS``)
or current. One rule for the report, the dashboard panel, the reminders and the page's own line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.models import Page

from ..conf import neuro_settings
from ..models.review import MedicalReviewMixin

OVERDUE = "overdue"
DUE_SOON = "due_soon"
CURRENT = "current"
NOT_REVIEWED = "not_reviewed"
STATUS_LABELS = {
    OVERDUE: _lazy("Overdue"),
    DUE_SOON: _lazy("Due soon"),
    CURRENT: _lazy("Current"),
    NOT_REVIEWED: _lazy("Not reviewed"),
}


def reviewed_models() -> list[type[Page]]:
    """Every concrete page model with the medical review fields."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, MedicalReviewMixin) and issubclass(model, Page)
    ]


def due_horizon(today: date | None = None) -> date:
    """The last due date counted as "due soon"."""
    return (today or timezone.localdate()) + timedelta(days=neuro_settings.REVIEW_DUE_SOON_DAYS)


def status_of(page: Any, today: date | None = None) -> str:
    today = today or timezone.localdate()
    due = getattr(page, "next_review_due", None)
    if not getattr(page, "last_reviewed", None) and due is None:
        return NOT_REVIEWED
    if due is None:
        return CURRENT
    if due < today:
        return OVERDUE
    if due <= due_horizon(today):
        return DUE_SOON
    return CURRENT


@dataclass(frozen=True)
class DuePage:
    page: Any
    status: str

    @property
    def days_left(self) -> int:
        return (self.page.next_review_due - timezone.localdate()).days


def pages_due(today: date | None = None) -> list[DuePage]:
    """Live pages whose review is overdue or due within the warning window, soonest first.

    A page never reviewed has no due date and is not listed: the report's filter finds those."""
    horizon = due_horizon(today)
    found: list[DuePage] = []
    for model in reviewed_models():
        queryset = (
            model.objects.live()
            .filter(next_review_due__isnull=False, next_review_due__lte=horizon)
            .select_related("reviewed_by")
        )
        found += [DuePage(page, status_of(page, today)) for page in queryset]
    found.sort(key=lambda due: (due.page.next_review_due, due.page.pk))
    return found


def due_filter(
    statuses: list[str],
    today: date | None = None,
    *,
    due: str = "next_review_due",
    last: str = "last_reviewed",
) -> Q:
    """A ``Q`` selecting pages in any of ``statuses``; ``due``/``last`` name the fields (or
    annotations) holding the due date and the last review."""
    today = today or timezone.localdate()
    horizon = due_horizon(today)
    clauses = {
        OVERDUE: Q(**{f"{due}__lt": today}),
        DUE_SOON: Q(**{f"{due}__gte": today, f"{due}__lte": horizon}),
        CURRENT: Q(**{f"{due}__gt": horizon})
        | Q(**{f"{due}__isnull": True, f"{last}__isnull": False}),
        NOT_REVIEWED: Q(**{f"{due}__isnull": True, f"{last}__isnull": True}),
    }
    query = Q(pk__in=[])
    for status in statuses:
        query |= clauses[status]
    return query


def review_line(page: Any) -> str:
    """ "Medically reviewed by … · Last reviewed … · Next review due …", or "" when unreviewed."""
    reviewer = getattr(page, "reviewed_by", None)
    last = getattr(page, "last_reviewed", None)
    if reviewer is None or last is None:
        return ""
    parts = [
        _("Medically reviewed by %(reviewer)s") % {"reviewer": reviewer},
        _("Last reviewed %(date)s") % {"date": date_format(last, "F j, Y")},
    ]
    if page.next_review_due:
        parts.append(
            _("Next review due %(date)s") % {"date": date_format(page.next_review_due, "F j, Y")}
        )
    return " · ".join(parts)
