"""DRF fields shared by API v2 and v3: models name them in ``api_fields``.

Each field's ``to_representation`` returns plain data built by :mod:`wagtail_neuro.representation`
and carries a return annotation from :mod:`wagtail_neuro.api.schemas`. API v2 calls the fields as
usual; Wagtail's v3 schema generator reads the annotation, so the OpenAPI schema is typed and v3
sends the same JSON as v2. StreamFields need no field here: both APIs send the stream's own
``get_api_representation``, and v3 types it from the field's block (see :mod:`.openapi`).

Fields read related objects through ``.all()`` so the prefetches made by
:func:`wagtail_neuro.api.prefetch.prefetch_pages` are used: a listing costs the same number of
queries for one page as for twenty.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from wagtail_neuro.media_urls import page_url
from wagtail_neuro.representation import image_data, rich_text_output

from . import schemas

__all__ = [
    "AliasesField",
    "AuthorField",
    "CategoriesField",
    "IcdCodesField",
    "ImageField",
    "RelatedArticlesField",
    "RelatedConditionsField",
    "RichTextDataField",
    "StringListField",
    "TagsField",
    "page_url",
]


def _request(field: serializers.Field) -> Any:
    try:
        return field.context.get("request")
    except AttributeError:
        return None


class ImageField(serializers.Field):
    """An image as ``{id, title, alt, width, height, url, renditions}``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> schemas.ImageData | None:
        return image_data(value, _request(self))


class RichTextDataField(serializers.Field):
    """Rich text as front-end HTML (internal links and embeds expanded, no ``linktype``), or as
    Markdown with ``?rich_text_format=markdown`` (:func:`~wagtail_neuro.representation.
    rich_text_output`)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:
        return rich_text_output(value, _request(self))


class StringListField(serializers.Field):
    """A list of strings (e.g. ``category_labels``), typed as such in the OpenAPI schema."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> list[str]:
        return [str(item) for item in value]


def author_data(author: Any, request: Any = None) -> dict[str, Any] | None:
    if author is None:
        return None
    return {
        "id": author.pk,
        "name": author.name,
        "slug": author.slug,
        "role": author.role,
        "credentials": author.credentials,
        "photo": image_data(author.photo, request),
        "bio": rich_text_output(author.bio, request),
    }


class AuthorField(serializers.Field):
    """An ``Author`` (byline or medical reviewer) with a photo rendition."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> schemas.AuthorData | None:
        return author_data(value, _request(self))


class CategoriesField(serializers.Field):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> list[schemas.CategoryData]:
        return [{"id": c.pk, "name": c.name, "slug": c.slug} for c in value.all()]


class TagsField(serializers.Field):
    """Tags as ``{name, slug}``; reads the prefetched tags (Wagtail's own field re-queries)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> list[schemas.TagData]:
        tags = sorted(value.all(), key=lambda tag: tag.name.casefold())
        return [{"name": tag.name, "slug": tag.slug} for tag in tags]


class _SourceStarField(serializers.Field):
    """A field computed from the whole page (``source="*"``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)


class RelatedArticlesField(_SourceStarField):
    """``get_related_articles()``: editor picks or articles sharing a tag or category; live and
    public only (the method goes through :func:`wagtail_neuro.visibility.visible_pages`)."""

    def to_representation(self, value: Any) -> list[schemas.RelatedArticle]:
        request = _request(self)
        return [
            {
                "id": article.pk,
                "title": article.title,
                "url": page_url(article, request),
                "summary": article.summary,
                "date": article.date.isoformat(),
            }
            for article in value.get_related_articles()
        ]


class RelatedConditionsField(_SourceStarField):
    """``get_related_conditions()``: related both ways, live and public only."""

    def to_representation(self, value: Any) -> list[schemas.RelatedCondition]:
        request = _request(self)
        return [
            {
                "id": condition.pk,
                "title": condition.title,
                "url": page_url(condition, request),
                "summary": condition.summary,
            }
            for condition in value.get_related_conditions()
        ]


class AliasesField(serializers.Field):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> list[str]:
        return [alias.name for alias in value.all()]


class IcdCodesField(serializers.Field):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> list[schemas.IcdCodeData]:
        return [{"code": code.code, "description": code.description} for code in value.all()]


class ClinicHoursDataField(_SourceStarField):
    """A ``ClinicHoursSnippet`` evaluated at the request's ``?at=`` (default now)."""

    def to_representation(self, value: Any) -> schemas.ClinicHoursData:
        return value.as_data(at=self.context.get("at"))
