"""What lets an agency subclass the abstract bases: the model a page's queries run on, and
StreamFields redeclared with the agency's own blocks."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from wagtail.fields import StreamField

__all__ = ["extend_stream_field", "family_model", "resolve_model"]


def extend_stream_field(base: type[models.Model], name: str, stream_block: Any) -> StreamField:
    """``base``'s StreamField ``name`` (label, help text, blank) with another stream block.

    An agency adds its own blocks to an abstract base's body by subclassing the package's
    stream and redeclaring the field, copying nothing else::

        class ClinicArticleBody(ArticleBodyBlock):
            faq = FaqBlock()

        class ClinicArticlePage(AbstractArticlePage):
            body = extend_stream_field(AbstractArticlePage, "body", ClinicArticleBody())

    Every feed reads the field's own block, so the new block is served (and typed) by REST v2,
    v3 and GraphQL with no other change.
    """
    field = base._meta.get_field(name)
    if not isinstance(field, StreamField):
        raise TypeError(f"{base.__name__}.{name} is not a StreamField.")
    return StreamField(
        stream_block,
        verbose_name=field.verbose_name,
        help_text=field.help_text,
        blank=field.blank,
        null=field.null,
    )


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
