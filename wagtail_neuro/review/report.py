"""The "Clinical review" report (Reports → Clinical review): reviewed pages by review status,
with CSV and XLSX export like Wagtail's own reports.

One query over every reviewed page model: the review fields of each model are read with
subqueries and coalesced, so the listing pages, filters and sorts in the database.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import (
    Case,
    CharField,
    DateField,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .status import (
    CURRENT,
    DUE_SOON,
    NOT_REVIEWED,
    OVERDUE,
    STATUS_LABELS,
    due_filter,
    due_horizon,
    reviewed_models,
)

ATTENTION = "attention"
ALL = "all"


def _review_value(field: str, output_field: Any) -> Any:
    """``field`` of whichever reviewed model the page is, for a ``Page`` queryset."""
    subqueries = [
        Subquery(
            model.objects.filter(pk=OuterRef("pk")).values(field)[:1], output_field=output_field
        )
        for model in reviewed_models()
    ]
    return subqueries[0] if len(subqueries) == 1 else Coalesce(*subqueries)


def reviewed_pages(user: Any = None) -> QuerySet:
    """Pages of every reviewed model (that ``user`` may edit), annotated with ``review_due``,
    ``review_last``, ``reviewer_name`` and ``review_status``."""
    today = timezone.localdate()
    pages = Page.objects.type(*reviewed_models())
    if user is not None:
        pages = pages & PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return pages.annotate(
        review_due=_review_value("next_review_due", DateField()),
        review_last=_review_value("last_reviewed", DateField()),
        reviewer_name=_review_value("reviewed_by__name", CharField()),
    ).annotate(
        review_status=Case(
            When(review_due__lt=today, then=Value(str(STATUS_LABELS[OVERDUE]))),
            When(review_due__lte=due_horizon(today), then=Value(str(STATUS_LABELS[DUE_SOON]))),
            When(
                review_due__isnull=True,
                review_last__isnull=True,
                then=Value(str(STATUS_LABELS[NOT_REVIEWED])),
            ),
            default=Value(str(STATUS_LABELS[CURRENT])),
            output_field=CharField(),
        )
    )


class ReviewReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Review"),
        choices=[
            (ATTENTION, _("Overdue or due soon")),
            (OVERDUE, STATUS_LABELS[OVERDUE]),
            (DUE_SOON, STATUS_LABELS[DUE_SOON]),
            (CURRENT, STATUS_LABELS[CURRENT]),
            (NOT_REVIEWED, STATUS_LABELS[NOT_REVIEWED]),
            (ALL, _("All reviewed page types")),
        ],
        empty_label=None,
        null_label=None,
        method="filter_status",
    )
    reviewer = django_filters.CharFilter(
        label=_("Reviewer name contains"), field_name="reviewer_name", lookup_expr="icontains"
    )

    class Meta:
        model = Page
        fields: list[str] = []

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return filter_by_status(queryset, value)


def filter_by_status(queryset: QuerySet, value: str) -> QuerySet:
    if value == ALL:
        return queryset
    statuses = [OVERDUE, DUE_SOON] if value in ("", ATTENTION) else [value]
    return queryset.filter(due_filter(statuses, due="review_due", last="review_last"))


class ReviewReportView(ReportView):
    """Pages whose clinical review is overdue or due soon (by default), soonest first."""

    page_title = _("Clinical review")
    header_icon = "tasks"
    filterset_class = ReviewReportFilterSet
    index_url_name = "wagtail_neuro_review_report"
    index_results_url_name = "wagtail_neuro_review_report_results"
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["add", "change", "publish"]
    columns = [
        TitleColumn(
            "title",
            label=_("Title"),
            get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
        ),
        Column("review_status", label=_("Review")),
        Column("reviewer_name", label=_("Reviewed by")),
        DateColumn("review_last", label=_("Last reviewed")),
        DateColumn("review_due", label=_("Next review due")),
    ]
    list_export = [
        "title",
        "review_status",
        "reviewer_name",
        "review_last",
        "review_due",
        "full_url",
    ]
    export_headings = {
        "title": _("Title"),
        "review_status": _("Review"),
        "reviewer_name": _("Reviewed by"),
        "review_last": _("Last reviewed"),
        "review_due": _("Next review due"),
        "full_url": _("URL"),
    }

    def get_filename(self) -> str:
        return f"clinical-review-{timezone.localdate().isoformat()}"

    def get_queryset(self) -> QuerySet:
        pages = reviewed_pages(self.request.user)
        if not self.request.GET.get("status"):
            pages = filter_by_status(pages, ATTENTION)
        return pages.order_by(F("review_due").asc(nulls_last=True), "title", "pk")
