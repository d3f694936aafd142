"""The dashboard panel "Clinical reviews due": pages overdue or due soon that the user may edit."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .report import ATTENTION, filter_by_status, reviewed_pages

PANEL_LENGTH = 10


class ReviewsDuePanel(Component):
    name = "wagtail_neuro_reviews_due"
    order = 150
    template_name = "wagtail_neuro/review/dashboard_panel.html"
    title = _("Clinical reviews due")

    def __init__(self, user: Any) -> None:
        self.user = user

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        pages = filter_by_status(reviewed_pages(self.user), ATTENTION).order_by(
            "review_due", "title", "pk"
        )
        return {
            "title": self.title,
            "pages": pages[:PANEL_LENGTH],
            "total": pages.count(),
        }

    def render_html(self, parent_context: Any = None) -> str:
        context = self.get_context_data(parent_context)
        if not context["total"]:
            return ""  # nothing due: no empty panel on the dashboard
        return super().render_html(parent_context)
