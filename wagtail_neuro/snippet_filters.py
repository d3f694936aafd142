"""Filters for the snippet listings in the admin (wired up in ``wagtail_hooks``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.apps import apps
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from .models import AbstractArticlePage, Category

__all__ = ["CategoryFilterSet"]


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
