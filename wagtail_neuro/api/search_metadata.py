"""REST fields for a page's ``jsonld`` (schema.org document) and ``seo`` (search metadata).

Both read the page itself (``source="*"`` is not needed: the models expose ``jsonld`` and
``seo`` as properties), and carry return annotations so API v3's OpenAPI schema is typed.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from wagtail_neuro.seo import SeoData

from .schemas import JsonLdDocument


class JsonLdField(serializers.Field):
    """The page's JSON-LD document: ``{"@context": "https://schema.org", "@graph": […]}``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> JsonLdDocument:
        return value


class SeoField(serializers.Field):
    """Title, description, canonical URL, sharing image, Open Graph and Twitter tags."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> SeoData:
        return value


def graphql_fields() -> list[Any]:
    """``seo: SeoData!`` and ``jsonld: GenericScalar!`` for a page model's ``graphql_fields``."""
    from graphene.types.generic import GenericScalar

    from .graphql import fields as gql

    types = "wagtail_neuro.api.graphql.types.seo"
    return [
        gql.GraphQLResolved("seo", f"{types}.SeoData", f"{types}.resolve_seo", required=True),
        gql.GraphQLResolved(
            "jsonld",
            GenericScalar,
            f"{types}.resolve_jsonld",
            required=True,
            description="The page's schema.org JSON-LD document (@context and @graph).",
        ),
    ]
