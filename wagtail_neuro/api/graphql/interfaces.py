"""``ArticleInterface`` and ``ConditionInterface``: what every article (or condition) page type
answers, whoever declared the model.

An agency's ``ClinicArticle(AbstractArticlePage)`` gets its own grapple type; listing it in
``articles`` (and in ``relatedArticles``) needs a type both it and ``ArticlePage`` implement.
The abstract bases name these interfaces in ``graphql_interfaces`` (grapple's public hook for
interfaces), and the interfaces are built from the abstract base's own ``graphql_fields``, so a
field is declared once, on the model, and every implementing type agrees with the interface.
"""

from __future__ import annotations

from typing import Any

from grapple.actions import get_field_type
from grapple.registry import registry
from grapple.types.interfaces import get_page_interface

__all__ = ["ArticleInterface", "ConditionInterface"]


def page_family_interface(name: str, abstract_base: type, description: str) -> type:
    """A page interface (grapple's ``PageInterface`` fields) plus the fields the abstract base
    declares in ``graphql_fields``; a page resolves to the grapple type of its own class."""
    attrs: dict[str, Any] = {}
    for declared in abstract_base.graphql_fields:
        field, graphene_field = get_field_type(declared() if callable(declared) else declared)
        attrs[field.field_name] = graphene_field

    def resolve_type(cls: type, instance: Any, info: Any) -> Any:
        return registry.pages.get(type(instance))

    class Meta:
        pass

    Meta.name = name
    Meta.description = description
    attrs["Meta"] = Meta
    attrs["resolve_type"] = classmethod(resolve_type)
    return type(name, (get_page_interface(),), attrs)


def _build() -> tuple[type, type]:
    from wagtail_neuro.models import AbstractArticlePage, AbstractConditionPage

    return (
        page_family_interface(
            "ArticleInterface",
            AbstractArticlePage,
            "Any article page type: the package's ArticlePage or an agency's own subclass of "
            "AbstractArticlePage.",
        ),
        page_family_interface(
            "ConditionInterface",
            AbstractConditionPage,
            "Any condition page type: the package's ConditionPage or an agency's own subclass "
            "of AbstractConditionPage.",
        ),
    )


ArticleInterface, ConditionInterface = _build()
