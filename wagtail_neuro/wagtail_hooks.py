"""Admin wiring only: the snippet viewsets under one "Clinic" menu, and rich-text page links
that respect page visibility."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Author, Category, ClinicHoursSnippet
from .rich_text import VisiblePageLinkHandler
from .snippet_filters import CategoryFilterSet


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "role", "credentials", UpdatedAtColumn()]
    list_filter = {"role": ["exact", "icontains"]}
    ordering = ["name"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "description"]
    filterset_class = CategoryFilterSet
    ordering = ["name"]


class ClinicHoursViewSet(SnippetViewSet):
    model = ClinicHoursSnippet
    icon = "time"
    menu_label = _("Clinic hours")
    list_display = ["name", "timezone", "summary", UpdatedAtColumn()]
    list_filter = {"timezone": ["exact"], "live": ["exact"]}
    ordering = ["name"]


class ClinicViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, CategoryViewSet, ClinicHoursViewSet)
    menu_icon = "group"
    menu_label = _("Clinic")
    menu_name = "clinic"
    menu_order = 250


register_snippet(ClinicViewSetGroup)


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own "page" handler
def register_visible_page_links(features) -> None:
    features.register_link_type(VisiblePageLinkHandler)
