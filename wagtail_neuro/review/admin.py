"""Admin wiring of clinical review: the report's URLs and menu item, and the dashboard panel.
``wagtail_hooks.py`` registers these functions; the logic lives beside them."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from .panels import ReviewsDuePanel
from .report import ReviewReportView


def admin_urls() -> list[Any]:
    return [
        path(
            "reports/clinical-review/",
            ReviewReportView.as_view(),
            name="wagtail_neuro_review_report",
        ),
        path(
            "reports/clinical-review/results/",
            ReviewReportView.as_view(results_only=True),
            name="wagtail_neuro_review_report_results",
        ),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return ReviewReportView.permission_policy.user_has_any_permission(
            request.user, ReviewReportView.any_permission_required
        )


def report_menu_item() -> MenuItem:
    return ReviewReportMenuItem(
        _("Clinical review"),
        reverse("wagtail_neuro_review_report"),
        name="clinical-review",
        icon_name="tasks",
        order=1150,
    )


def add_dashboard_panel(request: Any, panels: list[Any]) -> None:
    panels.append(ReviewsDuePanel(request.user))
