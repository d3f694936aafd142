"""Wiring only: the snippet viewsets under one "Clinic" menu, rich-text page links that respect
page visibility, and no HTML for a page whose ``expire_at`` has passed."""

from __future__ import annotations

from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Author, Category, ClinicHoursSnippet
from .review import admin as review_admin
from .rich_text import PublicDocumentLinkHandler, PublicImageEmbedHandler, VisiblePageLinkHandler
from .snippet_filters import CategoryFilterSet, ClinicHoursFilterSet
from .visibility import is_published


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
    # Live / Draft / Scheduled, so a scheduled change of hours shows in the listing
    list_display = ["name", "timezone", "summary", LiveStatusTagColumn(), UpdatedAtColumn()]
    filterset_class = ClinicHoursFilterSet
    ordering = ["name"]


class ClinicViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, CategoryViewSet, ClinicHoursViewSet)
    menu_icon = "group"
    menu_label = _("Clinic")
    menu_name = "clinic"
    menu_order = 250


register_snippet(ClinicViewSetGroup)


@hooks.register("insert_editor_js")
def tab_error_badges() -> str:
    """Badges on every tab holding an error after a failed save (wagtail#12823)."""
    return format_html('<script src="{}"></script>', static("wagtail_neuro/js/tab-errors.js"))


@hooks.register("insert_editor_js")
def block_search_by_description() -> str:
    """The block picker finds blocks by their description too ("CTA", "urgent"): Wagtail 8's
    picker searches only the label and the block name."""
    return format_html('<script src="{}"></script>', static("wagtail_neuro/js/block-search.js"))


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own handlers
def register_visible_page_links(features) -> None:
    features.register_link_type(VisiblePageLinkHandler)
    # document links and images with public, absolute URLs (wagtail_neuro.media_urls)
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_embed_type(PublicImageEmbedHandler)


@hooks.register("before_serve_page")
def refuse_expired_pages(page, request, serve_args, serve_kwargs) -> None:
    """An expired page stops being served the moment ``expire_at`` passes: Wagtail keeps it
    live (and serves it) until the ``publish_scheduled`` command next runs."""
    if not is_published(page):
        raise Http404


# Clinical review: the report (Reports → Clinical review) and the dashboard panel
hooks.register("register_admin_urls", review_admin.admin_urls)
hooks.register("register_reports_menu_item", review_admin.report_menu_item)
hooks.register("construct_homepage_panels", review_admin.add_dashboard_panel)
