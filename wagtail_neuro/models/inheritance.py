"""Which model a page's queries run on, so the abstract bases work for an agency's subclasses."""

from __future__ import annotations

from django.apps import apps
from django.db import models

__all__ = ["family_model", "resolve_model"]


def family_model(cls: type[models.Model], abstract_base: type) -> type[models.Model]:
    """The topmost concrete model in ``cls``'s line that subclasses ``abstract_base``.

    ``ArticlePage`` for ``ArticlePage`` and for a multi-table ``VideoArticlePage(ArticlePage)``
    (so related articles include both kinds); ``ClinicArticle`` for an agency's
    ``ClinicArticle(AbstractArticlePage)``. Queries on it find the page's own kind of pages.
    """
    line = [
        klass
        for klass in cls.__mro__
        if isinstance(klass, type)
        and issubclass(klass, models.Model)
        and issubclass(klass, abstract_base)
        and not klass._meta.abstract
    ]
    return line[-1] if line else cls


def resolve_model(label: str | type[models.Model]) -> type[models.Model]:
    """A model from an ``"app_label.ModelName"`` label (or the model itself)."""
    return apps.get_model(label) if isinstance(label, str) else label
