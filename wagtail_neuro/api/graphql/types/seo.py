"""``SeoData`` and ``jsonld``: a page's search metadata and schema.org document in GraphQL.

The values are :func:`wagtail_neuro.seo.page_seo` and
:func:`wagtail_neuro.structured_data.page_document`, the same data the REST feeds and the page
templates use; only the names are GraphQL's (``canonicalUrl``, ``openGraph``).
"""

from __future__ import annotations

from typing import Any

import graphene

from wagtail_neuro.seo import page_seo
from wagtail_neuro.structured_data import page_document


class SeoImage(graphene.ObjectType):
    """The sharing image: an absolute URL of its 1200×630 rendition, with alt text."""

    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    alt = graphene.String(required=True)


class MetaTag(graphene.ObjectType):
    """One ``<meta>`` tag: Open Graph tags use ``property``, Twitter tags ``name``."""

    key = graphene.String(required=True)
    content = graphene.String(required=True)


class SeoData(graphene.ObjectType):
    title = graphene.String(required=True)
    description = graphene.String(required=True)
    canonical_url = graphene.String()
    image = graphene.Field(SeoImage)
    open_graph = graphene.List(graphene.NonNull(MetaTag), required=True)
    twitter = graphene.List(graphene.NonNull(MetaTag), required=True)


def resolve_seo(obj: Any, info: Any) -> dict[str, Any]:
    return page_seo(obj)


def resolve_jsonld(obj: Any, info: Any) -> dict[str, Any]:
    return page_document(obj)
