"""Filters for the snippet listings in the admin (wired up in ``wagtail_hooks``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Revision

from .models import AbstractArticlePage, Category, ClinicHoursSnippet

__all__ = ["CategoryFilterSet", "ClinicHoursFilterSet", "with_scheduled_revision"]


def categories_in_use() -> set[int]:
    """Ids of the categories that any article model (the package's or a subclass) uses."""
    used: set[int] = set()
    for model in apps.get_models():
        if issubclass(model, AbstractArticlePage) and "categories" in model.__dict__:
            through = model._meta.get_field("categories").remote_field.through
            used.update(through.objects.values_list("category_id", flat=True))
    return used


class CategoryFilterSet(WagtailFilterSet):
    """Find the categories no article uses any more (candidates for clean-up), or those in use."""

    in_use = django_filters.BooleanFilter(
        label=_("Used by articles"),
        method="filter_in_use",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Category
        fields: list[str] = []

    def filter_in_use(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        used = categories_in_use()
        return queryset.filter(pk__in=used) if value else queryset.exclude(pk__in=used)


STATUS_CHOICES = [
    ("live", _("Live")),
    ("draft", _("Draft (unpublished changes, not scheduled)")),
    ("scheduled", _("Scheduled")),
]


def with_scheduled_revision(queryset: QuerySet) -> QuerySet:
    """Rows with a revision approved to go live later (a scheduled change of hours).

    ``Revision.object_id`` is text: the primary key is cast to text rather than the other way
    round, so PostgreSQL never casts another model's ids."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    scheduled = Revision.objects.filter(
        base_content_type=content_type, approved_go_live_at__isnull=False
    ).values("object_id")
    return queryset.annotate(pk_text=Cast("pk", CharField())).filter(pk_text__in=scheduled)


class ClinicHoursFilterSet(WagtailFilterSet):
    """Find the hours that are live, still drafts, or waiting for a scheduled publish."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, method="filter_status", empty_label=_("Any")
    )

    class Meta:
        model = ClinicHoursSnippet
        fields = {"timezone": ["exact"]}

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "live":
            return queryset.filter(live=True)
        if value == "draft":  # unpublished changes that nobody scheduled
            scheduled = with_scheduled_revision(queryset.model.objects.all()).values("pk")
            return queryset.filter(Q(live=False) | Q(has_unpublished_changes=True)).exclude(
                pk__in=scheduled
            )
        if value == "scheduled":
            return with_scheduled_revision(queryset)
        return queryset
